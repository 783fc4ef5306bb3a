"""Where each search engine's index stands in the change log."""
from django.db import models


class SearchCheckpoint(models.Model):
    """The last change-log sequence an engine's index has applied."""

    engine = models.CharField(primary_key=True, max_length=32, help_text="Engine name (embedded, elasticsearch).")
    last_sequence = models.BigIntegerField(default=0, help_text="Change-log events up to here are in the index.")
    updated_at = models.DateTimeField(auto_now=True, help_text="When the checkpoint last moved.")

    def __str__(self):
        return f"{self.engine} at #{self.last_sequence}"
