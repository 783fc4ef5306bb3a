"""Keeping ID numbers on the server: keyed hashing, scrubbing free text, masking names for display."""
import hashlib
import hmac
import re

from django.conf import settings

from apps.common.identifiers import is_valid_resident_id

# 18-character resident IDs standing anywhere in text, not inside a longer run of letters or digits.
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
ID_REDACTION = "[证件号码已隐去]"


def id_hash(number: str) -> str:
    """Keyed hash (HMAC-SHA256) of an ID number, the only form in which one is ever stored."""
    normalised = number.strip().upper()
    return hmac.new(settings.ID_HASH_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()


def scrub_id_numbers(text: str) -> str:
    """Replace valid resident ID numbers found in free text with a redaction mark.

    Providers sometimes paste a party's ID number into the facts or remarks; such text is public, the number is
    not. Only numbers whose check character matches are replaced, so decision and case numbers survive.
    """
    if len(text) < 18:
        return text
    return _ID_IN_TEXT.sub(lambda m: ID_REDACTION if is_valid_resident_id(m.group(0).upper()) else m.group(0), text)


def mask_id_number(number: str) -> str:
    """Masked form of an unmasked ID number: the 6-digit region code, the rest hidden."""
    return number[:6] + "*" * (len(number) - 6)


def mask_person_name(name: str) -> str:
    """Mask a natural person's name for public display: 张三 → 张*, 张三丰 → 张*丰, 欧阳小明 → 欧**明."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
