"""Reading a SearchQuery from request parameters, shared by the API and the search page, so both accept the same
parameters with the same errors (a QueryError naming the parameter)."""
import datetime as dt
import math
from collections.abc import Sequence

from django.utils.translation import gettext as _

from search.query import QueryError, SearchQuery

PARAMETER_HELP = {
    "q": "Words, a name, a USCC or decision number (codes match whole or by prefix). Traditional characters and "
         "full-width forms are folded.",
    "dataset": "penalty, licence or list_entry; repeat for several. Default: every dataset the tier sees.",
    "list": "A list code (see /api/v1/list-types/); repeat for several.",
    "authority": "An authority's name; repeat for several.",
    "region": "A province; repeat for several.",
    "kind": "A penalty kind (警告, 罚款, …); repeat for several.",
    "category": "A party category; repeat for several.",
    "date_from": "Decision or listing date, from (YYYY-MM-DD).",
    "date_to": "Decision or listing date, to (YYYY-MM-DD).",
    "fine_min": "Smallest fine, in 万元 (ten thousand yuan), as the penalties' fine_amount.",
    "fine_max": "Largest fine, in 万元 (ten thousand yuan), as the penalties' fine_amount.",
    "sort": "relevance (default; pageable to 1,000 hits), -date (newest first), date, -fine (largest first) or fine.",
    "facets": "Comma-separated: dataset, list, authority, region, kind, category, year.",
    "page_size": "Hits per page, up to the tier's maximum.",
    "cursor": "next_cursor of the previous page.",
}
PARAMETERS = tuple(PARAMETER_HELP)
# Parameters that may be given several times (?kind=警告&kind=罚款): arrays in the schema.
REPEATABLE = ("dataset", "list", "authority", "region", "kind", "category")


def query_from_params(params, *, visible_datasets: Sequence[str], visible_lists: Sequence[str], limit: int,
                      facets: Sequence[str] | None = None) -> SearchQuery:
    """The query these parameters ask for (a QueryDict or anything with get/getlist), within what the caller
    may see: datasets default to the visible ones; a caller limited to some lists searches list entries of
    those lists only (and every penalty and licence it sees). `facets` overrides the `facets` parameter (the
    search page always asks for its own)."""
    datasets = tuple(params.getlist("dataset")) or tuple(visible_datasets)
    hidden = [d for d in datasets if d not in visible_datasets]
    if hidden:
        raise QueryError(_("not available here: %(what)s") % {"what": hidden[0]}, "dataset")
    lists = tuple(params.getlist("list"))
    hidden = [code for code in lists if visible_lists and code not in visible_lists]
    if hidden:
        raise QueryError(_("not available here: %(what)s") % {"what": hidden[0]}, "list")
    wanted_facets = tuple(facets) if facets is not None else tuple(
        f for f in params.get("facets", "").split(",") if f)
    return SearchQuery(
        text=params.get("q", ""), datasets=datasets, lists=lists, list_scope=tuple(visible_lists),
        authorities=tuple(params.getlist("authority")), regions=tuple(params.getlist("region")),
        kinds=tuple(params.getlist("kind")), categories=tuple(params.getlist("category")),
        date_from=_date(params, "date_from"), date_to=_date(params, "date_to"),
        fine_min=_number(params, "fine_min"), fine_max=_number(params, "fine_max"),
        sort=params.get("sort") or "relevance", facets=wanted_facets, limit=limit,
        cursor=params.get("cursor") or None,
    )


def _date(params, name: str) -> dt.date | None:
    raw = params.get(name)
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise QueryError(_("must be a date, YYYY-MM-DD"), name) from None


def _number(params, name: str) -> float | None:
    raw = params.get(name)
    if raw in (None, ""):
        return None
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):  # nan and inf would reach the engine's range query
        raise QueryError(_("must be a finite number"), name)
    return value
