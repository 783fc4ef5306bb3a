"""The shapes of items in the API (and every channel that reuses them: pages, exports, snapshots, feeds). What
a caller sees of an item, its fields and their forms, is decided by the audience in the serializer context
(apps.publication.audience): the serializers only lay fields out."""
import copy

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.lists.models import ListEntry, ListType
from apps.publication.audience import PROVENANCE_FIELDS
from apps.publication.enums import PublicationState
from apps.records.enums import PenaltyKind
from apps.records.models import Authority, Licence, Penalty, Subject

EXTENDED = list(PROVENANCE_FIELDS)


class AuthoritySerializer(serializers.ModelSerializer):
    class Meta:
        model = Authority
        fields = ["id", "name", "uscc", "region_code", "province"]

    def to_representation(self, authority):
        data = super().to_representation(authority)
        audience = self.context.get("audience")
        return audience.present_authority(data) if audience else data


class ListTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ListType
        fields = ["code", "name", "colour", "issuer", "legal_basis", "description", "default_duration_months",
                  "removal_rules"]


class PublicationSerializer(serializers.Serializer):
    """Where an item stands in its publication: for the schema (the values come from `get_publication`)."""

    state = serializers.ChoiceField(choices=PublicationState.choices)
    start = serializers.DateField(allow_null=True, help_text="First day of publication.")
    earliest_end = serializers.DateField(allow_null=True, help_text="Earliest day it may end (repair possible).")
    latest_end = serializers.DateField(allow_null=True, help_text="Day it ends at the latest; null: no end.")


def LEGACY_IDS():  # noqa: N802 - a field factory, one field per serializer
    return serializers.DictField(child=serializers.CharField(), required=False,
                                 help_text="Legacy identifiers of the party in the decision, by kind "
                                           "(工商注册号, 组织机构代码, 税务登记号, …).")


class QualityFlagSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The field with the problem.")
    reason = serializers.CharField(help_text="What is wrong with it.")


@extend_schema_field(QualityFlagSerializer(many=True))
class QualityFlagsField(serializers.JSONField):
    """The stored list of {field, reason}, as it is."""


class ItemSerializer(serializers.ModelSerializer):
    """Shared behaviour: public id as `id`, the subject's public id, the publication window; the audience in the
    context (`audience`, and `joined` on a profile) decides fields and forms."""

    id = serializers.CharField(source="public_id", read_only=True)
    subject = serializers.CharField(source="subject.public_id", read_only=True, allow_null=True,
                                    help_text="The subject's id (its profile: /api/v1/subjects/<id>/); null on a "
                                              "list entry showing a person's name only by its list's rule, for "
                                              "tiers that mask persons.")
    authority = AuthoritySerializer(read_only=True)
    publication = serializers.SerializerMethodField()
    # JSON columns, typed for the schema (their values pass through as stored).
    quality_flags = QualityFlagsField(required=False,
                                      help_text="Data-quality problems found on import.")

    @extend_schema_field(PublicationSerializer)
    def get_publication(self, item) -> dict:
        return {"state": item.state, "start": item.window_start, "earliest_end": item.earliest_end,
                "latest_end": item.latest_end}

    _built_fields: dict = {}

    def get_fields(self):
        # ModelSerializer rebuilds every field from model introspection on each instantiation (about 1.8 ms
        # a request); the built fields are kept per class and field set, and each use gets shallow copies
        # (binding sets a copy's name and parent, nothing else; a deep copy cost 1 ms a request).
        audience = self.context.get("audience")  # absent only while the OpenAPI schema is generated: all fields
        extended = audience is None or audience.extended_fields
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
        return self.context["audience"].present(item.DATASET, item, data, joined=self.context.get("joined", False))


# Extended fields are sent to tiers that include them only, so the schema marks them optional.
_OPTIONAL = {name: {"required": False} for name in EXTENDED}


class PenaltySerializer(ItemSerializer):
    """An administrative penalty decision."""

    publicity_class = serializers.CharField(source="publicity_class_id", read_only=True)
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=PenaltyKind.choices), read_only=True,
                                  help_text="处罚类别: the penalty kinds, sorted, in their standard values.")
    party_legacy_ids = LEGACY_IDS()

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

    party_legacy_ids = LEGACY_IDS()


    class Meta:
        model = Licence
        fields = ["id", "subject", "party_name", "party_category", "party_uscc", "legal_representative",
                  "decision_number", "decision_date", "document_title", "category", "certificate_name",
                  "certificate_number", "content", "valid_from", "valid_to", "status", "authority", "publication",
                  "remarks", *EXTENDED]
        extra_kwargs = _OPTIONAL


class ListEntrySerializer(ItemSerializer):
    """A subject's entry on a red, black or watch list."""

    list = serializers.CharField(source="list_type_id", read_only=True)

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
        return self.context["audience"].present_subject(subject, super().to_representation(subject))

