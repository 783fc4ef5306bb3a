from django.contrib import admin

from apps.common.dates import today
from apps.lists.models import ListEntry, ListType
from apps.lists.services import save_list_type
from apps.publication.admin_actions import PublishedItemAdmin


@admin.register(ListType)
class ListTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "colour", "issuer", "default_duration_months", "publishes_person_names"]
    list_filter = ["colour"]

    def save_model(self, request, obj, form, change):
        events = save_list_type(obj, today())
        if events:
            self.message_user(request, f"The name rule changed: {events} published entries sent as updates to the "
                                       "search index and the agencies' feed.")


@admin.register(ListEntry)
class ListEntryAdmin(PublishedItemAdmin):
    list_display = ["public_id", "list_type", "party_name", "authority", "listed_on", "status", "state",
                    "latest_end"]
    list_filter = ["state", "end_reason", "list_type", "status"]
    search_fields = ["public_id", "party_name", "party_uscc", "case_number", "decision_number"]
    list_select_related = ["authority", "list_type"]
