"""Keyset (cursor) paging of a queryset ordered by one field and the primary key.

An offset page deep in a long list costs a walk over every row before it; a keyset page costs the same wherever
it is, because it starts from the last row seen through an index on (field, pk)."""
import base64
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from apps.common.errors import InvalidInput


@dataclass(frozen=True)
class KeysetPage:
    """One page of rows, with the cursors of the pages after and before it (None at either end)."""

    rows: list
    next_cursor: str | None
    previous_cursor: str | None


def encode_cursor(pk: int) -> str:
    """An opaque cursor for the row with this primary key. It holds nothing else: a sort value in a link would
    carry what the page masks (a person's full name, when a list is sorted by name)."""
    return base64.urlsafe_b64encode(str(pk).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, parameter: str) -> int:
    """The primary key a cursor holds; InvalidInput naming the parameter if it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, TypeError):
        raw = ""
    if not (raw.isascii() and raw.isdigit()):
        raise InvalidInput(_("not a cursor this site gave out; start again from the first page"), field=parameter)
    return int(raw)


def keyset_page(queryset: QuerySet, field: str, descending: bool, size: int, *, after: str | None = None,
                before: str | None = None) -> KeysetPage:
    """The page of `size` rows of the queryset in (field, pk) order, ascending or descending, that follows the
    row of cursor `after` or precedes the row of cursor `before` (the first page with neither). The field must
    not be null. Raises InvalidInput for a cursor that cannot be read or names no row of the queryset."""
    backwards = before is not None
    cursor_name = "before" if backwards else "after"
    cursor = before if backwards else after
    # Walking backwards is walking forwards in the reverse order, then turning the rows round.
    reverse = descending != backwards
    ordered = queryset.order_by(*((f"-{field}", "-pk") if reverse else (field, "pk")))
    if cursor:
        pk = decode_cursor(cursor, cursor_name)
        # The row must be one of the queryset's own: a cursor naming any other row (an unpublished entry, another
        # list's) would tell that it exists and where its sort value (an unmasked name) falls. A row that left the
        # view since the link was given out starts the reader again from the first page.
        found = queryset.filter(pk=pk).values_list(field, flat=True).first()
        if found is None:
            raise InvalidInput(_("not a cursor this site gave out; start again from the first page"),
                               field=cursor_name)
        # The first condition alone is a range on the (field, pk) index; the second breaks ties on the field.
        if reverse:
            ordered = ordered.filter(Q(**{f"{field}__lte": found}) & (Q(**{f"{field}__lt": found}) | Q(pk__lt=pk)))
        else:
            ordered = ordered.filter(Q(**{f"{field}__gte": found}) & (Q(**{f"{field}__gt": found}) | Q(pk__gt=pk)))
    rows = list(ordered[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    if not rows:
        return KeysetPage([], None, None)
    has_next = more if not backwards else True
    has_previous = more if backwards else bool(cursor)
    return KeysetPage(rows, encode_cursor(rows[-1].pk) if has_next else None,
                      encode_cursor(rows[0].pk) if has_previous else None)
