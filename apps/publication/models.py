"""Publication rules as data, the change log, superseded versions, and the base every published item shares."""
from django.db import models
from django.db.models import Q

from apps.common.json import UnicodeJSONEncoder
from apps.publication.enums import ChangeAction, Dataset, EndReason, PublicationState, PublicityClassCode
from apps.records.enums import PenaltyKind


class PublicityClass(models.Model):
    """A class of untrustworthy conduct (轻微/一般/严重) that decides whether and how long a penalty is public."""

    code = models.CharField(primary_key=True, max_length=16, choices=PublicityClassCode.choices,
                            help_text="Stable code of the class.")
    name = models.CharField(max_length=32, help_text="Chinese name shown to people.")
    rank = models.PositiveSmallIntegerField(unique=True,
                                            help_text="Severity order; where kinds disagree, the highest rank wins.")
    published = models.BooleanField(help_text="Whether penalties of this class are published at all.")

    class Meta:
        ordering = ["rank"]
        verbose_name_plural = "publicity classes"

    def __str__(self):
        return self.name


class PublicityPeriod(models.Model):
    """How long penalties of a class stay public, under the rules in force from a date on."""

    publicity_class = models.ForeignKey(PublicityClass, on_delete=models.PROTECT, related_name="periods",
                                        help_text="Class the period applies to.")
    effective_from = models.DateField(help_text="Decisions taken on or after this date follow this period.")
    min_months = models.PositiveSmallIntegerField(help_text="Earliest end, in months from the decision date; "
                                                            "credit repair is possible from then on.")
    max_months = models.PositiveSmallIntegerField(help_text="Latest end, in months from the decision date; "
                                                            "publication ends automatically then.")
    source = models.CharField(max_length=200, blank=True, help_text="The rule this period comes from.")

    class Meta:
        ordering = ["publicity_class__rank", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["publicity_class", "effective_from"], name="publicity_period_unique"),
            models.CheckConstraint(condition=Q(min_months__lte=models.F("max_months")),
                                   name="publicity_period_min_le_max"),
        ]

    def __str__(self):
        return f"{self.publicity_class} from {self.effective_from}: {self.min_months}-{self.max_months} months"


class PenaltyKindRule(models.Model):
    """Which publicity class a penalty kind implies when the provider sends none."""

    kind = models.CharField(primary_key=True, max_length=32, choices=PenaltyKind.choices,
                            help_text="Penalty kind (处罚类别).")
    publicity_class = models.ForeignKey(PublicityClass, on_delete=models.PROTECT,
                                        help_text="Class this kind implies on its own.")

    def __str__(self):
        return f"{self.kind} → {self.publicity_class}"


class ChangeLogCounter(models.Model):
    """The single row holding the last sequence number handed out; locked to keep the log in commit order."""

    last_sequence = models.BigIntegerField(default=0, help_text="Sequence number of the newest event.")

    def __str__(self):
        return f"change log at #{self.last_sequence}"


class ChangeEvent(models.Model):
    """One publish, update or end of publication of a public item, in one strictly increasing sequence."""

    sequence = models.BigIntegerField(primary_key=True, help_text="Position in the change log, gap-free.")
    dataset = models.CharField(max_length=16, choices=Dataset.choices, help_text="Dataset of the item.")
    item_id = models.CharField(max_length=32, db_index=True, help_text="Public identifier of the item.")
    action = models.CharField(max_length=16, choices=ChangeAction.choices, help_text="What happened.")
    reason = models.CharField(max_length=32, blank=True, choices=EndReason.choices,
                              help_text="Why publication ended (unpublish events only).")
    effective_date = models.DateField(help_text="Date the change takes effect (publication start or end).")
    occurred_at = models.DateTimeField(auto_now_add=True, help_text="When the event was written.")
    batch = models.ForeignKey("ingestion.ImportBatch", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="events", help_text="Import batch that caused it, if any.")

    class Meta:
        ordering = ["sequence"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(action=ChangeAction.UNPUBLISH) & ~Q(reason="")) | (~Q(action=ChangeAction.UNPUBLISH)
                                                                             & Q(reason="")),
                name="change_event_reason_iff_unpublish",
            ),
        ]

    def __str__(self):
        return f"#{self.sequence} {self.action} {self.item_id}"


class ItemVersion(models.Model):
    """A superseded version of an item, kept when a corrected row replaced it."""

    dataset = models.CharField(max_length=16, choices=Dataset.choices, help_text="Dataset of the item.")
    item_id = models.CharField(max_length=32, help_text="Public identifier of the item.")
    version = models.PositiveIntegerField(help_text="Version number the content had.")
    content = models.JSONField(encoder=UnicodeJSONEncoder, help_text="Public fields and source row of that version.")
    batch = models.ForeignKey("ingestion.ImportBatch", null=True, on_delete=models.PROTECT, related_name="+",
                              help_text="Batch that had written that version.")
    superseded_at = models.DateTimeField(auto_now_add=True, help_text="When a newer version replaced it.")

    class Meta:
        ordering = ["item_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "item_id", "version"], name="item_version_unique"),
        ]

    def __str__(self):
        return f"{self.item_id} v{self.version}"


class PublishedItem(models.Model):
    """Identity, provenance and publication state shared by penalties, licences and list entries."""

    PUBLIC_ID_PREFIX = ""
    DATASET = ""

    public_id = models.CharField(max_length=32, unique=True, editable=False,
                                 help_text="Stable public identifier, safe in URLs, never reused.")
    dedup_key = models.CharField(max_length=64, unique=True, editable=False,
                                 help_text="Hash of the fields that identify the decision; see docs/ingestion.md.")
    content_hash = models.CharField(max_length=32, editable=False,
                                    help_text="Hash of the public content, to tell a correction from a repeat.")
    version = models.PositiveIntegerField(default=1, help_text="Increases with each correction received.")

    # Indexed through the (state, latest_end) index below, whose prefix serves queries on state alone.
    state = models.CharField(max_length=16, choices=PublicationState.choices,
                             help_text="Where the item stands in its publication lifecycle.")
    window_start = models.DateField(null=True, blank=True, help_text="First day of publicity.")
    earliest_end = models.DateField(null=True, blank=True,
                                    help_text="From this day publication may end early (credit repair).")
    latest_end = models.DateField(null=True, blank=True,
                                  help_text="Publication ends on this day at the latest; empty means indefinite.")
    actual_end = models.DateField(null=True, blank=True, help_text="Day publication actually ended.")
    end_reason = models.CharField(max_length=32, blank=True, choices=EndReason.choices,
                                  help_text="Why publication ended.")
    end_note = models.TextField(blank=True, help_text="Staff's note on an early end (case reference, say).")
    first_published_at = models.DateTimeField(null=True, blank=True,
                                              help_text="When the item first became public; empty if never.")

    source_name = models.CharField(max_length=100, blank=True, help_text="Provider feed the item came from.")
    submitting_unit = models.CharField(max_length=200, blank=True, help_text="数据来源单位: unit that submitted it.")
    submitting_unit_uscc = models.CharField(max_length=18, blank=True, help_text="USCC of the submitting unit.")
    batch = models.ForeignKey("ingestion.ImportBatch", on_delete=models.PROTECT, related_name="+", db_index=False,
                              help_text="Import batch that last wrote this item.")
    received_at = models.DateTimeField(help_text="When the item was first received.")
    updated_at = models.DateTimeField(help_text="When the item last changed.")
    source_row = models.JSONField(encoder=UnicodeJSONEncoder,
                                  help_text="The row as the provider sent it, never-public fields removed.")
    quality_flags = models.JSONField(encoder=UnicodeJSONEncoder, default=list, blank=True,
                                     help_text="Data-quality problems found on import: [{field, reason}].")

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=(Q(state=PublicationState.PUBLISHED) & Q(end_reason="") & Q(actual_end__isnull=True))
                | (~Q(state=PublicationState.PUBLISHED) & ~Q(end_reason="")),
                name="%(app_label)s_%(class)s_state_matches_end",
            ),
        ]
        indexes = [models.Index(fields=["state", "latest_end"], name="%(app_label)s_%(class)s_sweep")]
