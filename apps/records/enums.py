"""Enumerations of the v2 record standard (domain reference, section 3); values are the standard's text."""
from django.db import models


class PartyCategory(models.TextChoices):
    ORGANISATION = "法人及非法人组织", "法人及非法人组织"
    PERSON = "自然人", "自然人"
    SELF_EMPLOYED = "个体工商户", "个体工商户"


class PenaltyKind(models.TextChoices):
    WARNING = "警告", "警告"
    CRITICISM = "通报批评", "通报批评"
    FINE = "罚款", "罚款"
    CONFISCATE_GAINS = "没收违法所得", "没收违法所得"
    CONFISCATE_PROPERTY = "没收非法财物", "没收非法财物"
    SUSPEND_LICENCE = "暂扣许可证件", "暂扣许可证件"
    REVOKE_LICENCE = "吊销许可证件", "吊销许可证件"
    LOWER_QUALIFICATION = "降低资质等级", "降低资质等级"
    RESTRICT_OPERATIONS = "限制开展生产经营活动", "限制开展生产经营活动"
    SUSPEND_OPERATIONS = "责令停产停业", "责令停产停业"
    CLOSE = "责令关闭", "责令关闭"
    BAN_PRACTICE = "限制从业", "限制从业"
    DETENTION = "行政拘留", "行政拘留"
    OTHER = "其他", "其他"


class LicenceCategory(models.TextChoices):
    ORDINARY = "普通", "普通"
    FRANCHISE = "特许", "特许"
    RECOGNITION = "认可", "认可"
    APPROVAL = "核准", "核准"
    REGISTRATION = "登记", "登记"
    OTHER = "其他", "其他"


class DecisionStatus(models.TextChoices):
    """当前状态 of a decision as the provider reports it."""

    NORMAL = "正常", "正常"
    REVOKED = "撤销", "撤销"
    OBJECTION = "异议", "异议"
    OTHER = "其他", "其他"
