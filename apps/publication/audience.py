"""The one doorway: what an audience (a caller's tier, or the anonymous public) may see.

Every reader goes through an Audience: the API's details, lists, exports, search, change feed, snapshots and
subject profiles; the pages, Atom feeds, statistics and the PDF report; and the search documents, which hold what
the least privileged audience sees (`Audience.index()`). No other module decides whether an item is visible,
which fields it shows, or the public form of a name, a free text or a court's partial ID number.

The rules are data, in RULES below: for each kind of field, what an audience that masks persons sees and what
one that shows them sees (a tier's `mask_persons`, which staff edit). Which items are visible comes from the tier's
`datasets` and `lists` (list limits restrict list entries only; penalties and licences stay visible).
"""
from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass

from apps.common.privacy import (
    limit_court_mask,
    mask_person_name,
    mask_text_names,
    redact_id_code,
    redact_id_numbers,
    redact_json,
)
from apps.publication.datasets import document_builder, items_with_relations, spec
from apps.publication.enums import Dataset, PublicationState
from apps.records.enums import PartyCategory


class FieldKind(enum.StrEnum):
    """The kinds of field whose form depends on the audience."""

    PERSON_NAME = "person_name"            # a natural person's name on a penalty, a licence or a profile
    LISTED_PERSON_NAME = "listed_person_name"  # on an entry of a list whose own rule publishes names
    COURT_ID = "court_id"                  # a person's ID number as a court masks it: 3208191960****6833
    ID_IN_TEXT = "id_in_text"              # an ID number written anywhere in free text
    PROVENANCE = "provenance"              # source, submitting unit, versions, quality flags, legacy ids


class Form(enum.StrEnum):
    """What is shown of a field."""

    FULL = "full"
    MASKED = "masked"      # 张*丰
    REDACTED = "redacted"  # [证件号码已隐去]
    NONE = "none"          # the field is left out (or empty)


# kind → (form where the tier masks persons, form where it shows them).
RULES: dict[FieldKind, tuple[Form, Form]] = {
    FieldKind.PERSON_NAME: (Form.MASKED, Form.FULL),
    # The list's legal rule publishes the name (court judgment debtors), whoever reads the entry on its own. On a
    # profile, which joins a person's records, a PERSON_NAME rule applies instead (see `joined`).
    FieldKind.LISTED_PERSON_NAME: (Form.FULL, Form.FULL),
    # Birth date and check character leave a few dozen candidates: identifying, so only tiers that show persons
    # get what the court publishes; the public gets none of the digits (the entry's province stays).
    FieldKind.COURT_ID: (Form.NONE, Form.FULL),
    FieldKind.ID_IN_TEXT: (Form.REDACTED, Form.REDACTED),
}

# The free-text fields of each dataset: a masked party's name is masked in them and ID numbers redacted.
FREE_TEXT = {
    Dataset.PENALTY: ("violation_type", "case_name", "facts", "legal_basis", "content", "licence_affected",
                      "remarks"),
    Dataset.LICENCE: ("document_title", "certificate_name", "content", "remarks"),
    Dataset.LIST_ENTRY: ("reason", "legal_basis", "measures", "obligation", "performance"),
}
# Fields beyond the public set, sent to tiers with `extended_fields` only.
PROVENANCE_FIELDS = ("source_name", "submitting_unit", "submitting_unit_uscc", "received_at", "updated_at",
                     "version", "quality_flags", "party_legacy_ids")
TITLE_REASON_LENGTH = 60


@dataclass(frozen=True)
class Audience:
    """Who is reading: built from a tier (`of`), or the least privileged reader the search index serves."""

    tier: str
    datasets: tuple[str, ...]        # visible datasets, in the order pages list them
    lists: frozenset[str]            # visible list codes; empty: every list
    shows_persons: bool
    extended_fields: bool

    @classmethod
    def of(cls, tier) -> Audience:
        """The audience of a tier (apps.access.models.Tier)."""
        return cls(tier=tier.code, datasets=tuple(d for d in Dataset.values if not tier.datasets or d in tier.datasets),
                   lists=frozenset(tier.lists or ()), shows_persons=not tier.mask_persons,
                   extended_fields=tier.extended_fields)

    @classmethod
    def index(cls) -> Audience:
        """The least privileged reader: what the search index may hold of every item (visibility by dataset and
        list is applied when a query runs, from the caller's audience)."""
        return cls(tier="index", datasets=tuple(Dataset.values), lists=frozenset(), shows_persons=False,
                   extended_fields=False)

    @property
    def fingerprint(self) -> str:
        """Names what this audience sees (not who it is): files written for it, like snapshots, are served only
        while their fingerprint is still the audience's, so a tier edit never serves what the tier no longer
        allows."""
        what = (self.datasets, tuple(sorted(self.lists)), self.shows_persons, self.extended_fields)
        return hashlib.sha256(repr(what).encode()).hexdigest()[:16]

    # --- which items --------------------------------------------------------------------------------------

    def sees_dataset(self, dataset: str) -> bool:
        return dataset in self.datasets

    def sees_list(self, code: str) -> bool:
        return self.sees_dataset(Dataset.LIST_ENTRY) and (not self.lists or code in self.lists)

    def visible_lists(self, list_types) -> list:
        """Those of the given ListType rows (or codes) this audience sees."""
        return [lt for lt in list_types if self.sees_list(getattr(lt, "code", lt))]

    def list_types(self):
        """The list catalogue this audience sees (a queryset of ListType)."""
        from apps.lists.models import ListType

        if not self.sees_dataset(Dataset.LIST_ENTRY):
            return ListType.objects.none()
        return ListType.objects.filter(code__in=sorted(self.lists)) if self.lists else ListType.objects.all()

    def scope(self, dataset: str, queryset=None):
        """The dataset's items this audience may ask about, in any publication state (a detail view tells an
        ended publication from one that never was); the audience's list limit applied. None-safe for datasets
        it does not see: an empty queryset."""
        queryset = items_with_relations(dataset) if queryset is None else queryset
        if not self.sees_dataset(dataset):
            return queryset.none()
        if spec(dataset).by_list and self.lists:
            queryset = queryset.filter(list_type_id__in=sorted(self.lists))
        return queryset

    def published(self, dataset: str, queryset=None):
        """The dataset's items published now that this audience sees."""
        return self.scope(dataset, queryset).filter(state=PublicationState.PUBLISHED)

    def joined(self, dataset: str, queryset):
        """Of these items, those a view joining a subject's records (a profile) may show. An entry that shows a
        person's full name only because its list's rule publishes it stays apart from the person's other records
        where this audience masks persons: joined, the list's full name would unmask every other record."""
        if not spec(dataset).by_list or self.form(FieldKind.PERSON_NAME) is not Form.MASKED:
            return queryset
        return queryset.exclude(list_type__publishes_person_names=True, party_category=PartyCategory.PERSON)

    def links_subject(self, item) -> bool:
        """Whether the item may point to its subject's profile (see `joined`)."""
        return not (self._name_kind(item, joined=False) is FieldKind.LISTED_PERSON_NAME
                    and self.form(FieldKind.PERSON_NAME) is Form.MASKED)

    def sees_item(self, dataset: str, item) -> bool:
        """Whether this audience may read an item that exists (published or not: the caller checks the state)."""
        if not self.sees_dataset(dataset):
            return False
        return not spec(dataset).by_list or not self.lists or item.list_type_id in self.lists

    def search_scope(self) -> dict:
        """What a search may cover: `visible_datasets` and `visible_lists` for search.params.query_from_params."""
        return {"visible_datasets": self.datasets, "visible_lists": tuple(sorted(self.lists))}

    # --- which fields, in which form -----------------------------------------------------------------------

    def form(self, kind: FieldKind) -> Form:
        """The form this audience sees a kind of field in."""
        if kind is FieldKind.PROVENANCE:
            return Form.FULL if self.extended_fields else Form.NONE
        masked_form, shown_form = RULES[kind]
        return shown_form if self.shows_persons else masked_form

    def _name_kind(self, item, joined: bool) -> FieldKind | None:
        if item.party_category != PartyCategory.PERSON:
            return None
        list_type = getattr(item, "list_type", None)
        if not joined and list_type is not None and list_type.publishes_person_names:
            return FieldKind.LISTED_PERSON_NAME
        return FieldKind.PERSON_NAME

    def _masks(self, item, joined: bool) -> bool:
        kind = self._name_kind(item, joined)
        return kind is not None and self.form(kind) is Form.MASKED

    def party_name(self, item, joined: bool = False) -> str:
        """The item's party as this audience reads it. `joined`: read beside the person's other records (a
        profile), where a list's own name rule does not lift the mask."""
        return mask_person_name(item.party_name) if self._masks(item, joined) else redact_id_numbers(item.party_name)

    def subject_name(self, subject) -> str:
        """A subject's name (a subject joins a person's records: the PERSON_NAME rule)."""
        if subject.category == PartyCategory.PERSON and self.form(FieldKind.PERSON_NAME) is Form.MASKED:
            return mask_person_name(subject.name)
        return redact_id_numbers(subject.name)

    def present_authority(self, data: dict) -> dict:
        """A serialized authority in this audience's forms (a feed may have put an ID number in its name)."""
        return _redact_values(data)

    def present_subject(self, subject, data: dict) -> dict:
        """A serialized subject in this audience's forms."""
        data["name"] = self.subject_name(subject)
        masked = subject.category == PartyCategory.PERSON and self.form(FieldKind.PERSON_NAME) is Form.MASKED
        if masked and data.get("legal_representative"):
            data["legal_representative"] = mask_person_name(data["legal_representative"])
        return _redact_values(data, organisation=subject.category == PartyCategory.ORGANISATION)

    def _masked_names(self, item, joined: bool) -> tuple[str, ...]:
        if not self._masks(item, joined):
            return ()
        return (item.party_name, getattr(getattr(item, "subject", None), "name", "") or "", item.legal_representative)

    def text(self, item, value: str, joined: bool = False) -> str:
        """Free text of an item as this audience reads it: ID numbers redacted in any writing, and a masked
        party's name masked wherever it recurs (当事人张三丰… → 当事人张*丰…)."""
        if not value:
            return value
        # Redacted first: a masked name's * glued to an ID number would otherwise be read as part of it.
        return mask_text_names(redact_id_numbers(value), self._masked_names(item, joined))

    def label(self, value: str) -> str:
        """A value standing for many items (a statistics label): ID numbers redacted; names are masked item by
        item before values are counted (apps/stats/compute.py)."""
        return redact_id_numbers(value)

    def court_id(self, item) -> str:
        """A list entry's ID number as the court masked it, in the form this audience may see."""
        value = limit_court_mask(getattr(item, "party_id_masked", ""))  # older imports kept more than courts show
        if not value or item.party_category != PartyCategory.PERSON:
            return value
        return value if self.form(FieldKind.COURT_ID) is Form.FULL else ""

    def title(self, dataset: str, item) -> str:
        """An item's one-line title in this audience's forms (search hits, the home page, feeds). Text is put in
        its public form before it is cut, so a cut cannot leave half a name unmasked."""
        if dataset == Dataset.PENALTY:
            return self.text(item, f"{item.decision_number} {item.violation_type or item.case_name}")
        if dataset == Dataset.LICENCE:
            return self.text(item, f"{item.decision_number} {item.document_title}")
        if dataset == Dataset.LIST_ENTRY:
            return f"{item.list_type.name} {self.text(item, item.reason)[:TITLE_REASON_LENGTH]}"
        raise KeyError(f"no title rule for the dataset {dataset!r}")  # a new dataset: add its rule here

    def present(self, dataset: str, item, data: dict, joined: bool = False) -> dict:
        """A serialized item (every field) reduced to what this audience sees: provenance dropped unless the tier
        includes it, names, free text and court IDs in this audience's form, and ID numbers redacted from every
        other value too (decision numbers, names of businesses, legacy identifiers: providers put them anywhere)."""
        if self.form(FieldKind.PROVENANCE) is Form.NONE:
            for name in PROVENANCE_FIELDS:
                data.pop(name, None)
        if self._masks(item, joined):
            data["party_name"] = mask_person_name(item.party_name)
            if data.get("legal_representative"):
                data["legal_representative"] = mask_person_name(data["legal_representative"])
        for name in FREE_TEXT[dataset]:
            if data.get(name):
                data[name] = self.text(item, data[name], joined)
        if "subject" in data and not self.links_subject(item):
            data["subject"] = None
        return _redact_values(data, court_id=self.court_id(item),
                              organisation=item.party_category == PartyCategory.ORGANISATION)


# Identifier fields: an ID number typed into one is redacted, a valid USCC kept whole.
CODE_FIELDS = frozenset({"party_uscc", "uscc", "submitting_unit_uscc", "certificate_number"})
FREE_TEXT_FIELDS = frozenset(name for names in FREE_TEXT.values() for name in names)


def _redact_values(data: dict, court_id: str | None = None, organisation: bool = True) -> dict:
    """Every string of a serialized item or subject with ID numbers redacted (free text already is); a court's
    partial ID, `court_id`, in its audience's form. A USCC column of anything but an organisation holding an ID
    number's shape is redacted even when it passes the USCC check (one ID in 31 does; older imports kept them)."""
    for name, value in data.items():
        if name == "party_id_masked":
            data[name] = court_id or ""
        elif name in FREE_TEXT_FIELDS:
            continue
        elif isinstance(value, str):
            data[name] = redact_id_code(value, organisation) if name in CODE_FIELDS else redact_id_numbers(value)
        elif isinstance(value, (dict, list)):
            data[name] = redact_json(value)
    return data


def anonymous_audience() -> Audience:
    """The audience of callers without a key (the anonymous tier, as staff set it)."""
    from apps.access import key_cache

    return Audience.of(key_cache.anonymous_tier())


def search(audience: Audience, query):
    """Run a search (apps.searchsync.selectors.run_search: published items only) and give its hits in this
    audience's forms. The query's scope comes from `audience.search_scope()`."""
    from apps.searchsync.selectors import run_search
    from search.plan import highlight_terms

    result = run_search(query)
    result.hits = present_hits(audience, result.hits, highlight_terms(query.text))
    return result


def present_hits(audience: Audience, hits: list, terms: list[str]) -> list:
    """Search hits in this audience's forms. The index holds the least privileged forms, so an audience that masks
    persons reads hits as the engine gave them; one that shows persons gets names, titles and highlights rebuilt
    from the database (a higher tier's unmasked text never sits in the index)."""
    if not audience.shows_persons or not hits:
        return hits
    from search.highlight import highlight

    by_dataset: dict[str, list[str]] = {}
    for hit in hits:
        by_dataset.setdefault(hit.dataset, []).append(hit.id)
    documents = {}
    for dataset, ids in by_dataset.items():
        for item in items_with_relations(dataset).filter(public_id__in=ids):
            documents[item.public_id] = document_builder(dataset)(item, audience)
    for hit in hits:
        document = documents.get(hit.id)
        if document is None:
            continue
        hit.title, hit.subject_name = document.title, document.name
        if hit.highlights:
            hit.highlights = {"title": highlight(document.title, terms), "body": highlight(document.body, terms)}
    return hits
