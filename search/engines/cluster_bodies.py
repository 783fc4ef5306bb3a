"""Index definition and request bodies of the cluster engines (Elasticsearch 8, OpenSearch 2), as pure functions
over the shared plan: both servers take the same bodies.

Built-in analysis only (no plugins): `gongshi_cjk` is the `cjk` analyzer's chain without English stop words
(standard tokenizer, cjk_width, lowercase, cjk_bigram, which keeps a lone character as a unigram), and the
standard analyzer gives single characters for one-character queries. Traditional-to-simplified folding has no
built-in filter, so every searched text is folded by search/analysis.py before it is sent, on both sides, exactly
as for the embedded engine. Display text travels untouched in a stored, unindexed `display` object.
"""
import hashlib
import json

from elasticsearch_dsl import Document, Double, Integer, Keyword, Long, Object, Search, Text, analyzer
from elasticsearch_dsl import Index as DslIndex
from elasticsearch_dsl import Q as DslQ

from search import vocabulary
from search.analysis import code_key, normalise
from search.documents import SearchDocument
from search.plan import (
    CODE_EXACT_BOOST,
    CODE_PREFIX_BOOST,
    EXACT_NAME_BOOST,
    FIELD_WEIGHTS,
    KEYWORD_FIELDS,
    PHRASE_BONUS,
    PHRASE_BONUS_FIELDS,
    UNIGRAM_FIELDS,
    QueryPlan,
    sort_key,
)

# Exact totals up to here; above it the total is a lower bound flagged as such (counting exactly is slow).
TRACK_TOTAL_HITS = 10_000
# Raise when the mapping or the analysis changes: an index of another version is refused until rebuilt.
# 4: the authority is searched folded (a separate keyword keeps its name for filters and facets); fine is a double.
# 5: documents hold the index audience's forms (titles masked, ID numbers in any writing redacted).
SCHEMA_VERSION = 5
SEQ_PAGE = 10_000

gongshi_cjk = analyzer("gongshi_cjk", tokenizer="standard", filter=["cjk_width", "lowercase", "cjk_bigram"])


class ItemDocument(Document):
    """One published item in Elasticsearch."""

    id = Keyword()
    seq = Long()
    dataset = Keyword()
    list = Keyword()
    region = Keyword()
    kind = Keyword()
    category = Keyword()
    year = Keyword()
    name = Text(analyzer=gongshi_cjk, fields={"uni": Text(analyzer="standard"), "exact": Keyword()})
    number = Text(analyzer=gongshi_cjk)
    authority = Text(analyzer=gongshi_cjk)    # folded, like every searched text
    authority_f = Keyword()                   # as written, for filters and facets
    body = Text(analyzer=gongshi_cjk, fields={"uni": Text(analyzer="standard")})
    codes = Keyword()
    date = Integer()        # YYYYMMDD
    fine = Double()         # a 32-bit float would move range boundaries (0.1 + 0.2 万元) off the embedded engine's
    date_key = Long()
    fine_key = Long()
    display = Object(enabled=False)


def index_definition(name: str, shards: int = 1, replicas: int = 0, alias: str | None = None) -> dict:
    """Settings and mappings of a versioned index, with the alias when given (created in the same call, so two
    first starts at once cannot leave the alias on two indices)."""
    index = DslIndex(name)
    index.settings(number_of_shards=shards, number_of_replicas=replicas, refresh_interval="1s")
    index.document(ItemDocument)
    definition = index.to_dict()
    definition["mappings"]["_meta"] = {"schema_version": SCHEMA_VERSION}
    if alias:
        definition["aliases"] = {alias: {}}
    return definition


def schema_version_of(meta: dict) -> int | None:
    """The schema version an index was built with, from its mapping's _meta."""
    version = meta.get("schema_version")
    return version if isinstance(version, int) else None


def source_of(doc: SearchDocument) -> dict:
    """The _source of a document: folded text to search, original text to show."""
    ymd = doc.date.year * 10000 + doc.date.month * 100 + doc.date.day if doc.date else None
    return {
        "id": doc.id, "seq": doc.seq, "dataset": doc.dataset, "list": doc.list_code or None,
        "region": doc.region or None, "kind": doc.kinds, "category": doc.category or None, "year": doc.year or None,
        "name": normalise(doc.name), "number": normalise(doc.number), "authority": normalise(doc.authority),
        "authority_f": doc.authority or None,
        "body": normalise(doc.body), "codes": [code_key(c) for c in doc.codes], "date": ymd, "fine": doc.fine,
        "date_key": sort_key("date", ymd, None, doc.seq), "fine_key": sort_key("fine", None, doc.fine, doc.seq),
        "display": {"title": doc.title, "name": doc.name, "body": doc.body[:400],
                    "date": doc.date.isoformat() if doc.date else None, "fine": doc.fine},
    }


def bulk_operations(index: str, upserts=(), deletes=()) -> list[dict]:
    """The lines of a bulk request: documents are keyed by their public id, so a replay overwrites."""
    lines: list[dict] = []
    for doc in upserts:
        lines += [{"index": {"_index": index, "_id": doc.id}}, source_of(doc)]
    lines += [{"delete": {"_index": index, "_id": item_id}} for item_id in deletes]
    return lines


def bulk_failures(answer: dict) -> list[tuple[str, int, str]]:
    """(document id, status, the engine's reason) of every failed item of a bulk answer; deleting a document that
    is not there is not a failure (the change log deletes whatever is no longer published)."""
    if not answer.get("errors"):
        return []
    failures = []
    for item in answer.get("items", []):
        (result,) = item.values()
        error = result.get("error")
        if not error:  # a delete of an absent document answers 404 "not_found" without an error
            continue
        reason = f"{error.get('type', 'error')}: {error.get('reason', '')}" if isinstance(error, dict) else str(error)
        caused = error.get("caused_by") if isinstance(error, dict) else None
        if caused:
            reason += f" (caused by {caused.get('type')}: {caused.get('reason')})"
        failures.append((result.get("_id", "?"), int(result.get("status", 0)), reason[:1000]))
    return failures


def preference_of(plan: QueryPlan) -> str:
    """A routing preference per query (not per page): every page of one query is served by the same shard copies,
    so paging by position neither repeats nor skips hits across replicas, while different queries still spread
    over all copies."""
    what = {"terms": [t.text for t in plan.terms], "filters": plan.keyword_filters, "scope": plan.list_scope,
            "dates": (plan.date_from,
            plan.date_to), "fines": (plan.fine_min, plan.fine_max), "sort": plan.sort}
    return hashlib.sha1(json.dumps(what, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def seqs_body(after: int | None, size: int = SEQ_PAGE) -> dict:
    """One page of every document's number in seq order, resumed after the last one (no scroll context)."""
    body = {"size": size, "sort": [{"seq": "asc"}], "_source": False, "docvalue_fields": ["seq"],
            "query": {"match_all": {}}, "track_total_hits": False}
    if after is not None:
        body["search_after"] = [after]
    return body


def _constant(query: DslQ, score: float) -> DslQ:
    """A match worth exactly `score` (the embedded engine scores code matches the same way)."""
    return DslQ("constant_score", filter=query, boost=score)


def _phrase(field: str, text: str, boost: float) -> DslQ:
    return DslQ("match_phrase", **{field: {"query": text, "boost": boost}})


def query_body(plan: QueryPlan) -> dict:
    """The search request body of a plan: the same clauses, weights, filters and order as the embedded engine."""
    must, should = [], []
    for term in plan.terms:
        alternatives = []
        if term.single_character:
            alternatives += [DslQ("term", **{f"{field}.uni": {"value": term.unigrams[0], "boost": weight}})
                             for field, weight in UNIGRAM_FIELDS.items()]
        elif term.bigrams:
            alternatives += [_phrase(field, term.text, weight) for field, weight in FIELD_WEIGHTS.items()]
        if term.code:
            alternatives.append(_constant(DslQ("term", codes=term.code), CODE_EXACT_BOOST))
            if term.code_prefix_usable:
                alternatives.append(_constant(DslQ("prefix", codes=term.code), CODE_PREFIX_BOOST))
        must.append(DslQ("dis_max", queries=alternatives, tie_breaker=0.1))
    if plan.exact_name:
        should.append(DslQ("term", **{"name.exact": {"value": plan.exact_name, "boost": EXACT_NAME_BOOST}}))
    if len(plan.whole_phrase) > 1:
        whole = "".join(term.text for term in plan.terms)
        should += [_phrase(field, whole, PHRASE_BONUS) for field in PHRASE_BONUS_FIELDS]
    filters = [DslQ("terms", **{KEYWORD_FIELDS[name]: list(values)}) for name, values in plan.keyword_filters]
    if plan.list_scope:
        filters.append(DslQ("bool", minimum_should_match=1, should=[
            DslQ("terms", **{KEYWORD_FIELDS["dataset"]: list(vocabulary.unlisted_datasets())}),
            DslQ("terms", **{KEYWORD_FIELDS["list"]: list(plan.list_scope)})]))
    if plan.date_from or plan.date_to:
        filters.append(DslQ("range", date=_bounds(plan.date_from, plan.date_to)))
    if plan.fine_min is not None or plan.fine_max is not None:
        filters.append(DslQ("range", fine=_bounds(plan.fine_min, plan.fine_max)))
    search = Search().query(DslQ("bool", must=must or [DslQ("match_all")], should=should, filter=filters))
    search = search.extra(size=plan.limit, track_total_hits=TRACK_TOTAL_HITS).source(["id", "seq", "dataset",
                                                                                       "display"])
    if plan.sort == "relevance":
        search = search.sort("_score", {"seq": "asc"}).extra(from_=plan.offset)
    else:
        field = "date_key" if plan.sort.endswith("date") else "fine_key"
        search = search.sort({field: "desc" if plan.sort.startswith("-") else "asc"})
        if plan.cursor and plan.cursor.after:
            search = search.extra(search_after=list(plan.cursor.after))
    for name in plan.facets:
        search.aggs.bucket(name, "terms", field=KEYWORD_FIELDS[name], size=plan.facet_size)
    return search.to_dict()


def _bounds(low, high) -> dict:
    bounds = {}
    if low is not None:
        bounds["gte"] = low
    if high is not None:
        bounds["lte"] = high
    return bounds
