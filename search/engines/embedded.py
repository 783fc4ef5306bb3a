"""The embedded engine: tantivy, in process, its index a folder beside the database.

Text fields hold the shared analysis's tokens joined by spaces and are split by tantivy's whitespace tokenizer,
so tokenisation is ours (search/analysis.py) on both sides. Filter, sort and facet fields are fast (columnar)
fields. tantivy allows one writer per index: `batch()` takes the writer for the length of one batch (the
change-log consumer, a rebuild), and searchers reload after commits.
"""
import datetime as dt
import json
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import tantivy

from search import vocabulary
from search.analysis import bigram_tokens, code_prefixes, normalise, unigram_tokens
from search.documents import SearchDocument
from search.engines.base import EngineUnavailable
from search.highlight import highlight
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
    build_plan,
    next_cursor,
    sort_key,
)
from search.query import Hit, SearchQuery, SearchResult

# Raise when the schema or the analysis changes: an index built by another version must be rebuilt.
# 4: documents hold the index audience's forms (titles masked, ID numbers in any writing redacted).
SCHEMA_VERSION = "4"
_VERSION_FILE = "gongshi-schema-version"
_WRITER_WAIT_SECONDS = 30.0
_RELOAD_EVERY_SECONDS = 1.0
_BODY_STORED = 400


def build_schema() -> tantivy.Schema:
    """The index schema: tokenised text, keyword fast fields, numeric fast fields, one stored payload."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, fast=True, tokenizer_name="raw")
    builder.add_unsigned_field("seq", stored=True, indexed=True, fast=True)
    for name in KEYWORD_FIELDS.values():
        # Kinds are many per document; their counts come from kinds_mask, so `kind` needs no fast column.
        builder.add_text_field(name, fast=name != "kind", tokenizer_name="raw")
    builder.add_unsigned_field("kinds_mask", fast=True)
    for name in (*FIELD_WEIGHTS, *(f"{name}_uni" for name in UNIGRAM_FIELDS)):
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    for name in ("name_exact", "codes", "code_prefixes"):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("date", indexed=True, fast=True)
    builder.add_float_field("fine", indexed=True, fast=True)
    builder.add_integer_field("date_key", indexed=True, fast=True)
    builder.add_integer_field("fine_key", indexed=True, fast=True)
    builder.add_bytes_field("payload", stored=True)
    return builder.build()


def to_tantivy_document(doc: SearchDocument) -> tantivy.Document:
    """The tantivy document of a search document."""
    out = tantivy.Document()
    out.add_text("id", doc.id)
    out.add_unsigned("seq", doc.seq)
    out.add_text("dataset", doc.dataset)
    for field, value in (("list", doc.list_code), ("authority_f", doc.authority), ("region", doc.region),
                         ("category", doc.category), ("year", doc.year)):
        if value:
            out.add_text(field, value)
    for kind in doc.kinds:
        out.add_text("kind", kind)
    out.add_unsigned("kinds_mask", kinds_mask(doc.kinds))
    for field, text in (("name", doc.name), ("number", doc.number), ("authority", doc.authority),
                        ("body", doc.body)):
        out.add_text(field, " ".join(bigram_tokens(text)))
    out.add_text("name_uni", " ".join(unigram_tokens(doc.name)))
    out.add_text("body_uni", " ".join(unigram_tokens(doc.body)))
    out.add_text("name_exact", normalise(doc.name))
    for code in doc.codes:
        out.add_text("codes", code)
        for prefix in code_prefixes(code):
            out.add_text("code_prefixes", prefix)
    ymd = doc.date.year * 10000 + doc.date.month * 100 + doc.date.day if doc.date else None
    if ymd:
        out.add_integer("date", ymd)
    if doc.fine is not None:
        out.add_float("fine", doc.fine)
    out.add_integer("date_key", sort_key("date", ymd, None, doc.seq))
    out.add_integer("fine_key", sort_key("fine", None, doc.fine, doc.seq))
    out.add_bytes("payload", json.dumps({
        "dataset": doc.dataset, "title": doc.title, "name": doc.name, "body": doc.body[:_BODY_STORED],
        "date": doc.date.isoformat() if doc.date else None, "fine": doc.fine, "seq": doc.seq,
    }, ensure_ascii=False).encode())
    return out


def kinds_mask(kinds) -> int:
    """The set of penalty kinds as a bitmask: bit i stands for vocabulary.kinds()[i]."""
    known = vocabulary.kinds()
    mask = 0
    for kind in kinds:
        if kind in known:
            mask |= 1 << known.index(kind)
    return mask


def kind_counts(buckets: list[dict], size: int) -> list[tuple[str, int]]:
    """Per-kind document counts from counts per kind set, most frequent first."""
    counts: dict[str, int] = {}
    for bucket in buckets:
        mask = int(bucket["key"])
        for bit, kind in enumerate(vocabulary.kinds()):
            if mask >> bit & 1:
                counts[kind] = counts.get(kind, 0) + bucket["doc_count"]
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:size]


class _Batch:
    """Upserts and deletes through the index writer, visible together at commit."""

    def __init__(self, writer: tantivy.IndexWriter):
        self.writer = writer
        self.changed = 0

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        for doc in documents:
            self.writer.delete_documents_by_term("id", doc.id)
            self.writer.add_document(to_tantivy_document(doc))
            self.changed += 1

    def add(self, documents: Iterable[SearchDocument]) -> int:
        """Add documents known not to be in the index (after clear()); faster than upsert."""
        count = 0
        for doc in documents:
            self.writer.add_document(to_tantivy_document(doc))
            count += 1
        self.changed += count
        return count

    def delete(self, ids: Iterable[str]) -> None:
        for item_id in ids:
            self.writer.delete_documents_by_term("id", item_id)
            self.changed += 1

    def clear(self) -> None:
        """Remove every document (rebuild only; Elasticsearch rebuilds by swapping its alias instead)."""
        self.writer.delete_all_documents()


class EmbeddedEngine:
    """Search over a tantivy index in a folder."""

    name = "embedded"

    def __init__(self, path: Path, writer_heap_bytes: int = 128_000_000, writer_threads: int = 1):
        self.path = Path(path)
        self.schema = build_schema()
        self.writer_heap_bytes = writer_heap_bytes
        self.writer_threads = writer_threads
        self._index = None
        self._reloaded_at = 0.0
        self._lock = threading.Lock()

    # --- opening and writing ------------------------------------------------------------------------------

    @property
    def index(self) -> tantivy.Index:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = self._open()
        return self._index

    def _open(self) -> tantivy.Index:
        self.path.mkdir(parents=True, exist_ok=True)
        version_file = self.path / _VERSION_FILE
        if version_file.exists() and version_file.read_text().strip() != SCHEMA_VERSION:
            raise EngineUnavailable(f"the search index at {self.path} was built by another version; "
                                    "run manage.py search_rebuild", retry_after=60)
        if not version_file.exists() and any(self.path.iterdir()):
            raise EngineUnavailable(f"{self.path} holds something other than a gongshi index", retry_after=60)
        index = tantivy.Index(self.schema, path=str(self.path))
        version_file.write_text(SCHEMA_VERSION)
        return index

    def create_if_missing(self) -> None:
        """Open (and so create) the index folder."""
        _ = self.index

    @contextmanager
    def batch(self) -> Iterator[_Batch]:
        """Hold the index writer for one batch of changes, committed together (or not at all on error)."""
        writer = self._acquire_writer()
        batch = _Batch(writer)
        try:
            yield batch
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        finally:
            del writer
            self._reloaded_at = 0.0  # this process sees its own commit at the next search

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Replace the whole index in one commit: searchers see the old index until the new one is complete.

        An index built by another schema version cannot be opened at all; it is removed first (searches were
        already refused on it).
        """
        version_file = self.path / _VERSION_FILE
        if version_file.exists() and version_file.read_text().strip() != SCHEMA_VERSION:
            self.destroy()
        with self.batch() as batch:
            batch.clear()
            return batch.add(documents)

    def _acquire_writer(self) -> tantivy.IndexWriter:
        deadline = time.monotonic() + _WRITER_WAIT_SECONDS
        while True:
            try:
                return self.index.writer(heap_size=self.writer_heap_bytes, num_threads=self.writer_threads)
            except ValueError as exc:
                if "LockBusy" not in str(exc) or time.monotonic() > deadline:
                    raise EngineUnavailable(f"search index writer unavailable: {str(exc)[:120]}") from None
                time.sleep(0.2)

    def destroy(self) -> None:
        """Remove the index folder (tests and rebuild scratch folders)."""
        self._index = None
        shutil.rmtree(self.path, ignore_errors=True)

    # --- reading ------------------------------------------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher:
        now = time.monotonic()
        if now - self._reloaded_at > _RELOAD_EVERY_SECONDS:
            self.index.reload()  # see commits made by the consumer process
            self._reloaded_at = now
        return self.index.searcher()

    def count(self) -> int:
        return self._searcher().num_docs

    def seqs(self) -> Iterator[int]:
        """The number (seq) of every indexed document, read from the columnar store."""
        searcher = self._searcher()
        total = searcher.num_docs
        if not total:
            return
        addresses = [address for _, address in searcher.search(tantivy.Query.all_query(), limit=total,
                                                               count=False).hits]
        for start in range(0, len(addresses), 50_000):
            yield from searcher.fast_field_values("seq", addresses[start:start + 50_000])

    def health(self) -> dict:
        try:
            return {"engine": self.name, "ok": True, "documents": self.count(), "path": str(self.path)}
        except EngineUnavailable as exc:
            return {"engine": self.name, "ok": False, "error": str(exc)}

    def search(self, query: SearchQuery) -> SearchResult:
        """Answer a query: hits in order, exact total, facet counts, next cursor."""
        started = time.perf_counter()
        plan = build_plan(query)
        searcher = self._searcher()
        tantivy_query = self.render(plan)
        if plan.sort == "relevance":
            result = searcher.search(tantivy_query, limit=plan.limit, count=True, offset=plan.offset)
        else:
            field = "date_key" if plan.sort.endswith("date") else "fine_key"
            order = tantivy.Order.Desc if plan.sort.startswith("-") else tantivy.Order.Asc
            result = searcher.search(tantivy_query, limit=plan.limit, count=True, order_by_field=field, order=order)
        terms = [term.text for term in plan.terms]
        payloads = [(score, searcher.doc(address).to_dict()) for score, address in result.hits]
        hits = [_hit(stored, score if plan.sort == "relevance" else 0.0, terms) for score, stored in payloads]
        facets = self._facets(searcher, tantivy_query, plan) if plan.facets else {}
        last_seq = json.loads(payloads[-1][1]["payload"][0])["seq"] if payloads else 0
        return SearchResult(hits=hits, total=result.count, total_exact=True, facets=facets, engine=self.name,
                            took_ms=(time.perf_counter() - started) * 1000,
                            next_cursor=next_cursor(plan, hits, result.count, last_seq))

    def _facets(self, searcher, tantivy_query, plan: QueryPlan) -> dict[str, list[tuple[str, int]]]:
        # Counting a multi-valued text column is slow (16-24 ms over a million hits, against ~1 ms for a
        # single-valued one), so kinds are counted from the few distinct kind sets (a bitmask) and expanded.
        aggregations = {name: {"terms": {"field": KEYWORD_FIELDS[name], "size": plan.facet_size}}
                        for name in plan.facets if name != "kind"}
        if "kind" in plan.facets:
            aggregations["kind"] = {"terms": {"field": "kinds_mask", "size": 1 << 14}}
        answer = searcher.aggregate(tantivy_query, aggregations)
        facets = {name: [(bucket["key"], bucket["doc_count"]) for bucket in answer[name]["buckets"]]
                  for name in plan.facets if name != "kind"}
        if "kind" in plan.facets:
            facets["kind"] = kind_counts(answer["kind"]["buckets"], plan.facet_size)
        return {name: facets[name] for name in plan.facets}

    # --- the query ----------------------------------------------------------------------------------------

    def render(self, plan: QueryPlan) -> tantivy.Query:
        """The tantivy query of a plan."""
        Q, Occur, schema = tantivy.Query, tantivy.Occur, self.schema
        clauses = []
        for term in plan.terms:
            alternatives = []
            if term.single_character:
                alternatives += [Q.boost_query(Q.term_query(schema, f"{field}_uni", term.unigrams[0]), weight)
                                 for field, weight in UNIGRAM_FIELDS.items()]
            elif term.bigrams:
                alternatives += [Q.boost_query(self._phrase(field, term.bigrams), weight)
                                 for field, weight in FIELD_WEIGHTS.items()]
            if term.code:
                # A code matches or it does not: a constant score, as on the clusters (whose keyword fields have
                # no length norms), so a subject's records tie instead of ranking by how many codes each carries.
                alternatives.append(Q.const_score_query(Q.term_query(schema, "codes", term.code), CODE_EXACT_BOOST))
                if term.code_prefix_usable:
                    alternatives.append(Q.const_score_query(Q.term_query(schema, "code_prefixes", term.code),
                                                            CODE_PREFIX_BOOST))
            clauses.append((Occur.Must, Q.disjunction_max_query(alternatives, tie_breaker=0.1)))
        if plan.exact_name:
            clauses.append((Occur.Should, Q.boost_query(Q.term_query(schema, "name_exact", plan.exact_name),
                                                        EXACT_NAME_BOOST)))
        if len(plan.whole_phrase) > 1:
            clauses += [(Occur.Should, Q.boost_query(self._phrase(field, plan.whole_phrase), PHRASE_BONUS))
                        for field in PHRASE_BONUS_FIELDS]
        if not plan.terms:
            clauses.append((Occur.Must, Q.all_query()))
        clauses += [(Occur.Must, clause) for clause in self._filters(plan)]
        if len(clauses) == 1 and clauses[0][0] == Occur.Must:
            return clauses[0][1]  # a lone clause runs faster unwrapped (3 ms over a million documents)
        return Q.boolean_query(clauses)

    def _phrase(self, field: str, tokens: tuple[str, ...]) -> tantivy.Query:
        if len(tokens) == 1:
            return tantivy.Query.term_query(self.schema, field, tokens[0])
        return tantivy.Query.phrase_query(self.schema, field, list(tokens))

    def _filters(self, plan: QueryPlan) -> list[tantivy.Query]:
        Q, schema = tantivy.Query, self.schema
        filters = [Q.term_set_query(schema, KEYWORD_FIELDS[name], list(values))
                   for name, values in plan.keyword_filters]
        if plan.list_scope:
            filters.append(Q.boolean_query([
                (tantivy.Occur.Should,
                 Q.term_set_query(schema, KEYWORD_FIELDS["dataset"], list(vocabulary.unlisted_datasets()))),
                (tantivy.Occur.Should, Q.term_set_query(schema, KEYWORD_FIELDS["list"], list(plan.list_scope)))]))
        if plan.date_from or plan.date_to:
            filters.append(Q.range_query(schema, "date", tantivy.FieldType.Integer, plan.date_from, plan.date_to))
        if plan.fine_min is not None or plan.fine_max is not None:
            filters.append(Q.range_query(schema, "fine", tantivy.FieldType.Float, plan.fine_min, plan.fine_max))
        if plan.cursor and plan.cursor.after and plan.sort != "relevance":
            field = "date_key" if plan.sort.endswith("date") else "fine_key"
            (key,) = plan.cursor.after
            if plan.sort.startswith("-"):
                filters.append(Q.range_query(schema, field, tantivy.FieldType.Integer, None, key,
                                             include_upper=False))
            else:
                filters.append(Q.range_query(schema, field, tantivy.FieldType.Integer, key, None,
                                             include_lower=False))
        return [Q.const_score_query(f, 0.0) for f in filters]


def _hit(stored: dict, score: float, terms: list[str]) -> Hit:
    payload = json.loads(stored["payload"][0])
    return Hit(
        id=stored["id"][0], dataset=payload["dataset"], title=payload["title"], subject_name=payload["name"],
        score=float(score), date=dt.date.fromisoformat(payload["date"]) if payload["date"] else None,
        fine=payload["fine"],
        highlights={"title": highlight(payload["title"], terms), "body": highlight(payload["body"], terms)}
        if terms else {},
    )
