"""Search documents built from the database's rows, in the forms the least privileged audience reads
(apps/publication/audience.py, `Audience.index()`): a natural person's name masked, in the name and wherever it
recurs, unless the list's own rule publishes it, and ID numbers redacted in any writing. A search for a person's
full name or an ID number cannot find a masked record; a tier that sees more gets its forms from the database when
hits are shown (`present_hits`).
"""
from apps.common.privacy import ID_REDACTION, redact_id_code
from apps.publication.audience import Audience
from search.analysis import code_key
from search.documents import SearchDocument, seq_of


def _codes(*values: str) -> list[str]:
    """Codes to match whole and by prefix; none that held an ID number (redacted codes are not codes)."""
    kept = (redact_id_code(v) for v in values if v)
    return list(dict.fromkeys(code_key(v) for v in kept if ID_REDACTION not in v))


def _name(audience, item) -> str:
    return audience.text(item, audience.party_name(item))


def _body(audience, item, *texts: str) -> str:
    return audience.text(item, " ".join(filter(None, texts)))


def _shared(item, audience, number: str) -> dict:
    """The fields every dataset's document has, in the audience's forms."""
    dataset = str(item.DATASET)
    return dict(id=item.public_id, seq=seq_of(dataset, item.pk), dataset=dataset, name=_name(audience, item),
                number=audience.text(item, number), authority=audience.text(item, item.authority.name),
                title=audience.title(dataset, item), category=item.party_category)


def penalty_document(item, audience=None) -> SearchDocument:
    """The document of a penalty (with its authority loaded), in the forms of `audience` (default: the index's)."""
    audience = audience or Audience.index()
    return SearchDocument(
        **_shared(item, audience, item.decision_number),
        body=_body(audience, item, item.violation_type, item.case_name, item.facts, item.content, item.legal_basis),
        codes=_codes(item.party_uscc, item.decision_number), region=item.authority.province,
        kinds=list(item.kinds), date=item.decision_date,
        fine=float(item.fine_amount) if item.fine_amount is not None else None,
    )


def licence_document(item, audience=None) -> SearchDocument:
    """The document of a licence (with its authority loaded), in the forms of `audience` (default: the index's)."""
    audience = audience or Audience.index()
    return SearchDocument(
        **_shared(item, audience, item.decision_number),
        body=_body(audience, item, item.document_title, item.content, item.certificate_name),
        codes=_codes(item.party_uscc, item.decision_number, item.certificate_number), region=item.authority.province,
        date=item.decision_date,
    )


def list_entry_document(item, audience=None) -> SearchDocument:
    """The document of a list entry (with its authority and list loaded), in the forms of `audience` (default:
    the index's)."""
    audience = audience or Audience.index()
    return SearchDocument(
        **_shared(item, audience, item.decision_number or item.case_number),
        body=_body(audience, item, item.reason, item.measures, item.legal_basis, item.obligation),
        codes=_codes(item.party_uscc, item.decision_number, item.case_number),
        region=item.authority.province or item.province, list_code=item.list_type_id, date=item.listed_on,
    )

