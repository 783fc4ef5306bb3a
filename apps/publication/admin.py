from django.contrib import admin

from apps.common.admin import ReadOnlyAdmin
from apps.publication.models import ChangeEvent, ItemVersion, PenaltyKindRule, PublicityClass, PublicityPeriod


class PublicityPeriodInline(admin.TabularInline):
    model = PublicityPeriod
    extra = 0


@admin.register(PublicityClass)
class PublicityClassAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "rank", "published"]
    inlines = [PublicityPeriodInline]


@admin.register(PenaltyKindRule)
class PenaltyKindRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "publicity_class"]
    list_editable = ["publicity_class"]


@admin.register(ChangeEvent)
class ChangeEventAdmin(ReadOnlyAdmin):
    list_display = ["sequence", "action", "dataset", "item_id", "reason", "effective_date", "occurred_at", "batch"]
    list_filter = ["action", "dataset", "reason"]
    search_fields = ["item_id"]


@admin.register(ItemVersion)
class ItemVersionAdmin(ReadOnlyAdmin):
    list_display = ["item_id", "dataset", "version", "superseded_at", "batch"]
    search_fields = ["item_id"]
