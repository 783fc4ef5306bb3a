"""Seed the list catalogue with the national lists of the domain reference (section 5).

Durations marked (verify) in the reference are data: staff correct them in the admin.
"""
from django.db import migrations

LISTS = [
    # code, name, colour, issuer, legal basis, default months, removal rules, publishes person names, description
    ("court-dishonest-debtors", "失信被执行人名单", "black", "最高人民法院及各级人民法院",
     "《最高人民法院关于公布失信被执行人名单信息的若干规定》", 24,
     "一般为2年，有从重情节的可延长1至3年；履行生效法律文书确定的义务后提前删除。", True,
     "有履行能力而拒不履行生效法律文书确定义务等情形的被执行人。"),
    ("tax-major-violations", "重大税收违法失信主体", "black", "国家税务总局",
     "《重大税收违法失信主体信息公布管理办法》（国家税务总局令第54号，2022）", 36,
     "自公布之日起满3年停止公布；按规定缴清税款、滞纳金和罚款的，可提前停止公布。", False,
     "偷税、逃避追缴欠税、骗取出口退税、虚开发票等重大税收违法失信行为的当事人。"),
    ("samr-serious-violations", "严重违法失信名单", "black", "国家市场监督管理总局",
     "《市场监督管理严重违法失信名单管理办法》（国家市场监督管理总局令第44号，2021）", 36,
     "列入满3年移出；列入满1年且已改正违法行为的，可申请提前移出。", False,
     "实施严重违法失信行为、受到较重行政处罚的市场主体。"),
    ("samr-abnormal-operations", "经营异常名录", "watch", "国家市场监督管理总局",
     "《企业经营异常名录管理暂行办法》", None,
     "改正后申请移出；列入满3年仍未移出的，列入严重违法失信名单。", False,
     "未按规定公示年度报告、通过登记的住所无法联系等情形的企业。"),
    ("wage-arrears", "拖欠农民工工资失信联合惩戒对象名单", "black", "人力资源和社会保障部",
     "《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》（人力资源和社会保障部令第45号，2022）", 36,
     "列入满3年移出；已清偿拖欠工资且满1年未再发生的，可申请提前移出。", False,
     "克扣、无故拖欠农民工工资达到认定拒不支付劳动报酬罪数额标准等情形的用人单位及其责任人。"),
    ("work-safety-serious", "安全生产严重失信主体名单", "black", "应急管理部",
     "《安全生产严重失信主体名单管理办法》（应急管理部令第11号，2023）", 36,
     "列入满3年移出；满1年且整改到位的，可申请提前移出。", False,
     "发生较大以上生产安全责任事故等严重违法失信行为的生产经营单位及其人员。"),
    ("procurement-debarment", "政府采购严重违法失信行为记录名单", "black", "财政部",
     "《中华人民共和国政府采购法》第七十七条；《中华人民共和国政府采购法实施条例》", 36,
     "禁止参加政府采购活动1至3年，期满移出。", False,
     "提供虚假材料谋取中标、成交等严重违法失信行为的供应商。"),
    ("statistics-serious", "统计严重失信企业", "black", "国家统计局",
     "《统计严重失信企业信用管理办法》", None,
     "公示期不少于6个月；期满且整改到位的，可申请信用修复后移出。", False,
     "统计造假、弄虚作假等严重统计违法行为的企业。"),
    ("customs-dishonest", "海关失信企业", "black", "海关总署",
     "《中华人民共和国海关注册登记和备案企业信用管理办法》（海关总署令第251号）", None,
     "海关重新评定信用等级；认定满1年后可申请信用修复。", False,
     "有走私犯罪、拖欠税款等情形，被海关认定为失信企业的进出口企业。"),
    ("customs-aeo", "海关高级认证企业（AEO）", "red", "海关总署",
     "《中华人民共和国海关注册登记和备案企业信用管理办法》（海关总署令第251号）", None,
     "海关定期复核，不再符合高级认证标准的降级。", False,
     "通过海关高级认证、享受通关便利等激励措施的企业。"),
    ("tax-a-grade", "纳税信用A级纳税人", "red", "国家税务总局",
     "《纳税信用管理办法》", 12,
     "按年度评价，下一年度评价结果公布后更新。", False,
     "年度纳税信用评价为A级的纳税人。"),
]


def seed(apps, schema_editor):
    ListType = apps.get_model("lists", "ListType")
    for code, name, colour, issuer, basis, months, removal, person_names, description in LISTS:
        ListType.objects.create(code=code, name=name, colour=colour, issuer=issuer, legal_basis=basis,
                                default_duration_months=months, removal_rules=removal,
                                publishes_person_names=person_names, description=description)


def unseed(apps, schema_editor):
    apps.get_model("lists", "ListType").objects.filter(code__in=[row[0] for row in LISTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("lists", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
