"""Vocabulary of the synthetic demo data: places, authorities, names, violations and their legal bases."""
from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    province: str       # 江苏省
    province_abbr: str  # 苏
    name: str           # 南京市
    short: str          # abbreviation used in decision numbers: 宁
    region_code: str    # GB/T 2260
    district: str       # a district, for self-employed business names


CITIES = [
    City("江苏省", "苏", "南京市", "宁", "320100", "玄武区"),
    City("江苏省", "苏", "苏州市", "苏", "320500", "姑苏区"),
    City("浙江省", "浙", "杭州市", "杭", "330100", "西湖区"),
    City("浙江省", "浙", "宁波市", "甬", "330200", "海曙区"),
    City("上海市", "沪", "上海市", "沪", "310115", "浦东新区"),
    City("北京市", "京", "北京市", "京", "110105", "朝阳区"),
    City("广东省", "粤", "广州市", "穗", "440100", "天河区"),
    City("广东省", "粤", "深圳市", "深", "440300", "南山区"),
    City("山东省", "鲁", "济南市", "济", "370100", "历下区"),
    City("山东省", "鲁", "青岛市", "青", "370200", "市南区"),
    City("四川省", "川", "成都市", "成", "510100", "锦江区"),
    City("湖北省", "鄂", "武汉市", "武", "420100", "江汉区"),
    City("河南省", "豫", "郑州市", "郑", "410100", "金水区"),
    City("黑龙江省", "黑", "哈尔滨市", "哈", "230100", "南岗区"),
    City("黑龙江省", "黑", "双鸭山市", "双", "230500", "尖山区"),
    City("福建省", "闽", "厦门市", "厦", "350200", "思明区"),
    City("陕西省", "陕", "西安市", "西", "610100", "雁塔区"),
]


@dataclass(frozen=True)
class Violation:
    name: str
    facts: str          # template with {party}, {place}, {date}
    basis: str
    kinds: tuple        # weighted alternatives: ((kinds, weight), ...)
    fine_median: int    # yuan


@dataclass(frozen=True)
class Domain:
    code: str
    label: str
    authority: str      # authority name suffix after the city
    abbr: str           # in decision numbers
    industries: tuple
    violations: tuple
    certificate: str    # licence certificate issued in this domain
    licence_content: str


_FINE = (("罚款",), 60)
_FINE_CONFISCATE = (("罚款", "没收违法所得"), 15)
_WARNING = (("警告",), 10)
_CRITICISM = (("通报批评",), 3)
_SUSPEND = (("罚款", "责令停产停业"), 5)
_REVOKE = (("罚款", "吊销许可证件"), 4)
_BAN = (("罚款", "限制从业"), 3)
_COMMON_KINDS = (_FINE, _FINE_CONFISCATE, _WARNING, _CRITICISM, _SUSPEND, _REVOKE, _BAN)

DOMAINS = [
    Domain("food", "食品安全", "市场监督管理局", "市监罚", ("食品", "餐饮管理", "农产品", "食品科技"), (
        Violation("生产经营不符合食品安全标准的食品",
                  "经查，{party}于{date}在{place}经营的预包装食品经抽样检验，菌落总数项目不符合食品安全国家标准。",
                  "《中华人民共和国食品安全法》第一百二十四条第一款第一项", _COMMON_KINDS, 50000),
        Violation("经营超过保质期的食品",
                  "{date}，执法人员在{party}经营场所（{place}）检查发现，货架上陈列销售超过保质期的食品若干。",
                  "《中华人民共和国食品安全法》第一百二十四条第一款第五项", _COMMON_KINDS, 20000),
        Violation("未取得食品经营许可从事食品经营活动",
                  "{party}未取得食品经营许可证，自{date}起在{place}从事餐饮服务经营活动。",
                  "《中华人民共和国食品安全法》第一百二十二条第一款", _COMMON_KINDS, 30000),
    ), "食品经营许可证", "预包装食品销售（含冷藏冷冻食品）、散装食品销售"),
    Domain("environment", "生态环境", "生态环境局", "环罚", ("环保科技", "化工", "印染", "金属制品"), (
        Violation("超标排放大气污染物",
                  "{date}，执法人员对{party}位于{place}的生产车间进行现场检查，监测结果显示其废气排放口颗粒物浓度超过排放标准。",
                  "《中华人民共和国大气污染防治法》第九十九条第二项", _COMMON_KINDS, 200000),
        Violation("未按规定设置危险废物识别标志",
                  "{party}在{place}的危险废物贮存场所未按规定设置危险废物识别标志，于{date}被现场检查发现。",
                  "《中华人民共和国固体废物污染环境防治法》第一百一十二条第一款第一项", _COMMON_KINDS, 100000),
    ), "排污许可证", "按照排污许可证载明的排放口、污染物种类和排放浓度限值排放污染物"),
    Domain("tax", "税务", "税务局", "税稽罚", ("商贸", "贸易", "咨询服务", "电子科技"), (
        Violation("未按照规定期限办理纳税申报和报送纳税资料",
                  "{party}未按规定期限办理{date}所属期的增值税纳税申报。",
                  "《中华人民共和国税收征收管理法》第六十二条", (_FINE, _WARNING), 2000),
        Violation("虚开增值税普通发票",
                  "经查，{party}在没有真实业务的情况下，于{date}前后为他人虚开增值税普通发票多份。",
                  "《中华人民共和国发票管理办法》第三十五条", (_FINE, _FINE_CONFISCATE), 100000),
    ), "税务登记", "办理税务登记"),
    Domain("construction", "建筑工程", "住房和城乡建设局", "建罚", ("建筑工程", "建设集团", "建材", "装饰工程"), (
        Violation("未取得施工许可证擅自施工",
                  "{party}承建的位于{place}的建设项目，未取得施工许可证于{date}擅自开工建设。",
                  "《建筑工程施工许可管理办法》第十二条", (_FINE, _SUSPEND), 150000),
        Violation("施工单位未按规定进行安全技术交底",
                  "{date}，检查发现{party}在{place}的施工现场未按规定对作业人员进行安全技术交底。",
                  "《建设工程安全生产管理条例》第六十四条", (_FINE, _REVOKE, _SUSPEND), 80000),
    ), "建筑工程施工许可证", "房屋建筑工程施工"),
    Domain("pricing", "价格", "市场监督管理局", "市监价罚", ("商贸", "超市", "药房", "停车管理"), (
        Violation("不按规定明码标价",
                  "{date}，执法人员检查发现{party}在{place}销售的商品未按规定明码标价。",
                  "《中华人民共和国价格法》第四十二条", (_FINE, _WARNING), 5000),
        Violation("利用虚假的或者使人误解的价格手段诱骗消费者交易",
                  "{party}于{date}在{place}开展促销活动时，虚构原价，诱骗消费者交易。",
                  "《中华人民共和国价格法》第四十条", (_FINE, _FINE_CONFISCATE), 50000),
    ), "营业执照", "商品零售"),
    Domain("advertising", "广告", "市场监督管理局", "市监广罚", ("广告传媒", "文化传播", "医疗美容", "保健品"), (
        Violation("发布虚假广告",
                  "{party}自{date}起在其网站及{place}的户外广告牌发布含有虚假内容的广告，欺骗、误导消费者。",
                  "《中华人民共和国广告法》第五十五条第一款", (_FINE, _FINE_CONFISCATE, _REVOKE), 200000),
        Violation("广告中使用绝对化用语",
                  "{party}于{date}在其经营场所（{place}）发布的广告中使用“国家级”“最佳”等用语。",
                  "《中华人民共和国广告法》第五十七条第一项", (_FINE, _WARNING), 30000),
    ), "广告发布登记证", "广告发布"),
    Domain("work_safety", "安全生产", "应急管理局", "应急罚", ("机械制造", "化工", "仓储", "金属制品"), (
        Violation("未按规定对从业人员进行安全生产教育和培训",
                  "{date}，执法人员检查发现{party}未按规定对位于{place}的生产车间从业人员进行安全生产教育和培训。",
                  "《中华人民共和国安全生产法》第九十七条第三项", (_FINE, _WARNING, _BAN), 30000),
        Violation("未对重大危险源登记建档",
                  "{party}位于{place}的储罐区构成重大危险源，截至{date}未登记建档、未进行定期检测评估。",
                  "《中华人民共和国安全生产法》第一百零一条第二项", (_FINE, _SUSPEND, _REVOKE), 100000),
    ), "安全生产许可证", "危险化学品生产"),
    Domain("transport", "交通运输", "交通运输局", "交罚", ("物流", "运输", "客运", "汽车租赁"), (
        Violation("未取得道路运输经营许可擅自从事道路运输经营",
                  "{date}，执法人员在{place}查获{party}未取得道路运输经营许可，擅自从事道路货物运输经营。",
                  "《中华人民共和国道路运输条例》第六十三条", (_FINE, _FINE_CONFISCATE), 30000),
        Violation("道路运输车辆超限超载",
                  "{party}所属货车于{date}在{place}经检测，车货总重超过限定标准。",
                  "《公路安全保护条例》第六十六条", (_FINE, _REVOKE), 10000),
    ), "道路运输经营许可证", "道路普通货物运输"),
]

TRADE_NAME_FIRST = "鑫恒华金瑞宏新德聚天永博嘉汇中安锦盛东明佳万益福广利正润兴百长宏泰和诚信达通源丰远康辉"
TRADE_NAME_SECOND = "达源泰辉丰远航润鑫盛和业通诚信康隆瑞祥发元昌盈达宇晟邦力建兴安华茂晖骏腾耀成"
COMPANY_SUFFIXES = (("有限公司", 70), ("有限责任公司", 20), ("股份有限公司", 10))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢"
GIVEN_CHARS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文斌宇浩凯鹏晨欣怡子涵思雨俊杰志红梅玉兰海波"
SHOP_KINDS = ("小吃店", "便利店", "餐馆", "水果店", "五金店", "理发店", "副食店", "烧烤店")

COURTS_SUFFIX = "人民法院"
DEBTOR_BEHAVIOURS = ("有履行能力而拒不履行生效法律文书确定义务", "违反财产报告制度", "违反限制消费令",
                     "以伪造证据、暴力、威胁等方法妨碍、抗拒执行")
PERFORMANCE = (("全部未履行", 80), ("部分履行", 20))
