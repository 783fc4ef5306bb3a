"""Seed the three tiers of issue 4; staff edit them afterwards."""
from django.db import migrations

TIERS = [
    # code, name, per minute, per day, page, mask persons, bulk and feed, CSV export limit (None: unlimited)
    ("anonymous", "匿名访问 (no key)", 30, 1_000, 20, True, False, 0),
    ("registered", "注册用户 (registered)", 120, 20_000, 100, True, False, 10_000),
    ("agency", "信用服务机构 (agency)", 600, 500_000, 1_000, False, True, None),
]


def seed(apps, schema_editor):
    Tier = apps.get_model("access", "Tier")
    for code, name, minute, day, page, mask, bulk, csv_limit in TIERS:
        Tier.objects.create(code=code, name=name, per_minute=minute, per_day=day, max_page_size=page,
                            datasets=[], lists=[], extended_fields=code == "agency", mask_persons=mask,
                            bulk_and_feed=bulk, csv_export_limit=csv_limit)


def unseed(apps, schema_editor):
    apps.get_model("access", "Tier").objects.filter(code__in=[t[0] for t in TIERS]).delete()


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
