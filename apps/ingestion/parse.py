"""Turn one provider row into clean canonical values, hard errors and data-quality flags.

Never-public fields (ID numbers and their types) are read here and nowhere else: a party's number becomes a keyed
hash, every other number is dropped, and none of them is copied into the stored source row or any message.
"""
import datetime as dt
import json
import re
from dataclasses import dataclass, field

from apps.common.identifiers import is_valid_uscc, resident_id_problem, uscc_problem
from apps.common.privacy import (
    COURT_MASK_MAX_VISIBLE,
    ID_REDACTION,
    court_mask_characters,
    id_hash,
    looks_like_id_number,
    mask_id_number,
    redact_id_code,
    redact_id_numbers,
)
from apps.ingestion.enumerations import Enumerations
from apps.ingestion.fields import FIELDS, FIELDS_BY_NAME, FieldSpec, FieldType, alias_table
from apps.ingestion.mapping import SourceMapping
from apps.ingestion.normalise import (
    INDEFINITE,
    clean_code,
    clean_decision_number,
    clean_text,
    header_key,
    parse_amount,
    parse_date,
)
from apps.ingestion.readers import ROW_ERROR
from apps.publication.enums import Dataset
from apps.records.enums import PartyCategory

_KIND_SEPARATORS = re.compile(r"[;；,，|/\n]+")
_RESIDENT_ID_TYPES = frozenset({None, "身份证", "居民身份证", "中华人民共和国居民身份证", "01", "1", "111"})
_LEGACY_ID_FIELDS = ("party_reg_no", "party_org_code", "party_tax_no", "party_institution_no",
                     "party_social_org_no")
_LOOKS_LIKE_ID = re.compile(r"^\d{15}$|^\d{17}[\dX]$")
# Openings of organisations' USCCs that no province code shares.
_ORGANISATION_OPENINGS = frozenset({"59", "91", "92", "93", "Y1"})


@dataclass
class ParsedRow:
    """The outcome of parsing one row."""

    number: int
    values: dict
    errors: list[dict] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)
    raw: dict = field(default_factory=dict)
    party_id_hash: str | None = None

    # Reasons may quote the value that failed: scrubbed, so no ID number reaches quarantine or flags.
    def error(self, name: str, reason: str) -> None:
        self.errors.append({"field": name, "reason": redact_id_numbers(reason)})

    def flag(self, name: str, reason: str) -> None:
        self.flags.append({"field": name, "reason": redact_id_numbers(reason)})


class RowParser:
    """Parses the rows of one file of one kind. Column resolution is cached per column name."""

    def __init__(self, kind: str, enumerations: Enumerations, mapping: SourceMapping, today: dt.date):
        self.kind = kind
        self.enums = enumerations
        self.mapping = mapping
        self.today = today
        self._aliases = alias_table(kind)
        self._by_name = FIELDS_BY_NAME[kind]
        self._required = [spec.name for spec in FIELDS[kind] if spec.required]
        self._resolved: dict[str, FieldSpec | None] = {}

    def resolve(self, column: str) -> FieldSpec | None:
        """The canonical field a provider column carries, or None for a column kept only in the source row."""
        try:
            return self._resolved[column]
        except KeyError:
            key = header_key(column)
            target = self.mapping.columns.get(key)
            spec = self._by_name.get(target) if target else self._aliases.get(key)
            if key in self.mapping.never_public:
                spec = FieldSpec(f"never_public:{column}", FieldType.ID_NUMBER, ())
            self._resolved[column] = spec
            return spec

    def parse(self, number: int, row: dict) -> ParsedRow:
        """Parse one row."""
        parsed = ParsedRow(number=number, values={})
        values = parsed.values
        secrets: dict[str, str] = {}
        kinds_raw: list = []
        raw = parsed.raw
        resolved = self._resolved
        for column, value in row.items():
            if column == ROW_ERROR:
                parsed.error("row", value)
                continue
            spec = resolved[column] if column in resolved else self.resolve(column)
            if spec is not None and spec.never_public:
                text = clean_code(value)
                if text:
                    secrets[spec.name] = text
                continue
            if value.__class__ is str:
                # Scrubbed once here, so neither the kept row nor the clean value holds an ID number; a whole ID
                # number where a court's masked one belongs goes on to _masked_id, which keeps a hash and a mask.
                scrubbed = _scrub_code(value) if spec is not None and spec.type is FieldType.CODE \
                    else redact_id_numbers(value)
                raw[column] = scrubbed
                if spec is None or spec.type is not FieldType.MASKED_ID:
                    value = scrubbed
            else:
                raw[column] = _json_safe(value)
            if spec is None:
                continue
            if spec.type is FieldType.KINDS:
                if value not in (None, ""):
                    kinds_raw.append(value)
                continue
            if spec.name in values and values[spec.name] is not None:
                continue  # two columns for one field: the first one that has a value wins
            values[spec.name] = self._convert(spec, value, parsed)
        for name, constant in self.mapping.constants.items():
            if values.get(name) is None:
                values[name] = self._convert(self._by_name[name], constant, parsed)
        if kinds_raw:
            values["kinds"] = self._kinds(kinds_raw, values.get("content") or "", parsed)
        self._identity(values, secrets, parsed)
        self._check(values, parsed)
        return parsed

    def _convert(self, spec: FieldSpec, value, parsed: ParsedRow):
        kind = spec.type
        # Redacted again once cleaned: folding white space and look-alike digits can join an ID number's parts.
        if kind is FieldType.TEXT:
            text = clean_text(value)
            return redact_id_numbers(text) if text else text
        if kind is FieldType.CODE:
            code = clean_code(value)
            return redact_id_code(code) if code else code
        if kind is FieldType.DECISION_NUMBER:
            number = clean_decision_number(value)
            return redact_id_numbers(number) if number else number
        if kind is FieldType.DATE:
            try:
                return parse_date(value)
            except ValueError as exc:
                parsed.error(spec.name, str(exc))
                return None
        if kind is FieldType.AMOUNT:
            try:
                amount, from_yuan = parse_amount(value)
            except ValueError as exc:
                parsed.error(spec.name, str(exc))
                return None
            if from_yuan:
                parsed.flag(spec.name, "amount was given in 元 and converted to 万元")
            return amount
        if kind is FieldType.ENUM:
            text = clean_text(value)
            if text is None:
                return None
            standard = self.enums.lookup(spec.enum, text)
            if standard is None:
                parsed.error(spec.name, f"unknown value {text[:40]!r} for {spec.enum}")
            return standard
        if kind is FieldType.MASKED_ID:
            return self._masked_id(value, parsed)
        raise AssertionError(f"unhandled field type {kind}")

    def _masked_id(self, value, parsed: ParsedRow) -> str | None:
        text = clean_code(value)
        if not text:
            return text
        characters, visible = court_mask_characters(text)
        if "*" in characters and visible <= COURT_MASK_MAX_VISIBLE:
            return text  # masked upstream: kept as received
        whole = characters.replace("*", "")
        if is_valid_uscc(whole) and not looks_like_id_number(whole):
            return whole  # an organisation's USCC: public
        if _LOOKS_LIKE_ID.match(whole):
            # A whole ID number where a masked one belongs: hash it for matching, keep only a mask.
            parsed.party_id_hash = parsed.party_id_hash or id_hash(whole)
            parsed.flag("party_id_masked", "an unmasked ID number was received; it was masked and not stored")
            return mask_id_number(whole)
        if visible > COURT_MASK_MAX_VISIBLE:
            parsed.flag("party_id_masked", "more of the ID number than a court shows was received; only its "
                                           "region code was kept")
            return mask_id_number(characters)
        return text

    def _kinds(self, raw_values: list, content: str, parsed: ParsedRow) -> list[str] | None:
        kinds: set[str] = set()
        for raw in raw_values:
            items = raw if isinstance(raw, list) else [raw]
            for item in items:
                text = clean_text(item)
                if text is None:
                    continue
                whole = self._kind_label(text, content, parsed)
                if whole is not None:
                    kinds.update(whole)
                    continue
                for part in _KIND_SEPARATORS.split(text):
                    if not part.strip():
                        continue
                    found = self._kind_label(part.strip(), content, parsed)
                    if found is None and "、" in part:
                        pieces = [self._kind_label(p, content, parsed) for p in part.split("、") if p.strip()]
                        found = set().union(*pieces) if pieces and all(p is not None for p in pieces) else None
                    if found is None:
                        parsed.error("kinds", f"unknown penalty kind {part.strip()[:40]!r}")
                        continue
                    kinds.update(found)
        return sorted(kinds) if kinds else None

    def _kind_label(self, label: str, content: str, parsed: ParsedRow):
        standard = self.enums.lookup("penalty_kind", label)
        if standard is not None:
            return set(standard)
        rule = self.enums.ambiguous_kinds.get(header_key(label))
        if rule is None:
            return None
        chosen = rule.then if rule.content_contains in content else rule.otherwise
        parsed.flag("kinds", f"combined legacy label resolved from the penalty content as {chosen}")
        return {chosen}

    def _identity(self, values: dict, secrets: dict, parsed: ParsedRow) -> None:
        """Check and hash ID numbers, infer the party category, gather legacy identifiers."""
        id_type = secrets.get("party_id_type")
        number = secrets.get("party_id_number")
        uscc = values.get("party_uscc")
        if uscc and values.get("party_category") != PartyCategory.ORGANISATION and looks_like_id_number(uscc):
            # A person has no USCC and a business's begins 92: an ID number there (one in 31 passes the USCC
            # check by chance) is kept hashed. A declared organisation's USCC of that shape is believed.
            number = number or uscc
            values["party_uscc"] = None
            for column, kept in parsed.raw.items():
                if kept == uscc or (isinstance(kept, str) and clean_code(kept) == uscc):
                    parsed.raw[column] = ID_REDACTION
            parsed.flag("party_uscc", "an ID number in a person's USCC column; kept only as a keyed hash")
        if number:
            if id_type in _RESIDENT_ID_TYPES or _LOOKS_LIKE_ID.match(number):
                problem = resident_id_problem(number) if len(number) == 18 else None
                if problem:
                    parsed.error("party_id_number", f"resident ID number invalid: {problem}")
            parsed.party_id_hash = id_hash(number)
        rep_number = secrets.get("rep_id_number")
        if rep_number and secrets.get("rep_id_type") in _RESIDENT_ID_TYPES and len(rep_number) == 18:
            problem = resident_id_problem(rep_number)
            if problem:
                parsed.flag("rep_id_number", f"representative's ID number invalid: {problem}")
        if self.kind != Dataset.LIST_ENTRY:
            values["party_legacy_ids"] = {name: values.pop(name) for name in _LEGACY_ID_FIELDS if values.get(name)}
            for name in _LEGACY_ID_FIELDS:
                values.pop(name, None)
        if values.get("party_category") is None and not any(e["field"] == "party_category" for e in parsed.errors):
            inferred = _infer_category(values, parsed.party_id_hash is not None)
            if inferred is None:
                parsed.error("party_category", "missing, and neither a USCC nor an ID number tells it")
            else:
                values["party_category"] = inferred
                parsed.flag("party_category", f"missing; inferred as {inferred}")

    def _check(self, values: dict, parsed: ParsedRow) -> None:
        """Required fields, identifiers and dates."""
        if self.kind == Dataset.PENALTY and not values.get("violation_type") and values.get("case_name"):
            values["violation_type"] = values["case_name"]
            parsed.flag("violation_type", "missing; the case name (案件名称) stands in for it")
        failed = {e["field"] for e in parsed.errors}
        for name in self._required:
            if values.get(name) is None and name not in failed:
                parsed.error(name, "required field is missing")
        party_uscc = values.get("party_uscc")
        if party_uscc:
            problem = uscc_problem(party_uscc)
            if problem:
                parsed.error("party_uscc", f"not a valid USCC: {problem}")
        for name in ("authority_uscc", "submitting_unit_uscc"):
            code = values.get(name)
            if code and not is_valid_uscc(code):
                parsed.flag(name, f"fails the USCC check ({uscc_problem(code)}); kept as received")
        if self.kind != Dataset.LIST_ENTRY and values.get("authority_name") and not values.get("authority_uscc"):
            parsed.flag("authority_uscc", "missing")
        for name in ("decision_date", "listed_on"):
            day = values.get(name)
            if day is INDEFINITE:
                parsed.error(name, "cannot be indefinite")
                values[name] = None
            elif day is not None and day > self.today:
                parsed.error(name, f"in the future ({day.isoformat()})")
        valid_from, valid_to = values.get("valid_from"), values.get("valid_to")
        if isinstance(valid_from, dt.date) and isinstance(valid_to, dt.date) and valid_to < valid_from:
            parsed.error("valid_to", "ends before valid_from")


def _infer_category(values: dict, has_id_number: bool) -> str | None:
    uscc = values.get("party_uscc") or ""
    if uscc.startswith("92"):
        return PartyCategory.SELF_EMPLOYED
    if uscc or values.get("party_legacy_ids"):
        return PartyCategory.ORGANISATION
    if has_id_number:
        return PartyCategory.PERSON
    masked = values.get("party_id_masked") or ""
    if masked:
        # When in doubt, a person: a person taken for an organisation would be shown unmasked. An organisation's
        # code is known by an opening no province has (91, 92, 93, Y1) or a letter at its end.
        if values.get("gender"):
            return PartyCategory.PERSON
        if masked[:2] in _ORGANISATION_OPENINGS or (masked[-1].isalpha() and masked[-1] != "X"):
            return PartyCategory.ORGANISATION
        return PartyCategory.PERSON
    return None


def _scrub_code(value: str) -> str:
    """A code column keeps its value unless it has an ID number's shape and is not a USCC (an ID typed into the
    USCC column): an all-digit USCC may look like an ID by chance, so the USCC check decides."""
    code = clean_code(value)
    if not code:
        return value
    redacted = redact_id_code(code)
    return value if redacted == code else redacted


def _json_safe(value):
    """A raw value as JSON can hold it, with any resident ID number in text redacted."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return redact_id_numbers(value)
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return redact_id_numbers(str(value))


def canonical_json(values: dict) -> str:
    """Stable JSON of canonical values (dates and amounts as text), for hashing and snapshots."""
    return json.dumps(values, sort_keys=True, ensure_ascii=False, default=_json_default, separators=(",", ":"))


def _json_default(value):
    if value is INDEFINITE:
        return "indefinite"
    return str(value)
