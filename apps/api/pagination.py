"""Cursor paging in a stable order (newest first by primary key); page size within the caller's tier."""
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination

DEFAULT_PAGE_SIZE = 20


def digits(raw: str) -> int | None:
    """A whole number written in ASCII digits, or None (str.isdigit accepts ² and other digits int() refuses)."""
    return int(raw) if raw.isascii() and raw.isdigit() else None


def page_size(raw: str | None, tier) -> int:
    """The page size a caller asked for (or the default), refused with a 400 beyond the tier's limit."""
    if raw is None:
        return min(DEFAULT_PAGE_SIZE, tier.max_page_size)
    size = digits(raw)
    if size is None or not 1 <= size <= tier.max_page_size:
        raise ValidationError({"page_size": [f"must be between 1 and {tier.max_page_size} for the "
                                             f"{tier.code} tier"]})
    return size


class TierCursorPagination(CursorPagination):
    ordering = "-pk"
    page_size_query_param = "page_size"

    def get_page_size(self, request):
        return page_size(request.query_params.get(self.page_size_query_param), request.caller.tier)

    def decode_cursor(self, request):
        """DRF's cursor, refused with a 400 naming `cursor` unless its position is a primary key (the order is by
        primary key): a forged position would otherwise reach the database as a comparison it cannot make."""
        try:
            cursor = super().decode_cursor(request)
        except NotFound:  # DRF answers an unreadable cursor with a 404; it is a wrong parameter, not a missing page
            raise ValidationError({"cursor": ["not a cursor this service gave out"]}) from None
        if cursor is not None and cursor.position is not None and digits(cursor.position) is None:
            raise ValidationError({"cursor": ["not a cursor this service gave out"]})
        return cursor
