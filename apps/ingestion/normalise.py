"""Pure functions that turn the values providers send into clean Python values.

Each parser returns the clean value or raises ValueError with a reason fit to show staff (never the value itself
for ID fields: callers of those pass no value into messages).
"""
import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

_NULLS = frozenset({"", "null", "none", "nan", "n/a", "-", "—", "/", "\\n"})
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_ISO_LIKE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_CHINESE_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EPOCH_MS = re.compile(r"^\d{11,13}$")
_AMOUNT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
# Dates from this year on stand for "indefinite" / "long-term" (2099-12-31 by the standard, 9999-12-31 in some feeds).
INDEFINITE_FROM_YEAR = 2099
CHINA = ZoneInfo("Asia/Shanghai")
_SIX_PLACES = Decimal("0.000001")
_MAX_AMOUNT = Decimal("999999999999")


class Indefinite:
    """Marker for 2099-12-31 and its like: no end."""

    def __repr__(self):
        return "INDEFINITE"

    def __reduce__(self):
        return "INDEFINITE"  # unpickles as the module's singleton, so `is INDEFINITE` holds across processes


INDEFINITE = Indefinite()


def clean_text(value) -> str | None:
    """Trim a value to text; empty strings and null spellings become None. Runs of white space fold to one."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _SPACES.sub(" ", value if value.__class__ is str else str(value)).strip()
    if len(text) <= 4 and text.lower() in _NULLS:
        return None
    return text


def clean_code(value) -> str | None:
    """A code (USCC, decision or certificate number): full-width folded to half-width, no white space, upper case
    for Latin letters."""
    text = clean_text(value)
    if text is None:
        return None
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).upper()


def clean_decision_number(value) -> str | None:
    """A decision or case number: full-width digits and brackets folded, white space removed, letters kept."""
    text = clean_text(value)
    if text is None:
        return None
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def parse_date(value) -> dt.date | Indefinite | None:
    """Parse the date spellings feeds use; raise ValueError naming the problem."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _check_year(value.date())
    if isinstance(value, dt.date):
        return _check_year(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value)) if float(value).is_integer() else str(value)
    text = clean_text(value)
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text)
    for pattern in (_ISO_LIKE, _CHINESE_DATE, _COMPACT_DATE):
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups()[:3])
            try:
                parsed = dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"not a calendar date: {text}") from None
            return _check_year(parsed)
    if _EPOCH_MS.match(text):
        return _check_year(dt.datetime.fromtimestamp(int(text) / 1000, tz=CHINA).date())
    raise ValueError(f"unrecognised date format: {text[:40]}")


def _check_year(day: dt.date) -> dt.date | Indefinite:
    if day.year >= INDEFINITE_FROM_YEAR:
        return INDEFINITE
    if day.year < 1949:
        raise ValueError(f"date before 1949: {day.isoformat()}")
    return day


def parse_amount(value) -> tuple[Decimal | None, bool]:
    """Parse an amount in 万元. Returns (amount, converted_from_yuan).

    Plain numbers are 万元 as the standard says; a value written with 元 (not 万元) is converted and reported so the
    row can be flagged.
    """
    if value is None:
        return None, False
    if isinstance(value, bool):
        raise ValueError("not an amount")
    if isinstance(value, (int, float, Decimal)):
        text = repr(value) if isinstance(value, float) else str(value)
    else:
        text = clean_text(value)
        if text is None:
            return None, False
    text = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    from_yuan = False
    if text.endswith("万元"):
        text = text[:-2]
    elif text.endswith("万"):
        text = text[:-1]
    elif text.endswith("元"):
        text, from_yuan = text[:-1], True
    if not _AMOUNT.match(text):
        raise ValueError(f"not an amount: {str(value)[:40]}")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not an amount: {str(value)[:40]}") from None
    if from_yuan:
        amount = amount / 10000
    if amount < 0:
        raise ValueError("amount is negative")
    if amount > _MAX_AMOUNT:
        raise ValueError("amount is implausibly large")
    return amount.quantize(_SIX_PLACES), from_yuan


def header_key(name: str) -> str:
    """The form in which column names are compared: NFKC, no white space, upper case (CF_wsh = CF_WSH)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(name))).upper()
