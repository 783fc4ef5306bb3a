"""Issued credit reports, kept so anyone holding one can verify it by its number."""
from django.db import models

from apps.common.json import UnicodeJSONEncoder


class IssuedReport(models.Model):
    """A public credit report as issued: who it was about, when, and which items it listed."""

    number = models.CharField(max_length=32, unique=True, help_text="Report number printed on the PDF.")
    subject_public_id = models.CharField(max_length=32, help_text="Public id of the subject the report is about.")
    subject_name = models.CharField(max_length=300, help_text="The name as printed (masked for persons).")
    issued_on = models.DateField(help_text="Report date.")
    item_ids = models.JSONField(encoder=UnicodeJSONEncoder, help_text="Public ids of the items it listed.")
    created_at = models.DateTimeField(auto_now_add=True, help_text="When it was first generated.")

    def __str__(self):
        return self.number
