"""The canonical fields of each record kind and every column name providers use for them.

A provider column is matched by its header_key (NFKC, no spaces, upper case), so v2 codes, v1 codes, their
lower-case variants and the Chinese names all land on one canonical field. A per-source mapping file
(see mapping.py) adds names for feeds of any other shape.
"""
from dataclasses import dataclass, field
from enum import Enum

from apps.ingestion.normalise import header_key
from apps.publication.enums import Dataset


class FieldType(Enum):
    TEXT = "text"            # free text, trimmed
    CODE = "code"            # identifiers: half-width, no spaces, upper case
    DECISION_NUMBER = "decision_number"
    DATE = "date"
    AMOUNT = "amount"        # 万元
    ENUM = "enum"            # mapped through the enumeration tables
    KINDS = "kinds"          # a set of penalty kinds
    ID_NUMBER = "id_number"  # never public: hashed, then dropped
    ID_TYPE = "id_type"      # never public: read to decide how to check the number, then dropped
    MASKED_ID = "masked_id"  # an ID as masked upstream; kept as received when it is masked


@dataclass(frozen=True)
class FieldSpec:
    """One canonical field: its type, whether a row needs it, and the column names that carry it."""

    name: str
    type: FieldType
    aliases: tuple[str, ...]
    required: bool = False
    enum: str = ""  # enumeration table name, for ENUM and KINDS
    never_public: bool = field(init=False)  # ID numbers and their types: read, never stored

    def __post_init__(self):
        object.__setattr__(self, "never_public", self.type in (FieldType.ID_NUMBER, FieldType.ID_TYPE))


T = FieldType

_PARTY_LEGACY = {
    "party_reg_no": ("工商注册号", "工商登记码"),
    "party_org_code": ("组织机构代码",),
    "party_tax_no": ("税务登记号",),
    "party_institution_no": ("事业单位证书号",),
    "party_social_org_no": ("社会组织登记证号",),
}


def _party_fields(p: str, name_aliases: tuple[str, ...]) -> list[FieldSpec]:
    """Party fields shared by penalties (prefix CF) and licences (prefix XK)."""
    return [
        FieldSpec("party_name", T.TEXT, (f"{p}_XDR_MC", "行政相对人名称", *name_aliases), required=True),
        FieldSpec("party_category", T.ENUM, (f"{p}_XDR_LB", "行政相对人类别"), enum="party_category"),
        FieldSpec("party_uscc", T.CODE, (f"{p}_XDR_SHXYM", "统一社会信用代码", "行政相对人统一社会信用代码")),
        FieldSpec("party_reg_no", T.CODE, (f"{p}_XDR_GSZC", f"{p}_XDR_GSDJ", *_PARTY_LEGACY["party_reg_no"])),
        FieldSpec("party_org_code", T.CODE, (f"{p}_XDR_ZZJG", f"{p}_XDR_ZDM", *_PARTY_LEGACY["party_org_code"])),
        FieldSpec("party_tax_no", T.CODE, (f"{p}_XDR_SWDJ", *_PARTY_LEGACY["party_tax_no"])),
        FieldSpec("party_institution_no", T.CODE, (f"{p}_XDR_SYDW", *_PARTY_LEGACY["party_institution_no"])),
        FieldSpec("party_social_org_no", T.CODE, (f"{p}_XDR_SHZZ", *_PARTY_LEGACY["party_social_org_no"])),
        FieldSpec("legal_representative", T.TEXT, (f"{p}_FRDB", f"{p}_FR", "法定代表人")),
        FieldSpec("rep_id_type", T.ID_TYPE, (f"{p}_FR_ZJLX", "法定代表人证件类型")),
        FieldSpec("rep_id_number", T.ID_NUMBER, (f"{p}_FR_ZJHM", "法定代表人证件号码", "法定代表人身份证号码")),
        FieldSpec("party_id_type", T.ID_TYPE, (f"{p}_XDR_ZJLX", "证件类型", "行政相对人证件类型")),
        FieldSpec("party_id_number", T.ID_NUMBER, (f"{p}_XDR_ZJHM", f"{p}_XDR_SFZ", "证件号码", "身份证号",
                                                   "身份证号码", "行政相对人证件号码")),
        FieldSpec("remarks", T.TEXT, ("BZ", "备注")),
        FieldSpec("region_code", T.CODE, ("DFBM", "地方编码")),
        FieldSpec("source_updated_at", T.TEXT, ("SJC", "更新时间戳")),
        FieldSpec("status", T.ENUM, (f"{p}_ZT", "当前状态"), enum="status"),
    ]


PENALTY_FIELDS = _party_fields("CF", ()) + [
    FieldSpec("decision_number", T.DECISION_NUMBER, ("CF_WSH", "行政处罚决定书文号", "决定书文号", "处罚决定书文号"),
              required=True),
    FieldSpec("violation_type", T.TEXT, ("CF_WFXW", "违法行为类型"), required=True),
    FieldSpec("case_name", T.TEXT, ("CF_CFMC", "案件名称")),
    FieldSpec("facts", T.TEXT, ("CF_SY", "违法事实", "处罚事由"), required=True),
    FieldSpec("legal_basis", T.TEXT, ("CF_YJ", "处罚依据"), required=True),
    FieldSpec("kinds", T.KINDS, ("CF_CFLB", "CF_CFLB1", "CF_CFLB2", "处罚类别", "处罚类别1", "处罚类别2"),
              required=True, enum="penalty_kind"),
    FieldSpec("content", T.TEXT, ("CF_NR", "CF_JG", "处罚内容", "处罚结果"), required=True),
    FieldSpec("fine_amount", T.AMOUNT, ("CF_NR_FK", "罚款金额(万元)", "罚款金额")),
    FieldSpec("confiscated_amount", T.AMOUNT, ("CF_NR_WFFF", "没收违法所得、没收非法财物的金额(万元)",
                                               "没收违法所得、没收非法财物的金额", "没收金额")),
    FieldSpec("licence_affected", T.TEXT, ("CF_NR_ZKDX", "暂扣或吊销证照名称及编号")),
    FieldSpec("decision_date", T.DATE, ("CF_JDRQ", "处罚决定日期", "决定日期"), required=True),
    FieldSpec("valid_until", T.DATE, ("CF_YXQ", "处罚有效期")),
    FieldSpec("provider_publicity_end", T.DATE, ("CF_GSJZQ", "公示截止期")),
    FieldSpec("authority_name", T.TEXT, ("CF_CFJG", "CF_XZJG", "处罚机关"), required=True),
    FieldSpec("authority_uscc", T.CODE, ("CF_CFJGDM", "处罚机关统一社会信用代码", "处罚机关代码")),
    FieldSpec("submitting_unit", T.TEXT, ("CF_SJLY", "数据来源单位")),
    FieldSpec("submitting_unit_uscc", T.CODE, ("CF_SJLYDM", "数据来源单位统一社会信用代码", "数据来源单位代码")),
    FieldSpec("publicity_class", T.ENUM, ("CF_GSLB", "公示类别", "失信程度", "失信行为等级"), enum="publicity_class"),
]

LICENCE_FIELDS = _party_fields("XK", ("XK_XDR", "相对人名称")) + [
    FieldSpec("document_title", T.TEXT, ("XK_XKWS", "行政许可决定文书名称", "XK_XMMC", "项目名称"), required=True),
    FieldSpec("decision_number", T.DECISION_NUMBER, ("XK_WSH", "行政许可决定文书号", "许可决定文书号"),
              required=True),
    FieldSpec("category", T.ENUM, ("XK_XKLB", "XK_SPLB", "许可类别", "审批类别"), required=True,
              enum="licence_category"),
    FieldSpec("certificate_name", T.TEXT, ("XK_XKZS", "许可证书名称")),
    FieldSpec("certificate_number", T.CODE, ("XK_XKBH", "许可编号")),
    FieldSpec("content", T.TEXT, ("XK_NR", "许可内容"), required=True),
    FieldSpec("decision_date", T.DATE, ("XK_JDRQ", "许可决定日期"), required=True),
    FieldSpec("valid_from", T.DATE, ("XK_YXQZ", "有效期自")),
    FieldSpec("valid_to", T.DATE, ("XK_YXQZI", "XK_JZQ", "有效期至", "截止期")),
    FieldSpec("authority_name", T.TEXT, ("XK_XKJG", "XK_XZJG", "许可机关"), required=True),
    FieldSpec("authority_uscc", T.CODE, ("XK_XKJGDM", "许可机关统一社会信用代码", "许可机关代码")),
    FieldSpec("submitting_unit", T.TEXT, ("XK_LYDW", "数据来源单位")),
    FieldSpec("submitting_unit_uscc", T.CODE, ("XK_LYDWDM", "数据来源单位统一社会信用代码", "数据来源单位代码")),
]

LIST_ENTRY_FIELDS = [
    FieldSpec("party_name", T.TEXT, ("主体名称", "名称", "企业名称", "被执行人姓名/名称", "失信被执行人名称"),
              required=True),
    FieldSpec("party_category", T.ENUM, ("主体类别", "行政相对人类别"), enum="party_category"),
    FieldSpec("party_uscc", T.CODE, ("统一社会信用代码",)),
    FieldSpec("party_id_masked", T.MASKED_ID, ("证件号码", "身份证号码/组织机构代码", "身份证号码", "身份证号")),
    FieldSpec("legal_representative", T.TEXT, ("法定代表人/负责人", "法定代表人", "负责人",
                                               "法定代表人或者负责人姓名")),
    FieldSpec("reason", T.TEXT, ("列入事由", "列入原因", "失信被执行人行为具体情形"), required=True),
    FieldSpec("legal_basis", T.TEXT, ("认定依据", "列入依据")),
    FieldSpec("authority_name", T.TEXT, ("认定部门", "认定机关", "列入机关", "执行法院"), required=True),
    FieldSpec("authority_uscc", T.CODE, ("认定部门统一社会信用代码", "认定部门代码")),
    FieldSpec("decision_number", T.DECISION_NUMBER, ("决定文书号", "列入决定书文号", "决定书文号")),
    FieldSpec("listed_on", T.DATE, ("列入日期", "认定日期"), required=True),
    FieldSpec("valid_until", T.DATE, ("有效期至",)),
    FieldSpec("measures", T.TEXT, ("惩戒措施", "激励措施", "惩戒或激励措施")),
    FieldSpec("status", T.ENUM, ("状态", "名单状态"), enum="list_status"),
    FieldSpec("removed_on", T.DATE, ("移出日期",)),
    FieldSpec("removal_reason", T.ENUM, ("移出原因",), enum="removal_reason"),
    FieldSpec("data_source", T.TEXT, ("数据来源",)),
    FieldSpec("list_code", T.TEXT, ("名单代码", "LIST_CODE")),
    FieldSpec("case_number", T.DECISION_NUMBER, ("案号",)),
    FieldSpec("province", T.TEXT, ("省份",)),
    FieldSpec("basis_number", T.DECISION_NUMBER, ("执行依据文号",)),
    FieldSpec("basis_issuer", T.TEXT, ("做出执行依据单位",)),
    FieldSpec("obligation", T.TEXT, ("生效法律文书确定的义务",)),
    FieldSpec("performance", T.TEXT, ("履行情况",)),
    FieldSpec("filed_on", T.DATE, ("立案时间",)),
    FieldSpec("published_on", T.DATE, ("发布时间",)),
    FieldSpec("gender", T.TEXT, ("性别",)),
    FieldSpec("party_id_number", T.ID_NUMBER, ("证件号码(完整)",)),
    FieldSpec("party_id_type", T.ID_TYPE, ("证件类型",)),
    FieldSpec("remarks", T.TEXT, ("BZ", "备注")),
    FieldSpec("submitting_unit", T.TEXT, ("数据来源单位",)),
    FieldSpec("submitting_unit_uscc", T.CODE, ("数据来源单位统一社会信用代码",)),
]

FIELDS: dict[str, list[FieldSpec]] = {
    Dataset.PENALTY: PENALTY_FIELDS,
    Dataset.LICENCE: LICENCE_FIELDS,
    Dataset.LIST_ENTRY: LIST_ENTRY_FIELDS,
}

# Every canonical field name and type, with every name mapping files may target.
FIELDS_BY_NAME: dict[str, dict[str, FieldSpec]] = {kind: {f.name: f for f in specs} for kind, specs in FIELDS.items()}


def alias_table(kind: str) -> dict[str, FieldSpec]:
    """header_key of every known column name → its canonical field, for one kind."""
    table: dict[str, FieldSpec] = {}
    for spec in FIELDS[kind]:
        table.setdefault(header_key(spec.name), spec)
        for alias in spec.aliases:
            table.setdefault(header_key(alias), spec)
    return table


# Columns that identify a kind beyond doubt when no --kind is given.
_LIST_MARKERS = frozenset(header_key(h) for h in (
    "列入事由", "列入日期", "认定部门", "案号", "失信被执行人行为具体情形", "执行法院", "移出日期"))


def detect_kind(columns) -> str | None:
    """Guess the record kind from a row's column names: CF_ codes are penalties, XK_ codes licences, list
    columns list entries; otherwise the kind whose Chinese names match most columns."""
    keys = [header_key(c) for c in columns]
    if any(k.startswith("CF_") for k in keys):
        return Dataset.PENALTY
    if any(k.startswith("XK_") for k in keys):
        return Dataset.LICENCE
    if any(k in _LIST_MARKERS for k in keys):
        return Dataset.LIST_ENTRY
    scores = {kind: sum(1 for k in keys if k in alias_table(kind)) for kind in FIELDS}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 3 else None
