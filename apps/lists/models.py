"""The list catalogue (红名单, 黑名单, 重点关注名单) and its entries."""
from django.db import models

from apps.lists.enums import EntryStatus, ListColour, RemovalReason
from apps.publication.datasets import spec
from apps.publication.enums import Dataset
from apps.publication.models import PublishedItem
from apps.records.enums import PartyCategory
from apps.records.models import Authority, Subject


class ListType(models.Model):
    """One list of the catalogue, with its issuer, basis and removal rules."""

    code = models.SlugField(primary_key=True, max_length=64, help_text="Stable code used in URLs and imports.")
    name = models.CharField(max_length=200, help_text="Name of the list.")
    colour = models.CharField(max_length=8, choices=ListColour.choices, help_text="Red, black or watch list.")
    issuer = models.CharField(max_length=200, help_text="Issuing authority.")
    legal_basis = models.TextField(blank=True, help_text="Rule the list rests on.")
    description = models.TextField(blank=True, help_text="Listing criteria, in plain words.")
    default_duration_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Months an entry stays listed when the entry gives no end; empty: "
                                         "until removed.")
    removal_rules = models.TextField(blank=True, help_text="When and how an entry is removed (移出).")
    publishes_person_names = models.BooleanField(
        default=False, help_text="The list's own rule publishes natural persons' full names (court debtors).")

    class Meta:
        ordering = ["colour", "name"]

    def __str__(self):
        return self.name


class ListEntry(PublishedItem):
    """A subject's entry on a list."""

    DATASET = Dataset.LIST_ENTRY
    PUBLIC_ID_PREFIX = spec(DATASET).id_prefix

    list_type = models.ForeignKey(ListType, on_delete=models.PROTECT, related_name="entries",
                                  help_text="The list.")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+", help_text="Listed subject.")
    party_name = models.CharField(max_length=300, help_text="主体名称.")
    party_category = models.CharField(max_length=16, choices=PartyCategory.choices, help_text="主体类别.")
    party_uscc = models.CharField(max_length=18, blank=True, help_text="统一社会信用代码.")
    party_id_masked = models.CharField(max_length=32, blank=True,
                                       help_text="ID number as masked upstream (3208191960****6833); never whole.")
    legal_representative = models.CharField(max_length=100, blank=True, help_text="法定代表人/负责人.")
    reason = models.TextField(help_text="列入事由.")
    legal_basis = models.TextField(blank=True, help_text="认定依据.")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+",
                                  help_text="认定部门 (for court debtors: the enforcing court).")
    decision_number = models.CharField(max_length=200, blank=True, db_index=True, help_text="决定文书号.")
    listed_on = models.DateField(db_index=True, help_text="列入日期.")
    valid_until = models.DateField(null=True, blank=True, help_text="有效期至.")
    measures = models.TextField(blank=True, help_text="惩戒措施 or 激励措施.")
    status = models.CharField(max_length=8, choices=EntryStatus.choices, default=EntryStatus.LISTED,
                              help_text="在列 or 已移出.")
    removed_on = models.DateField(null=True, blank=True, help_text="移出日期.")
    removal_reason = models.CharField(max_length=8, blank=True, choices=RemovalReason.choices,
                                      help_text="移出原因.")
    data_source = models.CharField(max_length=200, blank=True, help_text="数据来源.")
    # Court debtor entries (失信被执行人) carry these.
    case_number = models.CharField(max_length=100, blank=True, db_index=True, help_text="案号.")
    province = models.CharField(max_length=32, blank=True, help_text="省份.")
    basis_number = models.CharField(max_length=200, blank=True, help_text="执行依据文号.")
    basis_issuer = models.CharField(max_length=200, blank=True, help_text="做出执行依据单位.")
    obligation = models.TextField(blank=True, help_text="生效法律文书确定的义务.")
    performance = models.CharField(max_length=100, blank=True, help_text="履行情况.")
    filed_on = models.DateField(null=True, blank=True, help_text="立案时间.")
    published_on = models.DateField(null=True, blank=True, help_text="发布时间.")
    gender = models.CharField(max_length=4, blank=True, help_text="性别 (court debtors who are persons).")

    class Meta(PublishedItem.Meta):
        verbose_name_plural = "list entries"
        # A list page walks one list's published entries in its sort order, a page at a time (keyset paging).
        indexes = [*PublishedItem.Meta.indexes,
                   models.Index(fields=["list_type", "state", "listed_on", "id"], name="lists_entry_by_date"),
                   models.Index(fields=["list_type", "state", "party_name", "id"], name="lists_entry_by_name")]

    def __str__(self):
        return f"{self.list_type_id}: {self.party_name}"
