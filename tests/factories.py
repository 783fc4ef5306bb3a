"""Provider rows as feeds send them (v2 codes), built with factory_boy; valid unless a test says otherwise."""
import datetime as dt

import factory

from tests.conftest import TODAY

# Valid identifiers from the domain reference.
USCCS = ["91310115591693856A", "91310110666007217T", "91230500MA1B3N1N2M", "91320105780688132K",
         "91110116589133454J", "9111010673510605XU", "911101147334748793", "91110105MA017MY10T"]
AUTHORITY_USCC = "11230500001755309F"
RESIDENT_IDS = ["11010519491231002X", "440524188001010014", "110101199003077758"]


def recent(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


class PenaltyRowFactory(factory.DictFactory):
    """A v2 penalty row decided 30 days ago: a general-class fine, published."""

    CF_WSH = factory.Sequence(lambda n: f"苏市监罚〔2026〕{n + 1}号")
    CF_XDR_MC = factory.Sequence(lambda n: f"南京测试{n}食品有限公司")
    CF_XDR_LB = "法人及非法人组织"
    CF_XDR_SHXYM = factory.Sequence(lambda n: USCCS[n % len(USCCS)])
    CF_FRDB = "王杨"
    CF_WFXW = "生产经营不符合食品安全标准的食品"
    CF_SY = "经抽样检验，菌落总数不符合食品安全国家标准。"
    CF_YJ = "《中华人民共和国食品安全法》第一百二十四条"
    CF_CFLB = "罚款"
    CF_NR = "罚款2000元"
    CF_NR_FK = "0.2"
    CF_JDRQ = factory.LazyFunction(lambda: recent(30))
    CF_CFJG = "南京市市场监督管理局"
    CF_CFJGDM = AUTHORITY_USCC
    CF_SJLY = "南京市市场监督管理局"
    CF_SJLYDM = AUTHORITY_USCC


class PersonPenaltyRowFactory(PenaltyRowFactory):
    """A penalty on a natural person, with the person's ID number as feeds send it."""

    CF_XDR_MC = "张三丰"
    CF_XDR_LB = "自然人"
    CF_XDR_SHXYM = ""
    CF_XDR_ZJLX = "身份证"
    CF_XDR_ZJHM = RESIDENT_IDS[2]
    CF_FRDB = ""


class LicenceRowFactory(factory.DictFactory):
    """A v2 licence row decided 60 days ago, valid for three years."""

    XK_XDR_MC = factory.Sequence(lambda n: f"杭州测试{n}科技有限公司")
    XK_XDR_LB = "法人及非法人组织"
    XK_XDR_SHXYM = factory.Sequence(lambda n: USCCS[n % len(USCCS)])
    XK_FRDB = "李四"
    XK_XKWS = "食品经营许可证核发决定书"
    XK_WSH = factory.Sequence(lambda n: f"杭市监许〔2026〕{n + 1}号")
    XK_XKLB = "普通"
    XK_XKZS = "食品经营许可证"
    XK_XKBH = factory.Sequence(lambda n: f"JY133010{n:06d}")
    XK_NR = "预包装食品销售"
    XK_JDRQ = factory.LazyFunction(lambda: recent(60))
    XK_YXQZ = factory.LazyFunction(lambda: recent(60))
    XK_YXQZI = factory.LazyFunction(lambda: (TODAY + dt.timedelta(days=1000)).isoformat())
    XK_XKJG = "杭州市市场监督管理局"
    XK_XKJGDM = AUTHORITY_USCC
    XK_ZT = "正常"


class ListEntryRowFactory(factory.DictFactory):
    """A list entry with Chinese headers, listed 90 days ago and still listed."""

    主体名称 = factory.Sequence(lambda n: f"深圳测试{n}物流有限公司")
    统一社会信用代码 = factory.Sequence(lambda n: USCCS[n % len(USCCS)])
    法定代表人 = "赵六"
    列入事由 = "未依照规定期限公示年度报告"
    认定部门 = "深圳市市场监督管理局"
    决定文书号 = factory.Sequence(lambda n: f"深信列〔2026〕{n + 1}号")
    列入日期 = factory.LazyFunction(lambda: recent(90))
    状态 = "在列"
