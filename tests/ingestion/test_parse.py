import pytest

from apps.common.privacy import ID_REDACTION
from apps.ingestion.enumerations import shared_enumerations
from apps.ingestion.fields import detect_kind
from apps.ingestion.mapping import EMPTY_MAPPING
from apps.ingestion.parse import RowParser
from apps.publication.enums import Dataset
from tests.conftest import TODAY
from tests.factories import RESIDENT_IDS, LicenceRowFactory, PenaltyRowFactory, PersonPenaltyRowFactory


def parse(row, kind=Dataset.PENALTY):
    return RowParser(kind, shared_enumerations(), EMPTY_MAPPING, TODAY).parse(1, row)


def errors_of(parsed):
    return {e["field"]: e["reason"] for e in parsed.errors}


def test_valid_v2_row_parses_without_errors():
    parsed = parse(PenaltyRowFactory())
    assert parsed.errors == []
    assert parsed.values["kinds"] == ["罚款"]


def test_lower_case_codes_map_like_upper_case():
    row = {k.lower(): v for k, v in PenaltyRowFactory().items()}
    parsed = parse(row)
    assert parsed.errors == []
    assert parsed.values["decision_number"] == row["cf_wsh"]


def test_chinese_headers_map_to_the_same_fields():
    row = {"行政相对人名称": "南京甲食品有限公司", "行政相对人类别": "法人及非法人组织",
           "统一社会信用代码": "91320105780688132K", "行政处罚决定书文号": "宁市监罚〔2026〕9号",
           "违法行为类型": "经营超过保质期的食品", "违法事实": "货架上陈列超过保质期的食品。",
           "处罚依据": "《中华人民共和国食品安全法》第一百二十四条", "处罚类别": "罚款；没收违法所得",
           "处罚内容": "罚款5000元，没收违法所得300元", "罚款金额（万元）": "0.5", "处罚决定日期": "2026年10月01日",
           "处罚机关": "南京市市场监督管理局", "处罚机关统一社会信用代码": "11230500001755309F"}
    parsed = parse(row)
    assert parsed.errors == []
    assert parsed.values["kinds"] == ["没收违法所得", "罚款"]
    assert str(parsed.values["fine_amount"]) == "0.500000"


def test_v1_codes_map_and_missing_fields_are_inferred_with_flags():
    row = {"CF_WSH": "宁市监罚〔2026〕1号", "CF_CFMC": "某某公司无证经营案", "CF_CFLB1": "罚款", "CF_CFLB2": "警告",
           "CF_SY": "无证经营", "CF_YJ": "《无证无照经营查处办法》第十三条", "CF_XDR_MC": "南京乙商贸有限公司",
           "CF_XDR_SHXYM": "91320105780688132K", "CF_FR": "钱七", "CF_JG": "罚款1万元", "CF_JDRQ": "20261001",
           "CF_XZJG": "南京市市场监督管理局", "CF_ZT": "正常", "DFBM": "320100"}
    parsed = parse(row)
    assert parsed.errors == []
    assert parsed.values["violation_type"] == "某某公司无证经营案"
    assert parsed.values["kinds"] == ["罚款", "警告"]
    assert parsed.values["party_category"] == "法人及非法人组织"
    assert {f["field"] for f in parsed.flags} >= {"violation_type", "party_category", "authority_uscc"}


@pytest.mark.parametrize("columns, kind", [
    (PenaltyRowFactory().keys(), Dataset.PENALTY),
    (LicenceRowFactory().keys(), Dataset.LICENCE),
    (["主体名称", "列入事由", "列入日期", "认定部门"], Dataset.LIST_ENTRY),
])
def test_kind_is_detected_from_columns(columns, kind):
    assert detect_kind(columns) == kind


@pytest.mark.parametrize("label, content, expected", [
    ("没收违法所得、没收非法财物", "", ["没收违法所得", "没收非法财物"]),
    ("罚款、没收违法所得", "", ["没收违法所得", "罚款"]),
    ("暂扣或者吊销许可证、暂扣或者吊销执照", "吊销食品经营许可证", ["吊销许可证件"]),
    ("暂扣或者吊销许可证、暂扣或者吊销执照", "暂扣许可证三个月", ["暂扣许可证件"]),
    ("其它", "", ["其他"]),
])
def test_legacy_and_combined_kind_labels(label, content, expected):
    parsed = parse(PenaltyRowFactory(CF_CFLB=label, CF_NR=content or "罚款"))
    assert parsed.values["kinds"] == expected


@pytest.mark.parametrize("override, field", [
    ({"CF_WSH": ""}, "decision_number"),
    ({"CF_XDR_MC": None}, "party_name"),
    ({"CF_XDR_SHXYM": "91310115591693856B"}, "party_uscc"),
    ({"CF_JDRQ": "2026-13-45"}, "decision_date"),
    ({"CF_CFLB": "罚金刑"}, "kinds"),
    ({"CF_XDR_LB": "外星人"}, "party_category"),
    ({"CF_NR_FK": "很多"}, "fine_amount"),
    ({"CF_JDRQ": "2030-01-01"}, "decision_date"),
])
def test_hard_errors_name_the_field(override, field):
    assert field in errors_of(parse(PenaltyRowFactory(**override)))


def test_each_failing_field_gets_its_own_reason():
    parsed = parse(PenaltyRowFactory(CF_WSH="", CF_JDRQ="garbage", CF_CFLB="罚金刑"))
    assert set(errors_of(parsed)) == {"decision_number", "decision_date", "kinds"}


def test_authority_placeholder_code_is_only_a_flag():
    parsed = parse(PenaltyRowFactory(CF_CFJGDM="00000000000000000X"))
    assert parsed.errors == []
    assert [f["field"] for f in parsed.flags] == ["authority_uscc"]


def test_bad_resident_id_check_is_a_hard_error_that_does_not_echo_the_number():
    bad = "110101199003077757"
    parsed = parse(PersonPenaltyRowFactory(CF_XDR_ZJHM=bad))
    assert "party_id_number" in errors_of(parsed)
    assert bad not in str(parsed.errors)


def test_id_numbers_never_reach_values_or_the_kept_row():
    row = PersonPenaltyRowFactory(CF_FR_ZJHM=RESIDENT_IDS[0])
    parsed = parse(row)
    kept = repr(parsed.values) + repr(parsed.raw)
    assert RESIDENT_IDS[2] not in kept and RESIDENT_IDS[0] not in kept
    assert "CF_XDR_ZJHM" not in parsed.raw and "CF_FR_ZJHM" not in parsed.raw
    assert parsed.party_id_hash and RESIDENT_IDS[2] not in parsed.party_id_hash


def test_id_numbers_pasted_into_free_text_are_redacted():
    parsed = parse(PenaltyRowFactory(CF_SY=f"当事人张三（身份证号{RESIDENT_IDS[1]}）经营过期食品。"))
    assert RESIDENT_IDS[1] not in parsed.values["facts"]
    assert ID_REDACTION in parsed.values["facts"]
    assert RESIDENT_IDS[1] not in str(parsed.raw)


def test_decision_numbers_that_look_numeric_are_not_redacted():
    parsed = parse(PenaltyRowFactory(CF_SY="案件编号320100202600012345号"))
    assert "320100202600012345" in parsed.values["facts"]


def test_numeric_licence_status_one_maps_to_normal():
    parsed = parse(LicenceRowFactory(XK_ZT="1"), kind=Dataset.LICENCE)
    assert parsed.values["status"] == "正常"


def test_unverified_numeric_status_is_refused_rather_than_guessed():
    parsed = parse(LicenceRowFactory(XK_ZT="7"), kind=Dataset.LICENCE)
    assert "status" in errors_of(parsed)


def test_amount_in_yuan_is_converted_and_flagged():
    parsed = parse(PenaltyRowFactory(CF_NR_FK="2000元"))
    assert str(parsed.values["fine_amount"]) == "0.200000"
    assert any(f["field"] == "fine_amount" for f in parsed.flags)


def test_all_digit_uscc_that_passes_the_id_check_is_kept():
    # 911101147334748793 is a real USCC; read as a resident ID its check character matches too.
    parsed = parse(PenaltyRowFactory(CF_XDR_SHXYM="911101147334748793"))
    assert parsed.errors == []
    assert parsed.values["party_uscc"] == "911101147334748793"


def test_id_number_typed_into_the_uscc_column_is_refused_and_not_kept():
    parsed = parse(PenaltyRowFactory(CF_XDR_SHXYM=RESIDENT_IDS[2]))
    assert "party_uscc" in errors_of(parsed)
    assert RESIDENT_IDS[2] not in repr(parsed.raw) + repr(parsed.values) + repr(parsed.errors)


def test_every_canonical_field_is_documented():
    from pathlib import Path

    from apps.ingestion.fields import FIELDS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "ingestion.md").read_text(encoding="utf-8")
    missing = [spec.name for specs in FIELDS.values() for spec in specs if f"`{spec.name}`" not in doc]
    assert missing == []
