"""What the index holds for one published item: a backend-neutral document built from the database row.

The document holds the item as the least privileged audience reads it (apps.publication.audience, `Audience.index`):
a natural person's name masked, in the name and wherever it recurs, unless the list's own rule publishes it, and ID
numbers redacted in any writing. A search for a person's full name or an ID number cannot find a masked record; a
tier that sees more gets its forms from the database when hits are shown (`Audience.hits`).
"""
import datetime as dt
from dataclasses import dataclass, field

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


def _codes(*values: str) -> list[str]:
    """Codes to match whole and by prefix; none that held an ID number (redacted codes are not codes)."""
    from apps.common.privacy import ID_REDACTION, redact_id_code

    kept = (redact_id_code(v) for v in values if v)
    return list(dict.fromkeys(code_key(v) for v in kept if ID_REDACTION not in v))


def _index_audience():
    from apps.publication.audience import Audience

    return Audience.index()


def _name(audience, item) -> str:
    return audience.text(item, audience.party_name(item))


def _body(audience, item, *texts: str) -> str:
    return audience.text(item, " ".join(filter(None, texts)))


def penalty_document(item, audience=None) -> SearchDocument:
    """The document of a penalty (with its authority loaded), in the forms of `audience` (default: the index's)."""
    audience = audience or _index_audience()
    return SearchDocument(
        id=item.public_id, seq=seq_of("penalty", item.pk), dataset="penalty",
        name=_name(audience, item), number=audience.text(item, item.decision_number),
        authority=audience.text(item, item.authority.name),
        body=_body(audience, item, item.violation_type, item.case_name, item.facts, item.content, item.legal_basis),
        title=audience.title("penalty", item),
        codes=_codes(item.party_uscc, item.decision_number), region=item.authority.province,
        kinds=list(item.kinds), category=item.party_category, date=item.decision_date,
        fine=float(item.fine_amount) if item.fine_amount is not None else None,
    )


def licence_document(item, audience=None) -> SearchDocument:
    """The document of a licence (with its authority loaded), in the forms of `audience` (default: the index's)."""
    audience = audience or _index_audience()
    return SearchDocument(
        id=item.public_id, seq=seq_of("licence", item.pk), dataset="licence",
        name=_name(audience, item), number=audience.text(item, item.decision_number),
        authority=audience.text(item, item.authority.name),
        body=_body(audience, item, item.document_title, item.content, item.certificate_name),
        title=audience.title("licence", item),
        codes=_codes(item.party_uscc, item.decision_number, item.certificate_number), region=item.authority.province,
        category=item.party_category, date=item.decision_date,
    )


def list_entry_document(item, audience=None) -> SearchDocument:
    """The document of a list entry (with its authority and list loaded), in the forms of `audience` (default:
    the index's)."""
    audience = audience or _index_audience()
    return SearchDocument(
        id=item.public_id, seq=seq_of("list_entry", item.pk), dataset="list_entry",
        name=_name(audience, item), number=audience.text(item, item.decision_number or item.case_number),
        authority=audience.text(item, item.authority.name),
        body=_body(audience, item, item.reason, item.measures, item.legal_basis, item.obligation),
        title=audience.title("list_entry", item),
        codes=_codes(item.party_uscc, item.decision_number, item.case_number),
        region=item.authority.province or item.province, list_code=item.list_type_id,
        category=item.party_category, date=item.listed_on,
    )


BUILDERS = {"penalty": penalty_document, "licence": licence_document, "list_entry": list_entry_document}
