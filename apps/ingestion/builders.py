"""Model fields and lifecycle placement of each record kind, from a parsed row's canonical values."""
import datetime as dt
from dataclasses import dataclass

from apps.ingestion.normalise import INDEFINITE
from apps.lists.enums import EntryStatus
from apps.lists.models import ListEntry, ListType
from apps.publication.enums import Dataset
from apps.publication.rules import Placement, RuleBook, place_licence, place_list_entry, place_penalty
from apps.records.enums import DecisionStatus
from apps.records.models import Licence, Penalty


@dataclass
class BuildContext:
    """What building a record needs beyond its own row."""

    rules: RuleBook
    today: dt.date
    list_types: dict[str, ListType]


def _date(value):
    return None if value is None or value is INDEFINITE else value


def _text(values: dict, name: str) -> str:
    return values.get(name) or ""


def _party(values: dict) -> dict:
    return {
        "party_name": values["party_name"],
        "party_category": values["party_category"],
        "party_uscc": _text(values, "party_uscc"),
        "legal_representative": _text(values, "legal_representative"),
    }


def _decision(values: dict) -> dict:
    """Fields penalties and licences share: the party as the decision names it, and the decision's identity."""
    return {
        **_party(values),
        "party_legacy_ids": values.get("party_legacy_ids") or {},
        "decision_number": values["decision_number"],
        "decision_date": values["decision_date"],
        "remarks": _text(values, "remarks"),
    }


def penalty_fields(values: dict, ctx: BuildContext, list_code: str | None) -> tuple[dict, Placement]:
    publicity_class = values.get("publicity_class") or ctx.rules.class_for_kinds(values["kinds"])
    fields = {
        **_decision(values),
        "violation_type": values["violation_type"],
        "case_name": _text(values, "case_name"),
        "facts": values["facts"],
        "legal_basis": values["legal_basis"],
        "kinds": values["kinds"],
        "content": values["content"],
        "fine_amount": values.get("fine_amount"),
        "confiscated_amount": values.get("confiscated_amount"),
        "licence_affected": _text(values, "licence_affected"),
        "valid_until": _date(values.get("valid_until")),
        "provider_publicity_end": _date(values.get("provider_publicity_end")),
        "status": values.get("status") or DecisionStatus.NORMAL,
        "publicity_class_id": publicity_class,
    }
    placement = place_penalty(decision_date=values["decision_date"], publicity_class=publicity_class,
                              provider_end=fields["provider_publicity_end"],
                              revoked=fields["status"] == DecisionStatus.REVOKED, rules=ctx.rules, today=ctx.today)
    return fields, placement


def licence_fields(values: dict, ctx: BuildContext, list_code: str | None) -> tuple[dict, Placement]:
    fields = {
        **_decision(values),
        "document_title": values["document_title"],
        "category": values["category"],
        "certificate_name": _text(values, "certificate_name"),
        "certificate_number": _text(values, "certificate_number"),
        "content": values["content"],
        "valid_from": _date(values.get("valid_from")),
        "valid_to": _date(values.get("valid_to")),
        "status": values.get("status") or DecisionStatus.NORMAL,
    }
    placement = place_licence(decision_date=values["decision_date"], valid_from=fields["valid_from"],
                              valid_to=fields["valid_to"], revoked=fields["status"] == DecisionStatus.REVOKED,
                              today=ctx.today)
    return fields, placement


def list_entry_fields(values: dict, ctx: BuildContext, list_code: str | None) -> tuple[dict, Placement]:
    list_type = ctx.list_types[list_code]
    status = values.get("status") or (EntryStatus.REMOVED if values.get("removed_on") else EntryStatus.LISTED)
    fields = {
        **_party(values),
        "list_type_id": list_code,
        "party_id_masked": _text(values, "party_id_masked"),
        "reason": values["reason"],
        "legal_basis": _text(values, "legal_basis"),
        "decision_number": _text(values, "decision_number"),
        "listed_on": values["listed_on"],
        "valid_until": _date(values.get("valid_until")),
        "measures": _text(values, "measures"),
        "status": status,
        "removed_on": _date(values.get("removed_on")),
        "removal_reason": _text(values, "removal_reason"),
        "data_source": _text(values, "data_source"),
        "case_number": _text(values, "case_number"),
        "province": _text(values, "province"),
        "basis_number": _text(values, "basis_number"),
        "basis_issuer": _text(values, "basis_issuer"),
        "obligation": _text(values, "obligation"),
        "performance": _text(values, "performance"),
        "filed_on": _date(values.get("filed_on")),
        "published_on": _date(values.get("published_on")),
        "gender": _text(values, "gender"),
    }
    placement = place_list_entry(listed_on=values["listed_on"], valid_until=fields["valid_until"],
                                 default_months=list_type.default_duration_months,
                                 removed=status == EntryStatus.REMOVED, removed_on=fields["removed_on"],
                                 removal_reason=fields["removal_reason"], today=ctx.today)
    return fields, placement


BUILDERS = {
    Dataset.PENALTY: (Penalty, penalty_fields),
    Dataset.LICENCE: (Licence, licence_fields),
    Dataset.LIST_ENTRY: (ListEntry, list_entry_fields),
}
