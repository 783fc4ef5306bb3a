"""What each tier sees of an item: the public field set, or the extended one; persons masked where the tier
says so (in names and wherever the name recurs in the decision's text)."""
import copy

from rest_framework import serializers

from apps.common.privacy import mask_person_name
from apps.lists.models import ListEntry, ListType
from apps.records.enums import PartyCategory
from apps.records.models import Authority, Licence, Penalty, Subject

EXTENDED = ["source_name", "submitting_unit", "submitting_unit_uscc", "received_at", "updated_at", "version",
            "quality_flags", "party_legacy_ids"]


class AuthoritySerializer(serializers.ModelSerializer):
    class Meta:
        model = Authority
        fields = ["id", "name", "uscc", "region_code", "province"]


class ListTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ListType
        fields = ["code", "name", "colour", "issuer", "legal_basis", "description", "default_duration_months",
                  "removal_rules"]


class ItemSerializer(serializers.ModelSerializer):
    """Shared behaviour: public id as `id`, the subject's public id, the publication window, tier rules."""

    id = serializers.CharField(source="public_id", read_only=True)
    subject = serializers.CharField(source="subject.public_id", read_only=True)
    authority = AuthoritySerializer(read_only=True)
    publication = serializers.SerializerMethodField()
    text_fields: tuple[str, ...] = ()

    def get_publication(self, item) -> dict:
        return {"state": item.state, "start": item.window_start, "earliest_end": item.earliest_end,
                "latest_end": item.latest_end}

    def masks_persons(self, item) -> bool:
        return self.context["tier"].mask_persons and item.party_category == PartyCategory.PERSON

    _built_fields: dict = {}

    def get_fields(self):
        # ModelSerializer rebuilds every field from model introspection on each instantiation (about 1.8 ms
        # a request); the built fields are kept per class and field set, and each use gets shallow copies
        # (binding sets a copy's name and parent, nothing else; a deep copy cost 1 ms a request).
        tier = self.context.get("tier")  # absent only while the OpenAPI schema is generated: all fields shown
        extended = tier is None or tier.extended_fields
        key = (type(self), extended)
        built = ItemSerializer._built_fields.get(key)
        if built is None:
            built = super().get_fields()
            if not extended:
                for name in EXTENDED:
                    built.pop(name, None)
            ItemSerializer._built_fields[key] = built
        return {name: copy.copy(field) for name, field in built.items()}

    def to_representation(self, item):
        data = super().to_representation(item)
        if self.masks_persons(item):
            masked = mask_person_name(item.party_name)
            data["party_name"] = masked
            for name in self.text_fields:
                if data.get(name):
                    data[name] = data[name].replace(item.party_name, masked)
        return data


# Extended fields are sent to tiers that include them only, so the schema marks them optional.
_OPTIONAL = {name: {"required": False} for name in EXTENDED}


class PenaltySerializer(ItemSerializer):
    """An administrative penalty decision."""

    text_fields = ("facts", "content", "remarks", "violation_type")
    publicity_class = serializers.CharField(source="publicity_class_id", read_only=True)

    class Meta:
        model = Penalty
        fields = ["id", "subject", "party_name", "party_category", "party_uscc", "legal_representative",
                  "decision_number", "decision_date", "violation_type", "case_name", "facts", "legal_basis", "kinds",
                  "content", "fine_amount", "confiscated_amount", "licence_affected", "valid_until",
                  "provider_publicity_end", "status", "authority", "publicity_class", "publication", "remarks",
                  *EXTENDED]
        extra_kwargs = _OPTIONAL


class LicenceSerializer(ItemSerializer):
    """An administrative licensing decision."""

    text_fields = ("content", "remarks")

    class Meta:
        model = Licence
        fields = ["id", "subject", "party_name", "party_category", "party_uscc", "legal_representative",
                  "decision_number", "decision_date", "document_title", "category", "certificate_name",
                  "certificate_number", "content", "valid_from", "valid_to", "status", "authority", "publication",
                  "remarks", *EXTENDED]
        extra_kwargs = _OPTIONAL


class ListEntrySerializer(ItemSerializer):
    """A subject's entry on a red, black or watch list."""

    text_fields = ("reason", "obligation", "remarks")
    list = serializers.CharField(source="list_type_id", read_only=True)

    def masks_persons(self, item) -> bool:
        return super().masks_persons(item) and not item.list_type.publishes_person_names

    class Meta:
        model = ListEntry
        fields = ["id", "list", "subject", "party_name", "party_category", "party_uscc", "party_id_masked",
                  "legal_representative", "reason", "legal_basis", "authority", "decision_number", "listed_on",
                  "valid_until", "measures", "status", "case_number", "province", "basis_number", "basis_issuer",
                  "obligation", "performance", "filed_on", "published_on", "gender", "publication",
                  *[f for f in EXTENDED if f != "party_legacy_ids"]]
        extra_kwargs = {k: v for k, v in _OPTIONAL.items() if k != "party_legacy_ids"}


class SubjectSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="public_id", read_only=True)

    class Meta:
        model = Subject
        fields = ["id", "name", "category", "uscc", "legal_representative"]

    def to_representation(self, subject):
        data = super().to_representation(subject)
        if self.context["tier"].mask_persons and subject.category == PartyCategory.PERSON:
            data["name"] = mask_person_name(subject.name)
        return data


SERIALIZERS = {"penalty": PenaltySerializer, "licence": LicenceSerializer, "list_entry": ListEntrySerializer}
