"""Words for enumerated values on the pages, in the visitor's language.

The models' choice labels are Chinese because the data and the API speak Chinese; the pages translate the values
themselves, with English message ids like every other text of the site."""
from django.utils.translation import gettext_lazy as _

from apps.publication.datasets import DATASETS

LABELS = {
    "dataset": {spec.name: spec.singular for spec in DATASETS},
    "datasets": {spec.name: spec.plural for spec in DATASETS},
    "colour": {"red": _("Red list"), "black": _("Black list"), "watch": _("Watch list")},
    "end_reason": {"expired": _("its publicity period ended"), "repaired": _("the party's credit was repaired"),
                   "revoked": _("the decision was revoked"), "objection_upheld": _("an objection was upheld"),
                   "minor": _("a minor violation, which is not published")},
    "entry_status": {"在列": _("listed"), "已移出": _("removed")},
    # The heading of each facet of the search page; a facet without one is shown under its own name.
    "facet": {"dataset": _("Kind"), "list": _("List"), "authority": _("Authority"), "region": _("Region"),
              "kind": _("Penalty kind"), "category": _("Party category"), "year": _("Year")},
}


def label(kind: str, value: str) -> str:
    """The word for `value` of an enumeration `kind` (dataset, datasets, colour, end_reason, entry_status,
    facet); the value itself when there is none."""
    return str(LABELS[kind].get(value, value))
