from django.contrib import admin

from apps.common.admin import ReadOnlyAdmin
from apps.ingestion.enums import QuarantineStatus
from apps.ingestion.models import ImportBatch, QuarantinedRow


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ["pk", "file_name", "kind", "list_code", "source_name", "status", "read", "created", "updated",
                    "unchanged", "quarantined", "flagged", "started_at", "finished_at", "error"]
    list_filter = ["status", "kind", "source_name"]
    search_fields = ["file_name", "file_sha256"]


@admin.action(description="Dismiss (the row will not be corrected)")
def dismiss(modeladmin, request, queryset):
    count = queryset.filter(status=QuarantineStatus.OPEN).update(status=QuarantineStatus.DISMISSED)
    modeladmin.message_user(request, f"{count} row(s) dismissed.")


@admin.register(QuarantinedRow)
class QuarantinedRowAdmin(admin.ModelAdmin):
    list_display = ["pk", "batch", "row_number", "status", "reasons"]
    list_filter = ["status", "batch__kind", "batch"]
    actions = [dismiss]
    readonly_fields = ["batch", "last_seen_batch", "row_number", "row_hash", "match_key", "row", "errors",
                       "status", "resolved_by_batch"]

    @admin.display(description="Reasons")
    def reasons(self, obj):
        return "; ".join(f"{e['field']}: {e['reason']}" for e in obj.errors)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
