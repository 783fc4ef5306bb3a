"""A SearchQuery turned into a backend-neutral plan: analysed terms, weights, filters, order, page.

Pure functions: both engines render the same plan (tantivy queries in embedded.py, an Elasticsearch body in
elastic_bodies.py), which is what makes them agree, and the plan is tested without any server.
"""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from search.analysis import bigram_tokens, code_key, is_single_character, normalise, query_terms, unigram_tokens
from search.query import MAX_RELEVANCE_DEPTH, Cursor, QueryError, SearchQuery

# Where a term matches, and how much that counts: the party's name above the decision number above the
# authority above the decision's words.
FIELD_WEIGHTS = {"name": 8.0, "number": 4.0, "authority": 2.0, "body": 1.0}
# Fields answering one-character queries (bigrams cannot).
UNIGRAM_FIELDS = {"name": 8.0, "body": 1.0}
EXACT_NAME_BOOST = 50.0   # the whole query is exactly a party's name: that party's records first
CODE_EXACT_BOOST = 40.0   # a term is a whole USCC or decision number
CODE_PREFIX_BOOST = 10.0  # a term begins a code: 苏市监罚〔2023〕
MIN_CODE_PREFIX = 4       # shorter terms are too common as code prefixes to count
PHRASE_BONUS = 3.0        # several terms that also stand together, in this order: above scattered matches
PHRASE_BONUS_FIELDS = ("name", "body")
# Each filter and facet name of the query model, and the keyword field of the index that answers it: the embedded
# schema is built from this table, and a test holds the cluster mapping to it.
KEYWORD_FIELDS = {"dataset": "dataset", "list": "list", "authority": "authority_f", "region": "region",
                  "kind": "kind", "category": "category", "year": "year"}


@dataclass(frozen=True)
class TermPlan:
    """One whitespace-separated query term, analysed."""

    text: str
    bigrams: tuple[str, ...]
    unigrams: tuple[str, ...]
    single_character: bool
    code: str

    @property
    def code_prefix_usable(self) -> bool:
        return len(self.code) >= MIN_CODE_PREFIX


@dataclass(frozen=True)
class QueryPlan:
    """Everything an engine needs to answer a query."""

    terms: tuple[TermPlan, ...]
    exact_name: str
    whole_phrase: tuple[str, ...]   # bigrams of all terms written together, when there are several
    keyword_filters: tuple[tuple[str, tuple[str, ...]], ...]   # (field, any of these values)
    list_scope: tuple[str, ...]  # list entries of other lists are not searched; other datasets are unaffected
    date_from: int | None       # YYYYMMDD
    date_to: int | None
    fine_min: float | None
    fine_max: float | None
    sort: str
    facets: tuple[str, ...]
    facet_size: int
    limit: int
    cursor: Cursor | None

    @property
    def offset(self) -> int:
        return self.cursor.offset if self.cursor else 0


def plan_term(term: str) -> TermPlan:
    """Analyse one query term."""
    return TermPlan(text=normalise(term), bigrams=tuple(bigram_tokens(term)), unigrams=tuple(unigram_tokens(term)),
                    single_character=is_single_character(term), code=code_key(term))


def highlight_terms(text: str) -> list[str]:
    """The terms a query's hits are highlighted with, as the engines mark them."""
    return [t.text for t in (plan_term(term) for term in query_terms(text)) if t.unigrams or t.code]


def build_plan(query: SearchQuery) -> QueryPlan:
    """The plan of a query; raises QueryError for a cursor that does not fit or a page too deep."""
    terms = tuple(t for t in (plan_term(term) for term in query_terms(query.text)) if t.unigrams or t.code)
    filters = tuple((name, values) for name, values in (
        ("dataset", query.datasets), ("list", query.lists), ("authority", query.authorities),
        ("region", query.regions), ("kind", query.kinds), ("category", query.categories)) if values)
    cursor = Cursor.decode(query.cursor, query.sort) if query.cursor else None
    if query.sort == "relevance" and cursor and cursor.offset + query.limit > MAX_RELEVANCE_DEPTH:
        raise QueryError(_("relevance order pages %(most)s hits deep at most; sort by date or fine to read "
                           "further") % {"most": MAX_RELEVANCE_DEPTH}, "cursor")
    return QueryPlan(
        terms=terms, exact_name=normalise(" ".join(query_terms(query.text))),
        whole_phrase=tuple(bigram_tokens("".join(query_terms(query.text)))) if len(terms) > 1 else (),
        keyword_filters=filters, list_scope=tuple(query.list_scope),
        date_from=_day(query.date_from), date_to=_day(query.date_to), fine_min=query.fine_min,
        fine_max=query.fine_max, sort=query.sort, facets=query.facets, facet_size=query.facet_size,
        limit=query.limit, cursor=cursor,
    )


def _day(value) -> int | None:
    return value.year * 10000 + value.month * 100 + value.day if value else None


def sort_key(sort: str, date_ymd: int | None, fine: float | None, seq: int) -> int:
    """A unique integer key per document for a field order: the field in the high bits, seq in the low 32, so
    paging resumes exactly after the last hit (search_after) and ties keep one order."""
    if sort in ("date", "-date"):
        return ((date_ymd or 0) << 32) | seq
    yuan = min(int(round((fine or 0.0) * 10000)), (1 << 31) - 1)
    return (yuan << 32) | seq


def next_cursor(plan: QueryPlan, hits: list, total: int, last_seq: int) -> str | None:
    """The cursor of the page after this one, or None on the last page."""
    if len(hits) < plan.limit:
        return None
    if plan.sort == "relevance":
        offset = plan.offset + len(hits)
        return Cursor(plan.sort, offset=offset).encode() if offset < total else None
    last = hits[-1]
    ymd = last.date.year * 10000 + last.date.month * 100 + last.date.day if last.date else None
    return Cursor(plan.sort, after=(sort_key(plan.sort, ymd, last.fine, last_seq),)).encode()
