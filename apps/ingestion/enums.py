"""Choices of the ingestion app."""
from django.db import models


class RecordKind(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    LICENCE = "licence", "行政许可"
    LIST_ENTRY = "list-entry", "名单"


class BatchStatus(models.TextChoices):
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed (rolled back, nothing stored)"


class QuarantineStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved by a later import"
    DISMISSED = "dismissed", "Dismissed by staff"
