"""Choices of the publication lifecycle."""
from django.db import models

from apps.publication.datasets import DATASETS

# The datasets as choices of model fields, made from the registry (Dataset.PENALTY, Dataset.LIST_ENTRY, ...).
Dataset = models.TextChoices("Dataset", [(spec.name.upper(), (spec.name, spec.label_zh)) for spec in DATASETS])


class PublicationState(models.TextChoices):
    PUBLISHED = "published", "公示中"
    EXPIRED = "expired", "公示期满"
    REPAIRED = "repaired", "信用修复"
    REVOKED = "revoked", "已撤销"
    WITHDRAWN = "withdrawn", "异议成立撤下"
    # Stored but never published: a minor-class penalty.
    WITHHELD = "withheld", "不予公示"


class EndReason(models.TextChoices):
    EXPIRED = "expired", "公示期满"
    REPAIRED = "repaired", "信用修复"
    REVOKED = "revoked", "决定撤销"
    OBJECTION_UPHELD = "objection_upheld", "异议成立"
    MINOR = "minor", "轻微失信，不予公示"


# The state an item is in once publication ended for a reason.
STATE_FOR_REASON = {
    EndReason.EXPIRED: PublicationState.EXPIRED,
    EndReason.REPAIRED: PublicationState.REPAIRED,
    EndReason.REVOKED: PublicationState.REVOKED,
    EndReason.OBJECTION_UPHELD: PublicationState.WITHDRAWN,
    EndReason.MINOR: PublicationState.WITHHELD,
}

# Reasons staff may give to end a publication early.
STAFF_END_REASONS = (EndReason.REPAIRED, EndReason.REVOKED, EndReason.OBJECTION_UPHELD)

# States a provider's corrected row may not undo: a decision by staff, or a revocation, sticks.
STICKY_STATES = frozenset({PublicationState.REPAIRED, PublicationState.REVOKED, PublicationState.WITHDRAWN})


class ChangeAction(models.TextChoices):
    PUBLISH = "publish", "发布"
    UPDATE = "update", "更新"
    UNPUBLISH = "unpublish", "结束公示"


class PublicityClassCode(models.TextChoices):
    MINOR = "minor", "轻微"
    GENERAL = "general", "一般"
    SERIOUS = "serious", "严重"
