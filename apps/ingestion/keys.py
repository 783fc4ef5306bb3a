"""Identity of decisions, subjects and authorities across imports (pure functions).

The deduplication key of a record is a hash of:
  penalty    (key tag, authority, decision number, party)
  licence    (key tag, authority, decision number, party)
  list entry (key tag, list code, party, decision number or case number or listing date)
where the key tag is the dataset's `key_tag` in the registry (frozen: stored keys depend on it), authority is its
USCC when that passes the check (else its name), and party is the USCC, else the keyed hash of the ID number, else
the name. A decision number is unique within its authority, but one decision may
name several parties (joint cases), hence the party. Everything else (facts, amounts, dates) is content: a row
with the same key and other content is a correction of the same decision, not a new one.
"""
import hashlib

from apps.common.identifiers import is_valid_uscc
from apps.publication.datasets import spec
from apps.records.enums import PartyCategory


def _digest(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(p or "") for p in parts).encode()).hexdigest()


def authority_key(name: str, uscc: str | None) -> str:
    """An authority is known by its USCC when that passes the check; placeholders fall back to the name."""
    if uscc and is_valid_uscc(uscc):
        return f"uscc:{uscc}"
    return f"name:{name}"


def party_identity(values: dict, id_hash: str | None) -> str:
    """The strongest identifier a row gives for its party."""
    if values.get("party_uscc"):
        return f"uscc:{values['party_uscc']}"
    if id_hash:
        return f"id:{id_hash}"
    return f"name:{values.get('party_name') or ''}"


def dedup_key(kind: str, values: dict, id_hash: str | None, list_code: str | None) -> str:
    """The deduplication key of a valid row (see the module docstring)."""
    party = party_identity(values, id_hash)
    tag = spec(kind).key_tag
    if spec(kind).by_list:
        listed = values.get("listed_on")
        which = values.get("decision_number") or values.get("case_number") or (listed.isoformat() if listed else "")
        return _digest(tag, list_code, party, which)
    return _digest(tag, authority_key(values["authority_name"], values.get("authority_uscc")),
                   values["decision_number"], party)


def match_key(kind: str, values: dict, list_code: str | None) -> str:
    """A looser key for matching a quarantined row with its corrected version: the corrected row may fix the
    very identifier the dedup key uses, so this one uses names and numbers only. Empty when too little is known."""
    number = values.get("decision_number") or values.get("case_number")
    if not (values.get("party_name") and number):
        return ""
    return _digest("match", spec(kind).key_tag, list_code, values.get("authority_name"), number, values["party_name"])


def subject_key(values: dict, id_hash: str | None, item_key: str) -> str:
    """Who the party is across decisions.

    Organisations and businesses are matched by USCC, else by name. A person is matched by the keyed hash of the
    ID number; a person without one is never merged with another by name alone (two people share a name), so
    the decision itself identifies them.
    """
    if values.get("party_uscc"):
        return f"uscc:{values['party_uscc']}"
    if id_hash:
        return f"id:{id_hash}"
    if values["party_category"] == PartyCategory.PERSON:
        return f"person:{item_key}"
    return f"name:{values['party_category']}:{values['party_name']}"
