"""The lists, for journalists: each list with its rules, its entries filtered and sorted, a CSV export of the
current view within the visitor's tier, and Atom feeds of new entries."""
import datetime as dt
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from apps.api.exports import ExportRefused, check_export, csv_response
from apps.api.serializers import ListEntrySerializer
from apps.lists.enums import EntryStatus
from apps.lists.models import ListType
from apps.lists.selectors import ENTRY_SORTS, list_types_with_sizes, published_entries
from apps.web.visitor import visitor_of

PAGE_SIZE = 50
FILTERS = ("region", "authority", "listed_from", "listed_to", "status", "sort")


def lists_page(request):
    """Every list with its size."""
    return render(request, "web/lists.html", {"lists": list_types_with_sizes()})


def _visible_list(request, code: str):
    visitor = visitor_of(request)
    list_type = get_object_or_404(ListType, code=code)
    if not visitor.tier.sees_dataset("list_entry") or (visitor.tier.lists and code not in visitor.tier.lists):
        raise Http404("no such list")
    return visitor, list_type


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
    """A list's description, issuer, legal basis and removal rules, and its entries."""
    visitor, list_type = _visible_list(request, code)
    filters, errors = _filters(request)
    entries = published_entries(list_type, **filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"visitor": visitor}
    rows = [{"item": ListEntrySerializer(entry, context={"tier": visitor.tier}).data} for entry in page]
    query = urlencode([(k, request.GET[k]) for k in FILTERS if request.GET.get(k)])
    return render(request, "web/list.html", {
        **context, "list": list_type, "rows": rows, "page": page, "filters": filters, "errors": errors,
        "query": query, "statuses": EntryStatus.choices,
        "export_limit": visitor.tier.csv_export_limit,
        "authorities": sorted({row["item"]["authority"]["name"] for row in rows}),
    })


def list_export(request, code: str):
    """The current view of a list as CSV, within the visitor's tier's export limit."""
    visitor, list_type = _visible_list(request, code)
    filters, errors = _filters(request)
    entries = published_entries(list_type, **filters)
    try:
        check_export(entries, visitor.tier)
    except ExportRefused as refused:
        if refused.rows is None:
            return render(request, "web/export_refused.html", {"list": list_type, "reason": "tier"}, status=403)
        return render(request, "web/export_refused.html", {"list": list_type, "reason": "size",
                                                          "rows": refused.rows, "limit": refused.limit}, status=400)
    return csv_response(entries, ListEntrySerializer, visitor.tier, f"{code}.csv")
