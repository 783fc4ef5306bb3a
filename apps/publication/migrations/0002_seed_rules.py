"""Seed the publication rules in force since 2026-04-01 (NDRC 《信用修复管理办法》, 2025) and the change-log counter.

Later rule changes are new PublicityPeriod rows with their own effective_from, added by staff or a migration.
"""
import datetime as dt

from django.db import migrations

RULE_SOURCE = "国家发展改革委《信用修复管理办法》(2025)，2026年4月1日起施行"
CLASSES = [
    # code, name, rank, published, min months, max months
    ("minor", "轻微", 1, False, 0, 3),
    ("general", "一般", 2, True, 3, 12),
    ("serious", "严重", 3, True, 12, 36),
]
KIND_CLASSES = {
    "警告": "minor", "通报批评": "minor",
    "吊销许可证件": "serious", "限制从业": "serious", "责令关闭": "serious", "降低资质等级": "serious",
    "罚款": "general", "没收违法所得": "general", "没收非法财物": "general", "暂扣许可证件": "general",
    "限制开展生产经营活动": "general", "责令停产停业": "general", "行政拘留": "general", "其他": "general",
}


def seed(apps, schema_editor):
    PublicityClass = apps.get_model("publication", "PublicityClass")
    PublicityPeriod = apps.get_model("publication", "PublicityPeriod")
    PenaltyKindRule = apps.get_model("publication", "PenaltyKindRule")
    ChangeLogCounter = apps.get_model("publication", "ChangeLogCounter")
    for code, name, rank, published, min_months, max_months in CLASSES:
        cls = PublicityClass.objects.create(code=code, name=name, rank=rank, published=published)
        PublicityPeriod.objects.create(publicity_class=cls, effective_from=dt.date(2026, 4, 1),
                                       min_months=min_months, max_months=max_months, source=RULE_SOURCE)
    for kind, code in KIND_CLASSES.items():
        PenaltyKindRule.objects.create(kind=kind, publicity_class_id=code)
    ChangeLogCounter.objects.create(pk=1, last_sequence=0)


def unseed(apps, schema_editor):
    for name in ("PenaltyKindRule", "PublicityPeriod", "PublicityClass", "ChangeLogCounter"):
        apps.get_model("publication", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("publication", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
