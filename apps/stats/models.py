"""Statistics are computed by a command after imports and sweeps and kept here, because aggregating a national
table takes seconds and a page must answer in milliseconds."""
from django.db import models

from apps.common.json import UnicodeJSONEncoder


class StatsSnapshot(models.Model):
    """One computation of every statistic the pages show."""

    computed_at = models.DateTimeField(auto_now_add=True, help_text="When the statistics were computed.")
    sequence = models.BigIntegerField(help_text="Change-log sequence the statistics are consistent with.")
    data = models.JSONField(encoder=UnicodeJSONEncoder, help_text="The statistics by name (apps/stats/compute.py).")

    class Meta:
        ordering = ["-computed_at"]
        indexes = [models.Index(fields=["-computed_at"], name="stats_newest")]

    def __str__(self):
        return f"statistics of {self.computed_at:%Y-%m-%d %H:%M} at #{self.sequence}"
