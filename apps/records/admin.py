from django.contrib import admin

from apps.publication.admin_actions import AnnouncingAdmin, PublishedItemAdmin
from apps.records.models import Authority, Licence, Penalty, Subject
from apps.records.services import save_authority, save_subject


@admin.register(Subject)
class SubjectAdmin(AnnouncingAdmin):
    save_service = save_subject
    list_display = ["name", "category", "uscc", "public_id"]
    list_filter = ["category"]
    search_fields = ["name", "uscc", "public_id"]
    readonly_fields = ["public_id", "key", "id_hash", "created_at"]


@admin.register(Authority)
class AuthorityAdmin(AnnouncingAdmin):
    save_service = save_authority
    list_display = ["name", "uscc", "uscc_valid", "province", "region_code"]
    list_filter = ["uscc_valid", "province"]
    search_fields = ["name", "uscc"]
    readonly_fields = ["key"]


@admin.register(Penalty)
class PenaltyAdmin(PublishedItemAdmin):
    list_display = ["public_id", "decision_number", "party_name", "authority", "decision_date", "publicity_class",
                    "state", "latest_end"]
    list_filter = ["state", "end_reason", "publicity_class", "party_category"]
    search_fields = ["public_id", "decision_number", "party_name", "party_uscc"]
    list_select_related = ["authority", "publicity_class"]


@admin.register(Licence)
class LicenceAdmin(PublishedItemAdmin):
    list_display = ["public_id", "decision_number", "party_name", "authority", "decision_date", "state",
                    "latest_end"]
    list_filter = ["state", "end_reason", "category", "party_category"]
    search_fields = ["public_id", "decision_number", "party_name", "party_uscc"]
    list_select_related = ["authority"]
