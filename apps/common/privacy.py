"""Keeping ID numbers on the server: keyed hashing, finding ID numbers in free text, masking names.

These are the primitives. Which audience sees which form of a name, a text or a court's partial ID is decided in
apps/publication/audience.py, and nowhere else.
"""
import datetime as dt
import hashlib
import hmac
import re

from django.conf import settings

from apps.common.identifiers import is_valid_uscc
from apps.common.regions import PROVINCES

ID_REDACTION = "[证件号码已隐去]"

# A run of digits (ASCII or full-width), possibly with an X, whose groups may be split by up to two spaces or
# hyphens of any width: 1101 0119 9003 0777 58, 110101-19900307-7758, １１０１０１…, not inside a longer run of
# letters or digits (so a certificate number like JY1310115… is not mistaken for one).
_ALNUM = "0-9A-Za-z０-９Ａ-Ｚａ-ｚ"
_SEPARATOR = " \u00a0\u3000\\-\u2010\u2011\u2012\u2013\u2014\uff0d"
_RUN = re.compile(rf"(?<![{_ALNUM}])[0-9０-９](?:[{_SEPARATOR}]{{0,2}}[0-9０-９XxＸｘ])+(?![{_ALNUM}])")
_GROUP = re.compile(r"[0-9０-９XxＸｘ]+")
# Any ID number's characters stand in a run at least this long; most texts have none, and this scan is the cheaper
# one (a fifth of _RUN's time): text is redacted on every output as well as on import.
_CANDIDATE = re.compile(rf"[0-9０-９][0-9０-９XxＸｘ{_SEPARATOR}]{{13,}}[0-9０-９XxＸｘ]")
_FOLD = str.maketrans("０１２３４５６７８９ＸｘＸx", "0123456789XXXX")
# Region codes of resident IDs and of the residence permits of Hong Kong, Macao (81, 82) and Taiwan (83) residents.
_ID_PROVINCES = frozenset(PROVINCES) | {"83"}
_SHORTEST_ID = 15


def id_hash(number: str) -> str:
    """Keyed hash (HMAC-SHA256) of an ID number, the only form in which one is ever stored."""
    normalised = number.strip().upper()
    return hmac.new(settings.ID_HASH_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def looks_like_id_number(code: str) -> bool:
    """Whether `code` (folded: ASCII digits, upper-case X) has the shape of a resident ID number: a known province
    code and a real date of birth, in the 18-character form (whatever its check character: a mistyped number
    identifies a person as well) or the 15-digit form issued before 1999 (YYMMDD birth date)."""
    if code[:2] not in _ID_PROVINCES:
        return False
    if len(code) == 18 and code[:17].isdigit() and (code[17].isdigit() or code[17] == "X"):
        year = int(code[6:10])
        return 1850 <= year <= 2099 and _is_date(year, int(code[10:12]), int(code[12:14]))
    if len(code) == 15 and code.isdigit():
        return _is_date(1900 + int(code[6:8]), int(code[8:10]), int(code[10:12]))
    return False


def _id_spans(run: str) -> list[tuple[int, int]]:
    """Spans of a digit run that are ID numbers: any consecutive groups whose characters make one."""
    groups = [(m.start(), m.end(), m.group().translate(_FOLD)) for m in _GROUP.finditer(run)]
    spans, i = [], 0
    while i < len(groups):
        found = None
        code = ""
        for j in range(i, len(groups)):
            code += groups[j][2]
            if len(code) > 18:
                break
            if len(code) in (15, 18) and looks_like_id_number(code):
                found = j  # keep going: an 18-character number beats the 15 digits it begins with
        if found is None:
            i += 1
        else:
            spans.append((groups[i][0], groups[found][1]))
            i = found + 1
    return spans


def redact_id_numbers(text: str) -> str:
    """The text with every ID number in it replaced by a redaction mark.

    Providers paste parties' ID numbers into facts, reasons and remarks, in every writing: full-width digits,
    groups split by spaces or hyphens, the 15-digit form, a wrong check character. Such text is public, the number
    is not. Decision numbers, dates and amounts do not have an ID number's shape (province code and birth date)
    and survive.
    """
    if len(text) < _SHORTEST_ID or not _CANDIDATE.search(text):
        return text
    out, position = [], 0
    for run in _RUN.finditer(text):
        if len(run.group()) < _SHORTEST_ID:
            continue
        for start, end in _id_spans(run.group()):
            out.append(text[position:run.start() + start])
            out.append(ID_REDACTION)
            position = run.start() + end
    if not out:
        return text
    out.append(text[position:])
    return "".join(out)


def redact_id_code(code: str) -> str:
    """A code field's value, or the redaction mark when it holds an ID number (typed into a USCC column, say). An
    all-digit USCC may have an ID number's shape by chance, so the USCC check decides."""
    folded = code.strip().translate(_FOLD)
    if folded and looks_like_id_number(folded) and not is_valid_uscc(folded):
        return ID_REDACTION
    return code


def redact_json(value):
    """A JSON value (a stored source row, flags, legacy identifiers) with ID numbers in its strings redacted."""
    if isinstance(value, str):
        return redact_id_numbers(value)
    if isinstance(value, list):
        return [redact_json(v) for v in value]
    if isinstance(value, dict):
        return {k: redact_json(v) for k, v in value.items()}
    return value


def mask_person_name(name: str) -> str:
    """Mask a natural person's name for public display: 张三 → 张*, 张三丰 → 张*丰, 欧阳小明 → 欧**明."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_text_names(text: str, names: dict[str, str]) -> str:
    """The text with each full name in `names` replaced by its masked form (longest first, so 张三丰 is masked
    before a shorter 张三 could cut it)."""
    for name in sorted(names, key=len, reverse=True):
        if name and name in text:
            text = text.replace(name, names[name])
    return text


def mask_id_number(number: str) -> str:
    """What is kept of a whole ID number received where a court's masked one belongs: the region code only."""
    return number[:6] + "*" * (len(number) - 6)
