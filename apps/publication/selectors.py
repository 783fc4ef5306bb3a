"""Reads of the publication rule tables."""
from apps.publication.models import PenaltyKindRule, PublicityClass, PublicityPeriod
from apps.publication.rules import ClassRule, Period, RuleBook


def load_rulebook() -> RuleBook:
    """The rule tables as a RuleBook (three small queries)."""
    periods: dict[str, list[Period]] = {}
    for row in PublicityPeriod.objects.order_by("effective_from"):
        periods.setdefault(row.publicity_class_id, []).append(Period(row.effective_from, row.min_months,
                                                                     row.max_months))
    classes = {c.code: ClassRule(c.code, c.rank, c.published, tuple(periods.get(c.code, ())))
               for c in PublicityClass.objects.all()}
    kinds = dict(PenaltyKindRule.objects.values_list("kind", "publicity_class_id"))
    return RuleBook(classes=classes, kind_classes=kinds)
