"""Choices of the list catalogue and its entries."""
from django.db import models


class ListColour(models.TextChoices):
    RED = "red", "红名单"
    BLACK = "black", "黑名单"
    WATCH = "watch", "重点关注名单"


class EntryStatus(models.TextChoices):
    LISTED = "在列", "在列"
    REMOVED = "已移出", "已移出"


class RemovalReason(models.TextChoices):
    EXPIRED = "期满", "期满"
    REPAIRED = "信用修复", "信用修复"
    REVOKED = "撤销", "撤销"
