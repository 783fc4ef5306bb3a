"""Keeping ID numbers on the server: keyed hashing, finding ID numbers in free text, masking names.

These are the primitives. Which audience sees which form of a name, a text or a court's partial ID is decided in
apps/publication/audience.py, and nowhere else.
"""
import datetime as dt
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings

from apps.common.identifiers import is_valid_uscc
from apps.common.regions import PROVINCES

ID_REDACTION = "[证件号码已隐去]"

# Characters that stand for a digit in the writings providers use: any Unicode digit (full-width, mathematical,
# circled, superscript: unicodedata.digit), Chinese numerals (plain, financial, Hangzhou), and X (an ID's check
# character, × typed for it); and a court's mask.
_CHINESE_DIGITS = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6",
                   "七": "7", "八": "8", "九": "9", "壹": "1", "贰": "2", "叁": "3", "肆": "4", "伍": "5", "陆": "6",
                   "柒": "7", "捌": "8", "玖": "9", "〡": "1", "〢": "2", "〣": "3", "〤": "4", "〥": "5", "〦": "6",
                   "〧": "7", "〨": "8", "〩": "9"}
_X = "XxＸｘ×"
_STAR = "*＊"
# What may stand between a number's groups, up to _MAX_GAP of them: white space of any width (line breaks, tabs,
# zero-width and direction marks), hyphens, dashes and minus signs, dots, slashes, underscores, brackets, colons
# and full stops, in either width; combining marks and keycaps drawn over digits. Not list punctuation (、，；):
# joining a list's numbers would make IDs of phone numbers.
_SEPARATORS = (r"\s\u00a0\u3000\u2000-\u200f\u2060\ufeff\u00ad\-\u2010-\u2015\u2212\uff0d\ufe63_\uff3f/\uff0f"
               r".\uff0e\u00b7\u2022\u30fb\uff65()（）:：。\u0300-\u036f\ufe0f\u20e3")
_MAX_GAP = 6
_DIGITISH = (r"\d" + "".join(_CHINESE_DIGITS) + _X + _STAR
             + r"\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089\u2460-\u249b\u24ea-\u24ff\u2776-\u2793")
_RUN = re.compile(rf"[{_DIGITISH}](?:[{_SEPARATORS}]{{0,{_MAX_GAP}}}[{_DIGITISH}])+")
# Any ID number's characters stand in a run at least this long; most texts have none, and this scan is the cheaper
# one: text is redacted on every output as well as on import.
_SHORTEST_ID = 15
_CANDIDATE = re.compile(rf"[{_DIGITISH}](?:[{_SEPARATORS}{_DIGITISH}]){{{_SHORTEST_ID - 1},}}")
# Region codes of resident IDs and of the residence permits of Hong Kong, Macao (81, 82) and Taiwan (83) residents.
_ID_PROVINCES = frozenset(PROVINCES) | {"83"}
_FOLD = str.maketrans("０１２３４５６７８９ＸｘＸx", "0123456789XXXX")


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
    identifies a person as well) or the 15-digit form issued until 2004 to people born 1910-1999 (YYMMDD; a
    business registration number's 000 after the region is no birth year)."""
    if code[:2] not in _ID_PROVINCES:
        return False
    if len(code) == 18 and code[:17].isdigit() and (code[17].isdigit() or code[17] == "X"):
        year = int(code[6:10])
        return 1850 <= year <= 2099 and _is_date(year, int(code[10:12]), int(code[12:14]))
    if len(code) == 15 and code.isdigit():
        return int(code[6:8]) >= 10 and _is_date(1900 + int(code[6:8]), int(code[8:10]), int(code[10:12]))
    return False


def _looks_like_masked_id(code: str) -> bool:
    """A court's masked ID number (3201001976****8284): 18 characters, a province code, a masked stretch."""
    return (len(code) == 18 and code[:2] in _ID_PROVINCES and code[:6].isdigit() and "*" in code
            and all(c.isdigit() or c in "*X" for c in code))


def _digit(char: str) -> tuple[str, str] | None:
    """(the digit a character stands for, its kind), or None. Kinds: a decimal digit of any width or script, a
    Chinese numeral, another digit sign (circled, superscript), an X, a court's mask."""
    if "0" <= char <= "9":
        return char, "d"
    if char in _X:
        return "X", "x"
    if char in _STAR:
        return "*", "*"
    if char in _CHINESE_DIGITS:
        return _CHINESE_DIGITS[char], "c"
    value = unicodedata.digit(char, None)
    if value is None:
        return None
    return str(value), "d" if unicodedata.decimal(char, None) is not None else "o"


def _groups(run: str) -> list[tuple[int, int, str]]:
    """The run's groups: (start, end, the digits folded). A group is a stretch of one kind of digit character
    between separators, so a word glued to an ID (一案, 张XX, ①, a mask's *) is a group of its own and the ID
    stays whole beside it."""
    groups, start, digits, kind = [], None, [], None
    for index, char in enumerate(run):
        found = _digit(char)
        if found is None or (start is not None and found[1] != kind):
            if start is not None:
                groups.append((start, index, "".join(digits)))
                start, digits, kind = None, [], None
        if found is not None:
            if start is None:
                start, kind = index, found[1]
            digits.append(found[0])
    if start is not None:
        groups.append((start, len(run), "".join(digits)))
    return groups


def _id_spans(run: str, short_form: bool = True) -> list[tuple[int, int]]:
    """Spans (in the run) of ID numbers: consecutive whole groups whose digits make one, whatever separates
    them. A group is never cut, so a bank card or a long decision number is not searched for IDs inside it.
    18-character IDs first; overlapping ones are joined (none is left half shown); a 15-digit one only where no
    18-character one is, so a phone number running into an ID's first group cannot stand for the ID."""
    groups = _groups(run)
    found: dict[int, list[tuple[int, int]]] = {18: [], 15: []}
    for i in range(len(groups)):
        code = ""
        for j in range(i, len(groups)):
            code += groups[j][2]
            if len(code) > 18:
                break
            if len(code) == 18 and (looks_like_id_number(code) or _looks_like_masked_id(code)):
                found[18].append((groups[i][0], groups[j][1]))
            elif len(code) == 15 and short_form and looks_like_id_number(code):
                found[15].append((groups[i][0], groups[j][1]))
    spans = _joined(found[18])
    spans += [s for s in found[15] if all(s[1] <= a or s[0] >= b for a, b in spans)]
    return _joined(spans)


def _joined(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def redact_id_numbers(text: str, short_form: bool = True) -> str:
    """The text with every ID number in it (and every court-masked one) replaced by a redaction mark.

    Providers paste parties' ID numbers into facts, reasons, remarks and even decision numbers, in every writing:
    full-width or look-alike digits, groups split by spaces, line breaks or punctuation, letters or digits glued
    on, the 15-digit form, a wrong check character. Such text is public, the number is not. Decision numbers,
    dates, amounts and phone numbers do not have an ID number's shape (province code and birth date) and survive.
    """
    if len(text) < _SHORTEST_ID or not _CANDIDATE.search(text):
        return text
    out, position = [], 0
    for run in _RUN.finditer(text):
        if len(run.group()) < _SHORTEST_ID:
            continue
        for start, end in _id_spans(run.group(), short_form):
            out.append(text[position:run.start() + start])
            out.append(ID_REDACTION)
            position = run.start() + end
    if not out:
        return text
    out.append(text[position:])
    return "".join(out)


def redact_id_code(code: str, organisation: bool = True) -> str:
    """A code field's value with any ID number in it redacted (a 特种作业操作证 number is T and the holder's ID),
    unless the whole value is a valid USCC of an organisation: an all-digit USCC may have an ID number's shape by
    chance, and is believed only where the party is known to be an organisation."""
    folded = code.strip().translate(_FOLD)
    if folded and is_valid_uscc(folded) and (organisation or not looks_like_id_number(folded)):
        return code
    # The 15-digit form is left to free text: a code column's 15 digits are a business registration number.
    return redact_id_numbers(code, short_form=False)


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
    """Mask a natural person's name for public display: 张三 → 张*, 张三丰 → 张*丰, 欧阳小明 → 欧**明 (white space
    inside the name is dropped first: 黄 飞鸿 → 黄*鸿)."""
    name = _WHITE_SPACE.sub("", name)
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


_WHITE_SPACE = re.compile(r"\s+")
# What may stand between a name's characters in a text: white space, soft hyphens, the dots that separate the
# parts of Uyghur and other transcribed names (阿卜杜·热合曼, written with •, . or nothing as well).
_NAME_NOISE = r"[\s\u00ad\u00b7\u2022\u30fb.\uff0e]"
_NAME_NOISE_RE = re.compile(_NAME_NOISE + "+")


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern | None:
    """A pattern finding a name however a text writes it: traditional or simplified characters, full or half
    width, white space between the characters."""
    from search.analysis import character_variants

    chars = _NAME_NOISE_RE.sub("", name)
    if len(chars) < 2:
        return None
    classes = ["[" + re.escape(character_variants(c) + unicodedata.normalize("NFKC", c)) + "]" for c in chars]
    return re.compile((_NAME_NOISE + "*").join(classes))


def mask_text_names(text: str, names: Iterable[str]) -> str:
    """The text with each of these persons' names masked wherever it appears, in any writing of it (longest
    names first, so 张三丰 is masked before a shorter 张三 could cut it)."""
    for name in sorted({_NAME_NOISE_RE.sub("", n) for n in names if n}, key=len, reverse=True):
        pattern = _name_pattern(name)
        if pattern is not None:
            text = pattern.sub(mask_person_name(name), text)
    return text


# A court's mask shows at most 14 of an ID number's 18 characters (3208191960****6833); anything more is an ID.
COURT_MASK_MAX_VISIBLE = 14


def court_mask_characters(value: str) -> tuple[str, int]:
    """A court's masked ID number as its characters (digits, letters, *) and how many of them are not masked."""
    characters = "".join(c for c in value.upper() if c.isascii() and (c.isalnum() or c == "*"))
    return characters, sum(1 for c in characters if c != "*")


def limit_court_mask(value: str) -> str:
    """A court's masked ID as it may be kept and shown: as the court masked it (at most 14 characters visible), an
    organisation's whole USCC (public), or else the region code only."""
    characters, visible = court_mask_characters(value)
    if visible <= COURT_MASK_MAX_VISIBLE:
        return value
    whole = characters.replace("*", "")
    if is_valid_uscc(whole) and not looks_like_id_number(whole):
        return value
    return mask_id_number(whole)


def mask_id_number(number: str) -> str:
    """What is kept of a whole ID number received where a court's masked one belongs: the region code only, in
    the 18 characters of a court's mask."""
    return number[:6] + "*" * 12
