import datetime as dt
from decimal import Decimal

import pytest

from apps.ingestion.normalise import INDEFINITE, clean_code, clean_text, parse_amount, parse_date


@pytest.mark.parametrize("raw", ["2019-10-10", "2019/10/10", "20191010", "2019年10月10日", "2019.10.10",
                                 "2019-10-10 00:00:00", "２０１９-１０-１０", 20191010])
def test_date_spellings_parse_to_one_date(raw):
    assert parse_date(raw) == dt.date(2019, 10, 10)


def test_epoch_milliseconds_are_read_in_china_time():
    # 1568180781000 is 2019-09-11 13:46 in Shanghai (05:46 UTC).
    assert parse_date(1568180781000) == dt.date(2019, 9, 11)
    assert parse_date("1568180781000") == dt.date(2019, 9, 11)


def test_2099_12_31_means_indefinite():
    assert parse_date("2099-12-31") is INDEFINITE


@pytest.mark.parametrize("raw, reason", [("2019-13-45", "not a calendar date"), ("yesterday", "unrecognised"),
                                         ("1900-01-01", "before 1949")])
def test_bad_dates_raise_with_a_reason(raw, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(raw)


@pytest.mark.parametrize("raw, expected, from_yuan", [
    (0.2, Decimal("0.2"), False),
    ("0.2", Decimal("0.2"), False),
    ("1.5万元", Decimal("1.5"), False),
    ("2,000元", Decimal("0.2"), True),
    ("１２", Decimal("12"), False),
])
def test_amounts_are_decimal_wan_yuan(raw, expected, from_yuan):
    amount, converted = parse_amount(raw)
    assert amount == expected
    assert converted is from_yuan


@pytest.mark.parametrize("raw", ["-1", "abc", "1.2.3"])
def test_bad_amounts_raise(raw):
    with pytest.raises(ValueError):
        parse_amount(raw)


def test_codes_fold_full_width_and_spaces():
    assert clean_code(" ９１３１０１１５５９１６９３８５６ａ ") == "91310115591693856A"


@pytest.mark.parametrize("raw", [None, "", "  ", "null", "NULL", "\u3000"])
def test_empty_spellings_are_none(raw):
    assert clean_text(raw) is None


def test_stray_whitespace_is_folded():
    assert clean_text("  南京\u3000市  市场\t监督 ") == "南京 市 市场 监督"
