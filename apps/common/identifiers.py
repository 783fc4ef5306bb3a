"""Check characters of the identifiers the records carry: USCC (GB 32100-2015) and resident ID (GB 11643-1999).

Pure functions; see the domain reference, section 6.
"""
import re
from functools import lru_cache

USCC_SYMBOLS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(USCC_SYMBOLS)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_RESIDENT_ID = re.compile(r"^\d{17}[\dX]$")


def uscc_check_char(first17: str) -> str:
    """Return the check character for the first 17 characters of a USCC."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    r = 31 - total % 31
    return USCC_SYMBOLS[0 if r == 31 else r]


@lru_cache(maxsize=1 << 16)  # imports check the same authority codes on every row
def uscc_problem(code: str) -> str | None:
    """Why `code` is not a valid USCC, or None when it is. Expects an upper-case, normalised code."""
    if len(code) != 18:
        return f"must be 18 characters, got {len(code)}"
    bad = sorted({c for c in code if c not in _USCC_VALUE})
    if bad:
        return "contains characters not used in USCCs: " + "".join(bad)
    if uscc_check_char(code[:17]) != code[17]:
        return "check character does not match"
    return None


def is_valid_uscc(code: str) -> bool:
    """True when `code` is an 18-character USCC whose check character matches."""
    return uscc_problem(code) is None


def resident_id_check_char(first17: str) -> str:
    """Return the check character for the first 17 digits of a resident ID number."""
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def resident_id_problem(number: str) -> str | None:
    """Why `number` is not a valid 18-character resident ID, or None. Never echoes the number itself."""
    if not _RESIDENT_ID.match(number):
        return "must be 17 digits and a digit or X"
    if resident_id_check_char(number[:17]) != number[17]:
        return "check character does not match"
    return None


def is_valid_resident_id(number: str) -> bool:
    """True when `number` is an 18-character resident ID whose check character matches."""
    return resident_id_problem(number) is None


def uscc_region_code(code: str) -> str | None:
    """The 6-digit administrative division code (GB/T 2260) inside a valid USCC, if it looks like one."""
    region = code[2:8]
    return region if region.isdigit() else None
