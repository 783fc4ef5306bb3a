"""Who may pull what through the API: tiers (data staff edit), agencies, API keys, usage and rate counters."""
from django.db import models
from django.db.models import Q

from apps.common.json import UnicodeJSONEncoder

ANONYMOUS_TIER = "anonymous"


class Tier(models.Model):
    """What a class of caller may do. Staff edit tiers; the code reads them (what a tier sees, through
    apps.publication.audience.Audience.of)."""

    code = models.SlugField(primary_key=True, max_length=32, help_text="anonymous, registered, agency, …")
    name = models.CharField(max_length=100, help_text="Name shown to callers.")
    per_minute = models.PositiveIntegerField(help_text="Requests allowed per minute.")
    per_day = models.PositiveIntegerField(help_text="Requests allowed per day.")
    pages_per_minute = models.PositiveIntegerField(
        default=60, help_text="Costly pages (search, profiles, reports, list pages, exports, feeds) per minute, "
                              "per client address (per key for a visitor using one).")
    pages_per_day = models.PositiveIntegerField(default=5000, help_text="Costly pages per day, likewise.")
    max_page_size = models.PositiveIntegerField(help_text="Largest page a list or search may return.")
    datasets = models.JSONField(encoder=UnicodeJSONEncoder, default=list,
                                help_text="Datasets visible (penalty, licence, list_entry); empty means all.")
    lists = models.JSONField(encoder=UnicodeJSONEncoder, default=list, blank=True,
                             help_text="List codes visible; empty means all.")
    extended_fields = models.BooleanField(default=False,
                                          help_text="Provenance and data-quality fields besides the public set.")
    mask_persons = models.BooleanField(
        default=True, help_text="Natural persons' names shown masked (张*明), and no digit of the ID numbers courts "
                                "publish masked (3208191960****6833); see apps/publication/audience.py.")
    bulk_and_feed = models.BooleanField(default=False, help_text="Bulk snapshots and the change feed allowed.")
    csv_export_limit = models.PositiveIntegerField(null=True, blank=True,
                                                   help_text="Largest CSV export in rows; 0 none; empty unlimited.")

    class Meta:
        ordering = ["per_minute"]
        constraints = [models.CheckConstraint(condition=Q(per_day__gte=models.F("per_minute")),
                                              name="tier_day_at_least_minute"),
                       models.CheckConstraint(condition=Q(pages_per_day__gte=models.F("pages_per_minute")),
                                              name="tier_pages_day_at_least_minute")]

    def __str__(self):
        return self.name


class Agency(models.Model):
    """A credit service agency (信用服务机构) registered to use the API."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended (keys refused)"

    name = models.CharField(max_length=200, help_text="Registered name.")
    uscc = models.CharField(max_length=18, unique=True, help_text="统一社会信用代码.")
    registration_number = models.CharField(max_length=100, blank=True, help_text="备案号 with the credit authority.")
    contact_name = models.CharField(max_length=100, blank=True, help_text="Contact person.")
    contact_email = models.EmailField(blank=True, help_text="Contact e-mail.")
    contact_phone = models.CharField(max_length=40, blank=True, help_text="Contact telephone.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE,
                              help_text="A suspended agency's keys are refused.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name


class ApiKey(models.Model):
    """An API key: shown once, stored as a SHA-256 hash, found by its public prefix."""

    prefix = models.CharField(max_length=16, unique=True, help_text="Public part of the key, to find it.")
    key_hash = models.CharField(max_length=64, help_text="SHA-256 of the whole key; the key itself is not kept.")
    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="keys", help_text="What the key may do.")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="keys",
                               help_text="Agency holding the key; empty for a registered individual.")
    holder_name = models.CharField(max_length=200, blank=True, help_text="Registered individual holding the key.")
    holder_email = models.EmailField(blank=True, help_text="Registered individual's e-mail.")
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the key was issued.")
    expires_at = models.DateTimeField(null=True, blank=True, help_text="When the key stops working; empty: never.")
    revoked_at = models.DateTimeField(null=True, blank=True, help_text="When staff revoked the key.")
    last_used_at = models.DateTimeField(null=True, blank=True, help_text="Last request made with the key.")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API key"

    def __str__(self):
        return f"{self.prefix}… ({self.tier_id})"


class UsageCounter(models.Model):
    """Requests per key, endpoint and day."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="usage", help_text="The key.")
    endpoint = models.CharField(max_length=64, help_text="Endpoint name.")
    day = models.DateField(help_text="Day (portal time zone).")
    count = models.PositiveIntegerField(default=0, help_text="Requests that day.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "endpoint", "day"], name="usage_once_per_day")]

    def __str__(self):
        return f"{self.key_id} {self.endpoint} {self.day}: {self.count}"


class RateCounter(models.Model):
    """A rate-limit window's request count, when no Redis is configured: shared by every process through the
    database, incremented atomically."""

    key = models.CharField(primary_key=True, max_length=200, help_text="Caller and window.")
    count = models.PositiveIntegerField(default=0, help_text="Requests in the window so far.")
    expires_at = models.DateTimeField(db_index=True, help_text="End of the window.")

    def __str__(self):
        return f"{self.key}: {self.count}"


class BulkDownload(models.Model):
    """The audit log of bulk downloads: who took which snapshot file, when, from where."""

    key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="downloads", help_text="Key used.")
    file_name = models.CharField(max_length=200, help_text="Snapshot file served.")
    sequence = models.BigIntegerField(help_text="Change-log sequence the snapshot is consistent with.")
    client_address = models.CharField(max_length=64, help_text="Client address as the portal saw it.")
    downloaded_at = models.DateTimeField(auto_now_add=True, help_text="When the download started.")

    class Meta:
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"{self.key_id} {self.file_name} {self.downloaded_at:%Y-%m-%d %H:%M}"
