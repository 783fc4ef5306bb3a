"""Choices of the ingestion app."""
from django.db import models


class BatchStatus(models.TextChoices):
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed (rolled back, nothing stored)"


class QuarantineStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved by a later import"
    DISMISSED = "dismissed", "Dismissed by staff"
