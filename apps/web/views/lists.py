"""The lists, for journalists: each list with its rules, its entries filtered and sorted, a CSV export of the
current view within the visitor's tier, and Atom feeds of new entries."""
import datetime as dt
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from apps.common.errors import InvalidInput
from apps.common.keyset import keyset_page
from apps.lists.enums import EntryStatus
from apps.lists.selectors import ENTRY_SORTS, count_entries, list_types_with_sizes, published_entries
from apps.publication.exports import ExportRefused, check_export, csv_response
from apps.publication.shapes import ListEntrySerializer
from apps.searchsync.counts import published_counts
from apps.web.visitor import visitor_of

PAGE_SIZE = 50
FILTERS = ("region", "authority", "listed_from", "listed_to", "status", "sort")


def lists_page(request):
    """Every list the visitor sees, with its size."""
    return render(request, "web/lists.html", {"lists": list_types_with_sizes(visitor_of(request).audience)})


def _visible_list(request, code: str):
    visitor = visitor_of(request)
    return visitor, get_object_or_404(visitor.audience.list_types(), code=code)


def _filters(request) -> tuple[dict, list[str]]:
    """The list view's filters from the URL, and an error message per invalid one."""
    values, errors = {}, []
    for name in ("region", "authority"):
        values[name] = request.GET.get(name, "").strip()
    for name in ("listed_from", "listed_to"):
        raw = request.GET.get(name, "")
        try:
            values[name] = dt.date.fromisoformat(raw) if raw else None
        except ValueError:
            values[name] = None
            errors.append(_("“%(field)s” must be a date, YYYY-MM-DD.") % {"field": name})
    status = request.GET.get("status", "")
    values["status"] = status if status in EntryStatus.values else ""
    sort = request.GET.get("sort", "-listed_on")
    values["sort"] = sort if sort in ENTRY_SORTS else "-listed_on"
    return values, errors


def list_page(request, code: str):
    """A list's description, issuer, legal basis and removal rules, and its entries a page at a time (keyset
    pages: next and previous stay as fast at the end of a list of millions as at its start)."""
    visitor, list_type = _visible_list(request, code)
    filters, errors = _filters(request)
    entries = published_entries(visitor.audience, list_type, **filters)
    query = urlencode([(k, request.GET[k]) for k in FILTERS if request.GET.get(k)])
    field = ENTRY_SORTS[filters["sort"]][0]
    order = (entries, field.lstrip("-"), field.startswith("-"), PAGE_SIZE)
    try:
        page = keyset_page(*order, after=request.GET.get("after") or None, before=request.GET.get("before") or None)
    except InvalidInput as exc:
        errors.append(_("“%(field)s” is not a page link of this site; here is the first page.") % {
            "field": exc.field})
        page = keyset_page(*order)
    items = ListEntrySerializer(page.rows, many=True, context={"audience": visitor.audience}).data
    return render(request, "web/list.html", {
        "visitor": visitor, "list": list_type, "rows": [{"item": item} for item in items], "filters": filters,
        "errors": errors, "query": query, "statuses": EntryStatus.values,
        "count": _count(entries, code, filters, query),
        "next_url": _page_url(query, after=page.next_cursor) if page.next_cursor else None,
        "previous_url": _page_url(query, before=page.previous_cursor) if page.previous_cursor else None,
        "first_url": f"?{query}" if page.previous_cursor else None,
        "export_limit": visitor.tier.csv_export_limit,
        "authorities": sorted({item["authority"]["name"] for item in items}),
    })


def _count(entries, code: str, filters: dict, query: str) -> int:
    """The entries in the view: a whole list's from the search index's list sizes, a filtered view counted."""
    if not any(value for name, value in filters.items() if name != "sort"):
        return published_counts().lists.get(code, 0)
    return count_entries(entries, f"{code}?{query}")


def _page_url(query: str, **cursor: str) -> str:
    return "?" + "&".join(part for part in (query, urlencode(cursor)) if part)


def list_export(request, code: str):
    """The current view of a list as CSV, within the visitor's tier's export limit."""
    visitor, list_type = _visible_list(request, code)
    filters, errors = _filters(request)
    entries = published_entries(visitor.audience, list_type, **filters)
    try:
        check_export(entries, visitor.tier)
    except ExportRefused as refused:
        return render(request, "web/export_refused.html", {
            "list": list_type, "reason": "tier" if refused.rows is None else "size", "rows": refused.rows,
            "limit": refused.limit}, status=refused.status)
    return csv_response(entries, ListEntrySerializer, visitor.audience, f"{code}.csv")
