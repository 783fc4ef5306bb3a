"""Cursor paging in a stable order (newest first by primary key); page size within the caller's tier."""
from urllib.parse import parse_qs, urlsplit

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

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
        raise ValidationError({"page_size": [_("must be between 1 and %(most)s for the %(tier)s tier")
                                             % {"most": tier.max_page_size, "tier": tier.code}]})
    return size


def next_url(request, name: str, value) -> str | None:
    """This request's URL with `name` set to `value` (None when there is no next page): every page of the API
    gives its next page both ways, as a URL (`next`) and as the bare cursor (`next_cursor`)."""
    if value is None:
        return None
    return replace_query_param(request.build_absolute_uri(), name, value)


def cursor_of(url: str | None, name: str = "cursor") -> str | None:
    """The cursor parameter of a page URL, or None."""
    if not url:
        return None
    return parse_qs(urlsplit(url).query).get(name, [None])[0]


class TierCursorPagination(CursorPagination):
    ordering = "-pk"
    page_size_query_param = "page_size"

    def get_page_size(self, request):
        return page_size(request.query_params.get(self.page_size_query_param), request.caller.tier)

    def get_paginated_response(self, data):
        next_link, previous_link = self.get_next_link(), self.get_previous_link()
        return Response({"next": next_link, "next_cursor": cursor_of(next_link), "previous": previous_link,
                         "previous_cursor": cursor_of(previous_link), "results": data})

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        for name in ("next", "previous"):
            # DRF's own example is not a valid URI (a stray quote): ours is.
            answer["properties"][name]["example"] = "https://gongshi.example/api/v1/penalties/?cursor=cD00ODY%3D"
            answer["properties"][f"{name}_cursor"] = {
                "type": "string", "nullable": True,
                "description": f"The bare cursor of the {name} page (pass it as `cursor`), as in `{name}`."}
        answer["required"] = sorted({*answer.get("required", []), "next", "next_cursor", "results"})
        return answer

    def decode_cursor(self, request):
        """DRF's cursor, refused with a 400 naming `cursor` unless its position is a primary key (the order is by
        primary key): a forged position would otherwise reach the database as a comparison it cannot make."""
        try:
            cursor = super().decode_cursor(request)
        except NotFound:  # DRF answers an unreadable cursor with a 404; it is a wrong parameter, not a missing page
            raise ValidationError({"cursor": [_("not a cursor this service gave out")]}) from None
        if cursor is not None and cursor.position is not None and digits(cursor.position) is None:
            raise ValidationError({"cursor": [_("not a cursor this service gave out")]})
        return cursor
