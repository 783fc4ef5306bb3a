"""The backend-neutral query and result. Engines take a SearchQuery and return a SearchResult."""
import base64
import datetime as dt
import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from portal.errors import GongshiError
from search.vocabulary import datasets

SORTS = ("relevance", "date", "-date", "fine", "-fine")
FACETS = ("dataset", "list", "authority", "region", "kind", "category", "year")
MAX_LIMIT = 1000
# Longer texts and more terms are not searches a person types; the clusters also refuse them (a code prefix over
# about 1,000 bytes, more than 1,024 clauses), so both engines refuse them alike, with a 400.
MAX_TEXT_LENGTH = 200
MAX_TERMS = 20
# Relevance order cannot be resumed from a key like the field sorts can, so it pages by position and stops
# here; deeper reading uses a date or fine order, which pages by key without limit.
MAX_RELEVANCE_DEPTH = 1000
# The longest cursor this service writes is well under this; anything longer is forged (and deeply nested JSON
# would exhaust the parser's recursion before it could be refused).
MAX_CURSOR_LENGTH = 200


class QueryError(GongshiError, ValueError):
    """A query that cannot be run; `field` names the part that is wrong."""

    status = 400
    code = "invalid_parameter"
    title = "Invalid parameter"

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class SearchQuery:
    """What to look for: free text, filters, order, facets and the page."""

    text: str = ""
    datasets: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    # The caller's list limit: list entries outside these lists are never searched, while penalties and licences
    # are (unlike `lists`, a filter, which keeps list entries of those lists only). Empty: every list.
    list_scope: tuple[str, ...] = ()
    authorities: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    fine_min: float | None = None
    fine_max: float | None = None
    sort: str = "relevance"
    facets: tuple[str, ...] = ()
    facet_size: int = 20
    limit: int = 20
    cursor: str | None = None

    def __post_init__(self):
        if len(self.text) > MAX_TEXT_LENGTH:
            raise QueryError(_("q is %(length)s characters long; at most %(most)s")
                             % {"length": len(self.text), "most": MAX_TEXT_LENGTH}, "q")
        if len(self.text.split()) > MAX_TERMS:
            raise QueryError(_("q has %(terms)s terms; at most %(most)s")
                             % {"terms": len(self.text.split()), "most": MAX_TERMS}, "q")
        unknown = set(self.datasets) - set(datasets())
        if unknown:
            raise QueryError(_("unknown dataset %(value)r; one of %(choices)s")
                             % {"value": sorted(unknown)[0], "choices": ", ".join(datasets())}, "dataset")
        if self.sort not in SORTS:
            raise QueryError(_("sort must be one of %(choices)s") % {"choices": ", ".join(SORTS)}, "sort")
        unknown = set(self.facets) - set(FACETS)
        if unknown:
            raise QueryError(_("unknown facet %(value)r; one of %(choices)s")
                             % {"value": sorted(unknown)[0], "choices": ", ".join(FACETS)}, "facets")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise QueryError(_("limit must be between 1 and %(most)s") % {"most": MAX_LIMIT}, "limit")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise QueryError(_("date_from is after date_to"), "date_from")
        if self.fine_min is not None and self.fine_max is not None and self.fine_min > self.fine_max:
            raise QueryError(_("fine_min is above fine_max"), "fine_min")


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after a sort key (field orders) or at a position (relevance)."""

    sort: str
    after: tuple | None = None   # (sort value, seq) of the last hit of the previous page
    offset: int = 0

    def encode(self) -> str:
        raw = json.dumps({"s": self.sort, "a": self.after, "o": self.offset}, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str, sort: str) -> "Cursor":
        if len(token) > MAX_CURSOR_LENGTH:
            raise QueryError(_("cursor is not one this service issued"), "cursor")
        try:
            data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            after, offset = data["a"], data["o"]
            # Only what this service writes: a sort name, one whole sort key or none, a position from 0.
            if not (isinstance(data["s"], str) and type(offset) is int and 0 <= offset <= MAX_RELEVANCE_DEPTH
                    and (after is None or (isinstance(after, list) and len(after) == 1 and type(after[0]) is int
                                           and 0 <= after[0] < 1 << 63))):
                raise ValueError("not a cursor")
            cursor = cls(sort=data["s"], after=tuple(after) if after else None, offset=offset)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            raise QueryError(_("cursor is not one this service issued"), "cursor") from None
        if cursor.sort != sort:
            raise QueryError(_("cursor belongs to another sort order"), "cursor")
        return cursor


@dataclass
class Hit:
    """One matching item."""

    id: str
    dataset: str
    title: str
    subject_name: str
    score: float
    date: dt.date | None = None
    fine: float | None = None
    highlights: dict[str, str] = field(default_factory=dict)


@dataclass
class SearchResult:
    """Hits in order, the total (exact, or a lower bound flagged as such), facet counts, who answered, how fast."""

    hits: list[Hit]
    total: int
    total_exact: bool
    facets: dict[str, list[tuple[str, int]]]
    engine: str
    took_ms: float
    next_cursor: str | None = None
