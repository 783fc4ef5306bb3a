from django.contrib import admin, messages

from apps.access.keys import issue_key
from apps.access.models import Agency, ApiKey, Tier
from apps.common.admin import ReadOnlyAdmin


@admin.register(Tier)
class TierAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "per_minute", "per_day", "max_page_size", "mask_persons", "bulk_and_feed",
                    "csv_export_limit"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "uscc", "registration_number", "status"]
    list_filter = ["status"]
    search_fields = ["name", "uscc", "registration_number"]


@admin.action(description="Revoke the selected keys")
def revoke(modeladmin, request, queryset):
    from django.utils import timezone

    count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    modeladmin.message_user(request, f"{count} key(s) revoked.")


@admin.register(ApiKey)
class ApiKeyAdmin(ReadOnlyAdmin):
    """Keys are issued with the button below (or manage.py issue_key); the secret is shown once."""

    list_display = ["prefix", "tier", "agency", "holder_name", "created_at", "expires_at", "revoked_at",
                    "last_used_at"]
    list_filter = ["tier", "revoked_at"]
    search_fields = ["prefix", "holder_name", "agency__name"]
    actions = [revoke, "issue_registered_key"]

    @admin.action(description="Issue a new registered-tier key (shown once)")
    def issue_registered_key(self, request, queryset):
        key, secret = issue_key("registered", holder_name=f"issued by {request.user}")
        self.message_user(request, f"New key {key.prefix}: {secret} (copy it now; it is not stored)",
                          messages.WARNING)
