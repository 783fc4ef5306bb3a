"""JSON encoding for stored JSON columns."""
import json

from django.core.serializers.json import DjangoJSONEncoder


class UnicodeJSONEncoder(DjangoJSONEncoder):
    """Writes Chinese as UTF-8 instead of \\uXXXX escapes: half the bytes for the source rows kept with every item,
    and readable in a database shell."""

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class EncodedJSON(str):
    """A JSON document already encoded as text: crosses process boundaries as one string, and bulk inserts store
    it as it is instead of encoding it again."""


_ENCODE = UnicodeJSONEncoder(separators=(",", ":")).encode


def encoded(value) -> EncodedJSON:
    """`value` encoded once, as stored JSON columns hold it."""
    return EncodedJSON(_ENCODE(value))


def decoded(value):
    """The Python value of an EncodedJSON (other values unchanged), for code paths that work on model instances."""
    return json.loads(value) if isinstance(value, EncodedJSON) else value
