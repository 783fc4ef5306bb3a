"""The search page: highlighted hits, facets to click, filters, sorting, counts and cursor pages, all in the URL
so a search can be shared."""
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext as _

from apps.lists.models import ListType
from apps.publication.audience import search
from apps.web.labels import label
from apps.web.visitor import visitor_of
from search.params import query_from_params
from search.query import QueryError

FACETS = ("dataset", "list", "authority", "region", "kind", "year")
PAGE_SIZE = 20
KEPT = ("q", "dataset", "list", "authority", "region", "kind", "date_from", "date_to", "sort")


def search_page(request):
    """Run the query in the URL for the visitor's tier; an invalid parameter is shown, not a 500."""
    audience = visitor_of(request).audience
    params = request.GET
    context = {"q": params.get("q", ""), "sort": params.get("sort", "relevance"), "result": None, "error": None}
    if any(params.get(name) for name in KEPT):
        try:
            query = query_from_params(params, **audience.search_scope(), limit=PAGE_SIZE, facets=FACETS)
            result = search(audience, query)
        except QueryError as exc:
            context["error"] = {"field": exc.field, "message": str(exc)}
        else:
            context.update(result=result, facets=_facet_links(params, result.facets),
                           active=_active_filters(params),
                           next_url=_url(params, cursor=result.next_cursor) if result.next_cursor else None,
                           first_url=_url(params, cursor=None) if params.get("cursor") else None,
                           sort_links=[(value, _url(params, sort=value, cursor=None))
                                       for value in ("relevance", "-date", "date", "-fine")])
    # An invalid parameter is the visitor's error: the page shows it, with a 400 so crawlers do not keep it.
    return render(request, "web/search.html", context, status=400 if context["error"] else 200)


def _url(params, **changes) -> str:
    """The search URL with some parameters replaced (None drops one)."""
    kept = [(name, value) for name in (*KEPT, "cursor") for value in params.getlist(name)
            if name not in changes]
    kept += [(name, value) for name, value in changes.items() if value]
    return "?" + urlencode(kept)


def _facet_links(params, facets: dict) -> dict:
    """Each facet's values with counts and the URL that adds (or, when active, removes) the value."""
    list_names = dict(ListType.objects.values_list("code", "name")) if "list" in facets else {}
    links = {}
    for name, counts in facets.items():
        rows = []
        for value, count in counts:
            if name == "year":
                active = params.get("date_from") == f"{value}-01-01" and params.get("date_to") == f"{value}-12-31"
                url = _url(params, cursor=None, date_from=None if active else f"{value}-01-01",
                           date_to=None if active else f"{value}-12-31")
            else:
                current = params.getlist(name)
                active = value in current
                values = [v for v in current if v != value] if active else [*current, value]
                url = "?" + urlencode([(k, v) for k in KEPT if k != name for v in params.getlist(k)]
                                      + [(name, v) for v in values])
            shown = list_names.get(value, value) if name == "list" else value
            rows.append({"value": value, "label": shown, "count": count, "url": url, "active": active})
        links[name] = rows
    return links


def _active_filters(params) -> list[dict]:
    """The filters in force, each with a label a visitor reads and the URL that removes it."""
    list_names = dict(ListType.objects.values_list("code", "name")) if params.getlist("list") else {}
    labels = {"dataset": lambda value: label("datasets", value),
              "list": lambda code: list_names.get(code, code),
              "date_from": lambda day: _("from %(date)s") % {"date": day},
              "date_to": lambda day: _("to %(date)s") % {"date": day}}
    return [{"name": name, "label": labels.get(name, str)(value), "remove": "?" + urlencode(
        [(k, v) for k in KEPT for v in params.getlist(k) if not (k == name and v == value)])}
        for name in ("dataset", "list", "authority", "region", "kind", "date_from", "date_to")
        for value in params.getlist(name)]
