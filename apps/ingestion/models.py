"""Import batches and the quarantine of rows that could not be accepted."""
from django.db import models
from django.db.models import Q

from apps.common.json import UnicodeJSONEncoder
from apps.ingestion.enums import BatchStatus, QuarantineStatus
from apps.publication.enums import Dataset

REPORT_KEYS = ("read", "created", "updated", "unchanged", "quarantined", "flagged")


class ImportBatch(models.Model):
    """One run of the importer over one provider file."""

    kind = models.CharField(max_length=16, choices=Dataset.choices, help_text="Dataset of the rows in the file.")
    list_code = models.CharField(max_length=64, blank=True, help_text="List the entries belong to.")
    source_name = models.CharField(max_length=100, blank=True, help_text="Provider feed, as named with --source.")
    file_name = models.CharField(max_length=500, help_text="Name of the file imported.")
    file_sha256 = models.CharField(max_length=64, help_text="Checksum of the file, to recognise a repeat.")
    file_format = models.CharField(max_length=16, help_text="json, jsonl, csv or xlsx.")
    mapping_name = models.CharField(max_length=200, blank=True, help_text="Column-mapping file used, if any.")
    status = models.CharField(max_length=16, choices=BatchStatus.choices, default=BatchStatus.RUNNING,
                              help_text="Running, completed, or failed and rolled back.")
    error = models.TextField(blank=True, help_text="Why a failed batch failed.")
    started_at = models.DateTimeField(auto_now_add=True, help_text="When the run started.")
    host = models.CharField(max_length=255, blank=True, help_text="Machine the importing process ran on.")
    pid = models.PositiveIntegerField(null=True, blank=True,
                                      help_text="Process id of the import, to tell a running one from a killed one.")
    finished_at = models.DateTimeField(null=True, blank=True, help_text="When the run ended.")
    read = models.PositiveIntegerField(default=0, help_text="Rows read.")
    created = models.PositiveIntegerField(default=0, help_text="Rows that created a new item.")
    updated = models.PositiveIntegerField(default=0, help_text="Rows that corrected an existing item.")
    unchanged = models.PositiveIntegerField(default=0, help_text="Rows identical to what is stored.")
    quarantined = models.PositiveIntegerField(default=0, help_text="Rows refused, kept in quarantine.")
    flagged = models.PositiveIntegerField(default=0, help_text="Rows accepted with a data-quality flag.")

    class Meta:
        ordering = ["-started_at"]
        verbose_name_plural = "import batches"
        constraints = [
            models.CheckConstraint(condition=Q(read__gte=models.F("created") + models.F("updated")
                                               + models.F("unchanged") + models.F("quarantined")),
                                   name="import_batch_counts_add_up"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.kind} {self.file_name}"

    def report(self) -> dict:
        """The batch report: exactly the keys scripts check."""
        return {key: getattr(self, key) for key in REPORT_KEYS}


class QuarantinedRow(models.Model):
    """A row refused for hard errors, with one reason per failing field."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="quarantined_rows",
                              help_text="Batch that first refused the row.")
    last_seen_batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+",
                                        help_text="Latest batch that sent the same row again.")
    row_number = models.PositiveIntegerField(help_text="Position of the row in its file, from 1.")
    row_hash = models.CharField(max_length=64, help_text="Hash of the row, so a repeat is not stored twice.")
    match_key = models.CharField(max_length=64, blank=True, db_index=True,
                                 help_text="Names and numbers of the decision, to recognise its corrected row.")
    row = models.JSONField(encoder=UnicodeJSONEncoder, help_text="The row as received, never-public fields removed.")
    errors = models.JSONField(encoder=UnicodeJSONEncoder, help_text="[{field, reason}], one per failing field.")
    status = models.CharField(max_length=16, choices=QuarantineStatus.choices, default=QuarantineStatus.OPEN,
                              help_text="Open until a corrected row imports or staff dismiss it.")
    resolved_by_batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+", help_text="Batch whose corrected row resolved it.")

    class Meta:
        ordering = ["batch", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["row_hash"], condition=Q(status=QuarantineStatus.OPEN),
                                    name="quarantine_open_row_once"),
        ]

    def __str__(self):
        return f"batch {self.batch_id} row {self.row_number}"
