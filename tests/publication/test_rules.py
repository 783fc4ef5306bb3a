import datetime as dt

import pytest

from apps.publication.enums import EndReason, PublicationState
from apps.publication.rules import ClassRule, Period, RuleBook, place_licence, place_list_entry, place_penalty

RULES = RuleBook(
    classes={
        "minor": ClassRule("minor", 1, False, (Period(dt.date(2026, 4, 1), 0, 3),)),
        "general": ClassRule("general", 2, True, (Period(dt.date(2026, 4, 1), 3, 12),)),
        "serious": ClassRule("serious", 3, True, (Period(dt.date(2026, 4, 1), 12, 36),)),
    },
    kind_classes={"警告": "minor", "通报批评": "minor", "罚款": "general", "吊销许可证件": "serious",
                  "限制从业": "serious", "责令关闭": "serious", "降低资质等级": "serious"},
)
TODAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize("kinds, expected", [
    (["警告"], "minor"),
    (["警告", "通报批评"], "minor"),
    (["警告", "罚款"], "general"),
    (["罚款", "没收违法所得"], "general"),
    (["罚款", "吊销许可证件"], "serious"),
    (["限制从业"], "serious"),
])
def test_class_comes_from_the_most_severe_kind(kinds, expected):
    assert RULES.class_for_kinds(kinds) == expected


def test_general_penalty_is_public_from_decision_for_3_to_12_months():
    p = place_penalty(decision_date=dt.date(2026, 6, 1), publicity_class="general", provider_end=None,
                      revoked=False, rules=RULES, today=TODAY)
    assert (p.state, p.window_start, p.earliest_end, p.latest_end) == (
        PublicationState.PUBLISHED, dt.date(2026, 6, 1), dt.date(2026, 9, 1), dt.date(2027, 6, 1))


def test_serious_penalty_is_public_for_one_to_three_years():
    p = place_penalty(decision_date=dt.date(2026, 6, 1), publicity_class="serious", provider_end=None,
                      revoked=False, rules=RULES, today=TODAY)
    assert (p.earliest_end, p.latest_end) == (dt.date(2027, 6, 1), dt.date(2029, 6, 1))


def test_minor_penalty_is_withheld():
    p = place_penalty(decision_date=dt.date(2026, 6, 1), publicity_class="minor", provider_end=None,
                      revoked=False, rules=RULES, today=TODAY)
    assert (p.state, p.end_reason) == (PublicationState.WITHHELD, EndReason.MINOR)


def test_penalty_whose_window_closed_before_import_is_stored_as_expired():
    p = place_penalty(decision_date=dt.date(2019, 10, 10), publicity_class="general", provider_end=None,
                      revoked=False, rules=RULES, today=TODAY)
    assert (p.state, p.actual_end) == (PublicationState.EXPIRED, dt.date(2020, 10, 10))


def test_provider_end_shortens_but_never_lengthens_the_window():
    shorter = place_penalty(decision_date=dt.date(2026, 6, 1), publicity_class="general",
                            provider_end=dt.date(2027, 1, 1), revoked=False, rules=RULES, today=TODAY)
    longer = place_penalty(decision_date=dt.date(2026, 6, 1), publicity_class="general",
                           provider_end=dt.date(2030, 1, 1), revoked=False, rules=RULES, today=TODAY)
    assert shorter.latest_end == dt.date(2027, 1, 1)
    assert longer.latest_end == dt.date(2027, 6, 1)


def test_revoked_penalty_is_never_published():
    p = place_penalty(decision_date=dt.date(2026, 6, 1), publicity_class="general", provider_end=None,
                      revoked=True, rules=RULES, today=TODAY)
    assert p.state == PublicationState.REVOKED


def test_rule_in_force_on_the_decision_date_applies():
    rules = RuleBook(classes={"general": ClassRule("general", 2, True, (Period(dt.date(2019, 1, 1), 3, 6),
                                                                        Period(dt.date(2026, 4, 1), 3, 12)))},
                     kind_classes={})
    old = place_penalty(decision_date=dt.date(2025, 12, 1), publicity_class="general", provider_end=None,
                        revoked=False, rules=rules, today=TODAY)
    assert old.latest_end == dt.date(2026, 6, 1)


def test_long_term_licence_stays_published():
    p = place_licence(decision_date=dt.date(2020, 1, 1), valid_from=None, valid_to=None, revoked=False, today=TODAY)
    assert (p.state, p.latest_end) == (PublicationState.PUBLISHED, None)


def test_licence_past_its_validity_is_expired():
    p = place_licence(decision_date=dt.date(2019, 9, 1), valid_from=dt.date(2019, 9, 5),
                      valid_to=dt.date(2020, 9, 22), revoked=False, today=TODAY)
    assert p.state == PublicationState.EXPIRED


@pytest.mark.parametrize("reason, state", [("信用修复", PublicationState.REPAIRED), ("撤销", PublicationState.REVOKED),
                                           ("期满", PublicationState.EXPIRED)])
def test_removed_list_entry_ends_for_its_removal_reason(reason, state):
    p = place_list_entry(listed_on=dt.date(2025, 1, 1), valid_until=None, default_months=36, removed=True,
                         removed_on=dt.date(2026, 1, 1), removal_reason=reason, today=TODAY)
    assert (p.state, p.actual_end) == (state, dt.date(2026, 1, 1))


def test_list_entry_without_end_takes_the_list_duration():
    p = place_list_entry(listed_on=dt.date(2025, 1, 1), valid_until=None, default_months=36, removed=False,
                         removed_on=None, removal_reason=None, today=TODAY)
    assert (p.state, p.latest_end) == (PublicationState.PUBLISHED, dt.date(2028, 1, 1))
