"""Admin support shared by the admins: read-only item pages, the 'end publication' action, and saving catalogue rows
(authorities, lists, subjects) with updates sent for the published items they change."""
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from apps.common.admin import ReadOnlyAdmin
from apps.common.dates import today as local_today
from apps.common.errors import GongshiError
from apps.publication.enums import STAFF_END_REASONS, EndReason
from apps.publication.services import end_publication


class EndPublicationForm(forms.Form):
    reason = forms.ChoiceField(choices=[(r.value, r.label) for r in STAFF_END_REASONS], label="Reason")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           label="Note (case reference, decision on the objection…)")


@admin.action(description="End publication early (repair, revocation, objection upheld)")
def end_publication_action(modeladmin, request, queryset):
    """Ask for a reason, then end the publication of each selected item through the lifecycle service."""
    if "apply" in request.POST:
        form = EndPublicationForm(request.POST)
        if form.is_valid():
            done, refused = 0, []
            for item in queryset:
                try:
                    end_publication(item.public_id, form.cleaned_data["reason"], local_today(),
                                    note=form.cleaned_data["note"])
                    done += 1
                except GongshiError as exc:
                    refused.append(f"{item.public_id}: {exc}")
            if done:
                modeladmin.message_user(request, f"Publication ended for {done} item(s).", messages.SUCCESS)
            for line in refused:
                modeladmin.message_user(request, line, messages.ERROR)
            return None
    else:
        form = EndPublicationForm(initial={"reason": EndReason.REPAIRED})
    return TemplateResponse(request, "admin/publication/end_publication.html", {
        **modeladmin.admin_site.each_context(request),
        "title": "End publication",
        "items": queryset,
        "form": form,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    })


class PublishedItemAdmin(ReadOnlyAdmin):
    """Items arrive by import only; staff read them and may end their publication (never delete: public
    identifiers are never reused)."""

    actions = [end_publication_action]
    list_filter = ["state", "end_reason"]
    date_hierarchy = "received_at"
    lifecycle_fields = ["public_id", "state", "window_start", "earliest_end", "latest_end", "actual_end",
                        "end_reason", "end_note", "first_published_at", "version"]
    provenance_fields = ["source_name", "submitting_unit", "submitting_unit_uscc", "batch", "received_at",
                         "updated_at", "quality_flags", "source_row"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


class AnnouncingAdmin(admin.ModelAdmin):
    """Saves through a service that sends the published items the edit changes as updates."""

    save_service = None

    def save_model(self, request, obj, form, change):
        events = type(self).save_service(obj, local_today())
        if events:
            self.message_user(request, f"{events} published items sent as updates to the search index and the "
                                       "agencies' feed.")
