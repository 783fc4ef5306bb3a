from django.contrib import admin

from apps.lists.models import ListEntry, ListType
from apps.lists.services import save_list_type
from apps.publication.admin_actions import AnnouncingAdmin, PublishedItemAdmin


@admin.register(ListType)
class ListTypeAdmin(AnnouncingAdmin):
    save_service = save_list_type
    list_display = ["code", "name", "colour", "issuer", "default_duration_months", "publishes_person_names"]
    list_filter = ["colour"]


@admin.register(ListEntry)
class ListEntryAdmin(PublishedItemAdmin):
    list_display = ["public_id", "list_type", "party_name", "authority", "listed_on", "status", "state",
                    "latest_end"]
    list_filter = ["state", "end_reason", "list_type", "status"]
    search_fields = ["public_id", "party_name", "party_uscc", "case_number", "decision_number"]
    list_select_related = ["authority", "list_type"]
