"""What the index holds for one published item: a backend-neutral document built from the database row.

A natural person's name is indexed as the public sees it (masked) unless the list's own rule publishes it, so a
search for a person's full name cannot reveal a masked record. ID numbers are not in the database, so they
cannot reach the index.
"""
import datetime as dt
from dataclasses import dataclass, field

from apps.common.privacy import mask_person_name
from apps.records.enums import PartyCategory
from search.analysis import code_key

_DATASET_OFFSET = {"penalty": 1, "licence": 2, "list_entry": 3}
_OFFSET_DATASET = {offset: dataset for dataset, offset in _DATASET_OFFSET.items()}


def seq_of(dataset: str, pk: int) -> int:
    """The document's unique number: the item's primary key and dataset in one integer."""
    return pk * 4 + _DATASET_OFFSET[dataset]


def item_of(seq: int) -> tuple[str, int]:
    """(dataset, primary key) of a document number."""
    return _OFFSET_DATASET[seq % 4], seq // 4


@dataclass
class SearchDocument:
    """One published item as both engines index it."""

    id: str
    seq: int                 # unique, stable tie-breaker for ordering
    dataset: str
    name: str                # the party's public name
    number: str              # decision or case number
    authority: str
    body: str                # the decision's words: violation, facts, content, basis, reason
    title: str
    codes: list[str] = field(default_factory=list)   # USCC and numbers, compared whole and by prefix
    region: str = ""
    list_code: str = ""
    kinds: list[str] = field(default_factory=list)
    category: str = ""
    date: dt.date | None = None
    fine: float | None = None

    @property
    def year(self) -> str:
        return str(self.date.year) if self.date else ""


def _public_name(name: str, category: str, publishes_names: bool = False) -> str:
    return mask_person_name(name) if category == PartyCategory.PERSON and not publishes_names else name


def _public_text(text: str, name: str, public_name: str) -> str:
    """The decision's words with a masked person's full name masked wherever it recurs (当事人张三丰… → 张*丰)."""
    return text.replace(name, public_name) if public_name != name and name else text


def _codes(*values: str) -> list[str]:
    return list(dict.fromkeys(code_key(v) for v in values if v))


def penalty_document(item) -> SearchDocument:
    """The document of a penalty (with its authority loaded)."""
    name = _public_name(item.party_name, item.party_category)
    return SearchDocument(
        id=item.public_id, seq=seq_of("penalty", item.pk), dataset="penalty",
        name=name, number=item.decision_number,
        authority=item.authority.name,
        body=_public_text(" ".join(filter(None, [item.violation_type, item.facts, item.content, item.legal_basis])),
                          item.party_name, name),
        title=f"{item.decision_number} {item.violation_type}",
        codes=_codes(item.party_uscc, item.decision_number), region=item.authority.province,
        kinds=list(item.kinds), category=item.party_category, date=item.decision_date,
        fine=float(item.fine_amount) if item.fine_amount is not None else None,
    )


def licence_document(item) -> SearchDocument:
    """The document of a licence (with its authority loaded)."""
    name = _public_name(item.party_name, item.party_category)
    return SearchDocument(
        id=item.public_id, seq=seq_of("licence", item.pk), dataset="licence",
        name=name, number=item.decision_number,
        authority=item.authority.name,
        body=_public_text(" ".join(filter(None, [item.document_title, item.content, item.certificate_name])),
                          item.party_name, name),
        title=f"{item.decision_number} {item.document_title}",
        codes=_codes(item.party_uscc, item.decision_number, item.certificate_number), region=item.authority.province,
        category=item.party_category, date=item.decision_date,
    )


def list_entry_document(item) -> SearchDocument:
    """The document of a list entry (with its authority and list loaded)."""
    name = _public_name(item.party_name, item.party_category, item.list_type.publishes_person_names)
    return SearchDocument(
        id=item.public_id, seq=seq_of("list_entry", item.pk), dataset="list_entry",
        name=name, number=item.decision_number or item.case_number, authority=item.authority.name,
        body=_public_text(" ".join(filter(None, [item.reason, item.measures, item.legal_basis, item.obligation])),
                          item.party_name, name),
        title=f"{item.list_type.name} {item.reason[:60]}",
        codes=_codes(item.party_uscc, item.decision_number, item.case_number),
        region=item.authority.province or item.province, list_code=item.list_type_id,
        category=item.party_category, date=item.listed_on,
    )
