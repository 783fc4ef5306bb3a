"""Valid synthetic identifiers: USCCs with both check characters, resident ID numbers."""
import datetime as dt
import random

from apps.common.identifiers import USCC_SYMBOLS, resident_id_check_char, uscc_check_char

_ORG_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _org_code_check(first8: str) -> str:
    """GB 11714 check character of an organisation code."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def make_uscc(rng: random.Random, region_code: str, prefix: str = "91") -> str:
    """A USCC for a region: registering authority and type (91 enterprise, 92 self-employed, 11 state organ)."""
    org = "".join(rng.choice(_ORG_CODE_CHARS[:10] if i < 2 else _ORG_CODE_CHARS) for i in range(8))
    first17 = prefix + region_code + org + _org_code_check(org)
    assert all(c in USCC_SYMBOLS for c in first17)
    return first17 + uscc_check_char(first17)


def make_resident_id(rng: random.Random, region_code: str, anchor: dt.date) -> str:
    """A resident ID number of a person aged 20 to 70 at `anchor`."""
    birth = anchor - dt.timedelta(days=rng.randint(20 * 365, 70 * 365))
    first17 = region_code + birth.strftime("%Y%m%d") + f"{rng.randint(0, 999):03d}"
    return first17 + resident_id_check_char(first17)
