"""Public identifiers: random, URL-safe, never reused (records are never deleted, the column is unique)."""
import base64
import secrets

# RFC 4648 base32, lower-cased and mapped onto Crockford's alphabet (no i, l, o or u), so identifiers survive
# being read aloud or retyped.
_TO_CROCKFORD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789abcdefghjkmnpqrstvwxyz")


def new_public_id(prefix: str) -> str:
    """A fresh identifier such as `pen_5k2v9…`: 80 random bits (16 characters) after a dataset prefix."""
    return prefix + "_" + base64.b32encode(secrets.token_bytes(10)).decode().translate(_TO_CROCKFORD)
