"""ID numbers in free text, in every writing providers use: found and redacted; decision numbers, dates, amounts,
USCCs and certificate numbers left alone."""
import pytest

from apps.common.privacy import (
    ID_REDACTION,
    limit_court_mask,
    looks_like_id_number,
    redact_id_code,
    redact_id_numbers,
)
from tests.factories import RESIDENT_IDS

VALID = RESIDENT_IDS[2]                      # 110101199003077758
WRONG_CHECK = VALID[:17] + "7"               # region and birth date valid, check character wrong
LEGACY = VALID[:6] + VALID[8:14] + VALID[14:17]  # 15 digits: 110101 900307 775
FULL_WIDTH = VALID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))

WRITINGS = {
    "plain": VALID,
    "lower-case x": RESIDENT_IDS[0].lower(),
    "full-width digits": FULL_WIDTH,
    "full-width X": RESIDENT_IDS[0][:17] + "Ｘ",
    "spaces in groups of four": " ".join(VALID[i:i + 4] for i in range(0, 18, 4)),
    "6-8-4 with hyphens": f"{VALID[:6]}-{VALID[6:14]}-{VALID[14:]}",
    "full-width hyphens": f"{VALID[:6]}－{VALID[6:14]}－{VALID[14:]}",
    "ideographic spaces": f"{VALID[:6]}\u3000{VALID[6:14]}\u3000{VALID[14:]}",
    "15-digit legacy form": LEGACY,
    "wrong check character": WRONG_CHECK,
    "born in the nineteenth century": RESIDENT_IDS[1],
    "split by a line break": f"{VALID[:6]}\n{VALID[6:]}",
    "split by a tab": f"{VALID[:6]}\t{VALID[6:]}",
    "zero-width spaces": "\u200b".join(VALID),
    "dots and slashes": f"{VALID[:6]}.{VALID[6:14]}/{VALID[14:]}",
    "spaced hyphen": f"{VALID[:6]} - {VALID[6:14]} - {VALID[14:]}",
    "minus signs": f"{VALID[:6]}\u2212{VALID[6:]}",
    "mathematical digits": "".join(chr(0x1D7CE + int(c)) for c in VALID),
    "circled digits": "".join("⓪①②③④⑤⑥⑦⑧⑨"[int(c)] for c in VALID),
    "Chinese numerals": "".join("〇一二三四五六七八九"[int(c)] for c in VALID),
    "a court's mask": "3201001976****8284",
    "× for the check character": RESIDENT_IDS[0][:17] + "×",
    "○ for zero": VALID.replace("0", "○"),
    "financial numerals": "".join("零壹贰叁肆伍陆柒捌玖"[int(c)] for c in VALID),
    "full-width dots": f"{VALID[:6]}．{VALID[6:14]}．{VALID[14:]}",
    "direction marks": "\u200e".join(VALID),
    "four separators": f"{VALID[:6]} -- {VALID[6:]}",
    "brackets": f"{VALID[:6]}({VALID[6:14]}){VALID[14:]}",
    "colons": f"{VALID[:6]}:{VALID[6:14]}：{VALID[14:]}",
    "full stops": f"{VALID[:6]}。{VALID[6:]}",
}


@pytest.mark.parametrize("writing", WRITINGS.values(), ids=WRITINGS.keys())
def test_an_id_number_in_free_text_is_redacted_in_any_writing(writing):
    text = f"当事人张三丰（身份证号码：{writing}）销售过期食品。"
    assert redact_id_numbers(text) == f"当事人张三丰（身份证号码：{ID_REDACTION}）销售过期食品。"


def test_an_id_number_beside_other_numbers_is_redacted_alone():
    assert redact_id_numbers(f"电话 13800138000 {VALID} 号") == f"电话 13800138000 {ID_REDACTION} 号"


def test_a_phone_number_running_into_a_spaced_id_does_not_pass_for_a_short_one():
    spaced = "3201 0219 8407 2343 35"  # a phone number and the ID's first group make a 15-digit "ID"
    assert redact_id_numbers(f"电话13195288052 {spaced}号") == f"电话13195288052 {ID_REDACTION}号"


def test_letters_glued_on_do_not_hide_an_id_number():
    assert redact_id_numbers(f"sfz{VALID}号") == f"sfz{ID_REDACTION}号"


GLUED = ["张三{}", "当事人张××{}", "张XX{}", "{}一案", "{}七日内缴纳", "{}二〇二三年", "第一{}", "{}x光机", "{}*",
         "**{}**", "{}①", "王*{}无照经营", "统一{}"]


@pytest.mark.parametrize("template", GLUED)
def test_a_word_or_sign_glued_to_an_id_number_does_not_hide_it(template):
    assert VALID not in redact_id_numbers(template.format(VALID))
    assert redact_id_numbers(template.format(VALID)) == template.format(ID_REDACTION)


def test_a_phone_number_run_into_an_id_with_two_spaces_leaves_no_part_of_it():
    assert redact_id_numbers("电话19119260206  510104199205042522号") == f"电话19119260206  {ID_REDACTION}号"


def test_several_id_numbers_are_all_redacted():
    assert redact_id_numbers(f"{VALID}、{LEGACY}") == f"{ID_REDACTION}、{ID_REDACTION}"


KEPT = {
    "decision number": "苏市监罚〔2026〕110101199003号",
    "date": "2026-03-07 至 2027-03-06",
    "amount": "罚款 1234567890123.45 元",
    "all-digit USCC": "统一社会信用代码 911101147334748793",
    "certificate number": "许可证 JY13101150123456789",
    "18 digits with no real birth date": "110101199013077758",
    "18 digits with no province": "990101199003077758",
    "a business registration number": "310115000812345",
    "a masked organisation code": "9114082306****333G",
    "court case number": "(2019)浙0111执286号",
    "a bank card number": "6222021001134567890",
    "two phone numbers": "13500001011、13912345678，13812345678 13700001111",
    "a digit glued on (a longer number, not searched inside)": "9" + VALID,
}


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT.keys())
def test_numbers_without_an_id_numbers_shape_are_kept(text):
    assert redact_id_numbers(text) == text


def test_id_shape_needs_a_province_and_a_date_of_birth():
    assert looks_like_id_number(VALID) and looks_like_id_number(LEGACY) and looks_like_id_number(WRONG_CHECK)
    assert not looks_like_id_number("911101147334748793")


def test_a_uscc_shaped_id_is_kept_only_for_an_organisation():
    uscc_shaped_id = "320102198506120077"
    assert redact_id_code(uscc_shaped_id) == uscc_shaped_id
    assert redact_id_code(uscc_shaped_id, organisation=False) == ID_REDACTION


def test_a_court_column_keeps_a_courts_mask_and_an_organisations_uscc_and_cuts_the_rest():
    assert limit_court_mask("3201001976****8284") == "3201001976****8284"
    assert limit_court_mask("91320105780688132K") == "91320105780688132K"
    assert limit_court_mask(VALID) == VALID[:6] + "*" * 12


def test_a_code_column_loses_an_id_number_but_keeps_a_uscc():
    assert redact_id_code(VALID) == ID_REDACTION and redact_id_code(FULL_WIDTH) == ID_REDACTION
    assert redact_id_code("T" + VALID) == "T" + ID_REDACTION
    assert redact_id_code("911101147334748793") == "911101147334748793"
