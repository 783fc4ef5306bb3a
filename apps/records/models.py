"""Subjects, authorities, and the two 双公示 datasets: administrative penalties and licences."""
from django.db import models
from django.db.models import Q

from apps.common.json import UnicodeJSONEncoder
from apps.publication.datasets import spec
from apps.publication.enums import Dataset
from apps.publication.models import PublishedItem
from apps.records.enums import DecisionStatus, LicenceCategory, PartyCategory


class Subject(models.Model):
    """A party decisions are about (行政相对人): an organisation, a self-employed business or a natural person."""

    public_id = models.CharField(max_length=32, unique=True, editable=False,
                                 help_text="Stable public identifier, safe in URLs, never reused.")
    key = models.CharField(max_length=200, unique=True, editable=False,
                           help_text="Matching key: the USCC, else a keyed hash of the ID number, else the name.")
    name = models.CharField(max_length=300, db_index=True, help_text="Name as most recently received.")
    category = models.CharField(max_length=16, choices=PartyCategory.choices, help_text="行政相对人类别.")
    uscc = models.CharField(max_length=18, null=True, blank=True, unique=True,
                            help_text="统一社会信用代码, for organisations and businesses that have one.")
    legacy_ids = models.JSONField(encoder=UnicodeJSONEncoder, default=dict, blank=True,
                                  help_text="Legacy identifiers: 工商注册号, 组织机构代码, 税务登记号 and so on.")
    legal_representative = models.CharField(max_length=100, blank=True, help_text="法定代表人 (name only).")
    id_hash = models.CharField(max_length=64, null=True, blank=True, db_index=True,
                               help_text="Keyed hash of a person's ID number, for matching; the number is not kept.")
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the subject was first seen.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Authority(models.Model):
    """A deciding body (处罚机关, 许可机关, 认定部门)."""

    key = models.CharField(max_length=200, unique=True, editable=False,
                           help_text="Matching key: the USCC when it passes its check, else the name.")
    name = models.CharField(max_length=200, db_index=True, help_text="Name of the authority.")
    uscc = models.CharField(max_length=18, blank=True, help_text="USCC as received (may fail its check).")
    uscc_valid = models.BooleanField(default=False, help_text="Whether the USCC passes its check character.")
    region_code = models.CharField(max_length=6, blank=True, help_text="GB/T 2260 code, from the USCC or the feed.")
    province = models.CharField(max_length=32, blank=True, db_index=True, help_text="Province of the region code.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"

    def __str__(self):
        return self.name


class PartyFields(models.Model):
    """The party as a decision names it; the Subject is who that party is across decisions."""

    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+",
                                help_text="The subject this decision is about.")
    party_name = models.CharField(max_length=300, help_text="行政相对人名称 as in the decision.")
    party_category = models.CharField(max_length=16, choices=PartyCategory.choices, help_text="行政相对人类别.")
    party_uscc = models.CharField(max_length=18, blank=True, help_text="统一社会信用代码 as in the decision.")
    party_legacy_ids = models.JSONField(encoder=UnicodeJSONEncoder, default=dict, blank=True,
                                        help_text="Legacy identifiers in the decision.")
    legal_representative = models.CharField(max_length=100, blank=True, help_text="法定代表人 (name only).")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+",
                                  help_text="Deciding authority.")
    decision_number = models.CharField(max_length=200, db_index=True, help_text="决定书文号.")
    decision_date = models.DateField(db_index=True, help_text="决定日期.")
    remarks = models.TextField(blank=True, help_text="备注.")

    class Meta:
        abstract = True


class Penalty(PublishedItem, PartyFields):
    """An administrative penalty decision (行政处罚), with every public field of the v2 standard."""

    DATASET = Dataset.PENALTY
    PUBLIC_ID_PREFIX = spec(DATASET).id_prefix

    violation_type = models.CharField(max_length=500, help_text="违法行为类型.")
    case_name = models.CharField(max_length=500, blank=True, help_text="案件名称 (v1 feeds).")
    facts = models.TextField(help_text="违法事实.")
    legal_basis = models.TextField(help_text="处罚依据.")
    kinds = models.JSONField(encoder=UnicodeJSONEncoder,
                             help_text="处罚类别: the set of penalty kinds, as a sorted list of standard values.")
    content = models.TextField(help_text="处罚内容.")
    fine_amount = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True,
                                      help_text="罚款金额, in 万元 (10,000 yuan).")
    confiscated_amount = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True,
                                             help_text="没收违法所得、没收非法财物的金额, in 万元.")
    licence_affected = models.CharField(max_length=500, blank=True, help_text="暂扣或吊销证照名称及编号.")
    valid_until = models.DateField(null=True, blank=True, help_text="处罚有效期; empty means indefinite.")
    provider_publicity_end = models.DateField(null=True, blank=True, help_text="公示截止期 as the provider set it.")
    status = models.CharField(max_length=8, choices=DecisionStatus.choices, default=DecisionStatus.NORMAL,
                              help_text="当前状态 as reported by the provider.")
    publicity_class = models.ForeignKey("publication.PublicityClass", on_delete=models.PROTECT, db_index=False,
                                        help_text="Class deciding the publicity period.")

    class Meta(PublishedItem.Meta):
        verbose_name, verbose_name_plural = "penalty decision", "penalty decisions"
        constraints = PublishedItem.Meta.constraints + [
            models.CheckConstraint(condition=Q(fine_amount__isnull=True) | Q(fine_amount__gte=0),
                                   name="penalty_fine_not_negative"),
            models.CheckConstraint(condition=Q(confiscated_amount__isnull=True) | Q(confiscated_amount__gte=0),
                                   name="penalty_confiscated_not_negative"),
        ]

    def __str__(self):
        return f"{self.decision_number} {self.party_name}"


class Licence(PublishedItem, PartyFields):
    """An administrative licensing decision (行政许可), with every public field of the v2 standard."""

    DATASET = Dataset.LICENCE
    PUBLIC_ID_PREFIX = spec(DATASET).id_prefix

    document_title = models.CharField(max_length=500, help_text="行政许可决定文书名称.")
    category = models.CharField(max_length=8, choices=LicenceCategory.choices, help_text="许可类别.")
    certificate_name = models.CharField(max_length=300, blank=True, help_text="许可证书名称.")
    certificate_number = models.CharField(max_length=200, blank=True, help_text="许可编号.")
    content = models.TextField(help_text="许可内容.")
    valid_from = models.DateField(null=True, blank=True, help_text="有效期自.")
    valid_to = models.DateField(null=True, blank=True, help_text="有效期至; empty means long-term.")
    status = models.CharField(max_length=8, choices=DecisionStatus.choices, default=DecisionStatus.NORMAL,
                              help_text="当前状态.")

    class Meta(PublishedItem.Meta):
        constraints = PublishedItem.Meta.constraints + [
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True)
                                   | Q(valid_to__gte=models.F("valid_from")),
                                   name="licence_validity_ordered"),
        ]

    def __str__(self):
        return f"{self.decision_number} {self.party_name}"
