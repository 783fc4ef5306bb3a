"""Public identifiers: random, URL-safe, never reused (records are never deleted, the column is unique)."""
import secrets

# Crockford's base32 alphabet: no I, L, O or U, so identifiers survive being read aloud or retyped.
_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def new_public_id(prefix: str, length: int = 16) -> str:
    """A fresh identifier such as `pen_5k2v9…`: 80 random bits after a dataset prefix."""
    return prefix + "_" + "".join(secrets.choice(_ALPHABET) for _ in range(length))
