"""The cluster engine (production): Elasticsearch 8 or OpenSearch 2, versioned indices behind an alias.

One class for both servers; what differs between their client libraries sits in cluster_clients.py. Searches use
the short SEARCH_TIMEOUT_SECONDS, everything administrative the long SEARCH_ADMIN_TIMEOUT_SECONDS. An engine that
does not answer raises EngineUnavailable (503, retry); one that refuses what we sent raises EngineRejected, or
DocumentRejected naming the document, which stops the change-log consumer instead of retrying forever.

Writes go through the alias with `require_alias`, so a missing index is an error, never an index auto-created
under the alias's name with a guessed mapping. A rebuild fills a new index, moves the alias in one atomic call and
drops the old index once searches already running on it have had their time; a rebuild that fails deletes what it
built.
"""
import datetime as dt
import logging
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from search.documents import SearchDocument
from search.engines.base import DocumentRejected, EngineRejected, EngineUnavailable
from search.engines.cluster_bodies import (
    SCHEMA_VERSION,
    SEQ_PAGE,
    bulk_failures,
    bulk_operations,
    index_definition,
    preference_of,
    query_body,
    schema_version_of,
    seqs_body,
)
from search.engines.cluster_clients import RETRY_AFTER, adapter_for
from search.highlight import highlight
from search.plan import build_plan, next_cursor
from search.query import Hit, SearchQuery, SearchResult

logger = logging.getLogger(__name__)
_BULK_CHUNK = 2000


class _Batch:
    """Upserts and deletes collected for one bulk request."""

    def __init__(self):
        self.upserts: list[SearchDocument] = []
        self.deletes: list[str] = []

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        self.upserts.extend(documents)

    def delete(self, ids: Iterable[str]) -> None:
        self.deletes.extend(ids)


class ClusterEngine:
    """Search over an alias on an Elasticsearch or OpenSearch cluster."""

    def __init__(self, kind: str, url: str, alias: str, timeout: float = 2.0, admin_timeout: float = 300.0,
                 shards: int = 1, replicas: int = 0, refresh: bool = False, retire_seconds: float | None = None):
        self.name = kind
        self.alias = alias
        self.client = adapter_for(kind, url, timeout, admin_timeout)
        # How long an index the alias left stays for searches already running on it: by default the search
        # timeout, after which every such search has given up anyway.
        self.retire_seconds = timeout if retire_seconds is None else retire_seconds
        self.shards, self.replicas = shards, replicas
        self.refresh = refresh  # tests read their own writes at once; production relies on the 1 s refresh
        self.seq_page = SEQ_PAGE
        self._index_ensured = False

    # --- the index behind the alias -----------------------------------------------------------------------

    def create_if_missing(self) -> None:
        """Create a first index, together with its alias in one call and under a fixed name, when the alias stands
        on none: of two processes starting at once, one creates it and the other is told it exists. Only an engine
        that was never fed calls this (the consumer at checkpoint 0); afterwards a missing index means the data is
        gone, which takes a rebuild, not a silently empty index."""
        if self.client.alias_targets(self.alias):
            return
        first = f"{self.alias}-first"
        try:
            self.client.create_index(first, self._definition(first, alias=True))
        except EngineRejected as exc:
            if "resource_already_exists" not in exc.reason:
                raise

    def ensure_index(self) -> None:
        """Make sure the alias stands on one index of this schema version (checked once per engine, not per call);
        anything else is unavailable until `search_rebuild` puts it right."""
        if self._index_ensured:
            return
        targets = self.client.alias_targets(self.alias)
        if not targets:
            raise EngineUnavailable(f"no search index behind the alias {self.alias}; run manage.py search_rebuild",
                                    retry_after=60)
        if len(targets) > 1:
            raise EngineUnavailable(f"the alias {self.alias} stands on {len(targets)} indices; run manage.py "
                                    "search_rebuild to put it on one", retry_after=60)
        versions = {schema_version_of(meta) for meta in self.client.meta_of(targets[0]).values()}
        if versions != {SCHEMA_VERSION}:
            raise EngineUnavailable(f"the search index {targets[0]} was built by another version; "
                                    "run manage.py search_rebuild", retry_after=60)
        self._index_ensured = True

    @contextmanager
    def _serving(self):
        """An index that vanished after it was checked is an outage to rebuild from, not a refusal."""
        try:
            yield
        except EngineRejected as exc:
            if exc.engine_status == 404 and "index_not_found" in exc.reason:
                self._index_ensured = False
                raise EngineUnavailable(f"the search index behind {self.alias} is gone; run manage.py "
                                        "search_rebuild", retry_after=60) from None
            raise

    def _definition(self, name: str, alias: bool = False) -> dict:
        return index_definition(name, shards=self.shards, replicas=self.replicas,
                                alias=self.alias if alias else None)

    def _new_index_name(self) -> str:
        return f"{self.alias}-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S%f}"

    # --- writing ------------------------------------------------------------------------------------------

    @contextmanager
    def batch(self):
        """Collect upserts and deletes, then send them in bulk through the alias (keyed by id: replays overwrite)."""
        batch = _Batch()
        yield batch
        self.ensure_index()
        self._bulk(self.alias, batch.upserts, batch.deletes, require_alias=True)

    def _bulk(self, index: str, upserts: list[SearchDocument], deletes: list[str], require_alias: bool) -> None:
        for start in range(0, max(len(upserts), len(deletes)), _BULK_CHUNK):
            answer = self.client.bulk(bulk_operations(index, upserts[start:start + _BULK_CHUNK],
                                                      deletes[start:start + _BULK_CHUNK]),
                                      require_alias=require_alias, refresh=self.refresh)
            failures = bulk_failures(answer)
            if not failures:
                continue
            # Overload (429) and server trouble (5xx) on any item: the whole batch is retried later, harmlessly,
            # since every action is keyed by id. Any other refusal names the document and stops the writer.
            transient = [f for f in failures if f[1] == 429 or f[1] >= 500]
            if transient:
                document_id, status, reason = transient[0]
                raise EngineUnavailable(f"the search engine could not take {len(transient)} documents now "
                                        f"({status}, first {document_id}: {reason})"[:500], retry_after=RETRY_AFTER)
            document_id, status, reason = failures[0]
            logger.error("search engine %s rejected %s documents; first %s (%s): %s", self.name, len(failures),
                         document_id, status, reason)
            raise DocumentRejected(document_id, reason, status)

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Fill a new versioned index, move the alias to it atomically, drop the old ones; on any failure, delete
        the new index and leave the alias where it was. One rebuild at a time per alias: a second one is refused
        while a lock index stands (a rebuild killed outright leaves it; delete it by hand, as the error says)."""
        lock = f"{self.alias}-rebuilding"
        try:
            self.client.create_index(lock, {"settings": {"number_of_shards": 1, "number_of_replicas": 0}})
        except EngineRejected as exc:
            if "resource_already_exists" in exc.reason:
                raise EngineRejected(f"another rebuild of {self.alias} is running (if none is, delete the index "
                                     f"{lock})", status=exc.engine_status, reason=exc.reason) from None
            raise
        try:
            return self._rebuild(documents)
        finally:
            self.client.delete_index(lock)

    def _rebuild(self, documents: Iterable[SearchDocument]) -> int:
        name = self._new_index_name()
        self.client.create_index(name, self._definition(name))
        try:
            count, chunk = 0, []
            for doc in documents:
                chunk.append(doc)
                if len(chunk) >= _BULK_CHUNK:
                    self._bulk(name, chunk, [], require_alias=False)
                    count += len(chunk)
                    chunk = []
            self._bulk(name, chunk, [], require_alias=False)
            count += len(chunk)
            self.client.refresh(name)
            serving = set(self.client.alias_targets(self.alias))  # perhaps an index made by hand or by a restore
            # Off every index of ours, onto the new one, in one call: the alias ends on exactly one index.
            self.client.update_aliases([{"remove": {"index": index, "alias": self.alias}}
                                        for index in sorted(serving) if not index.startswith(f"{self.alias}-")]
                                       + [{"remove": {"index": f"{self.alias}-*", "alias": self.alias}},
                                          {"add": {"index": name, "alias": self.alias}}])
        except BaseException:
            self._delete_quietly(name)
            raise
        self._index_ensured = False
        # A search that resolved the alias just before the move may still be reading an old index.
        time.sleep(self.retire_seconds)
        for index in (self._own_indices() | serving) - {name}:  # the old ones, and any a killed rebuild left
            self.client.delete_index(index)
        return count

    def _own_indices(self) -> set[str]:
        """Every index this engine's alias has made (`<alias>-first`, `<alias>-<timestamp>`), nobody else's."""
        pattern = re.compile(rf"{re.escape(self.alias)}-(first|\d{{20}})")
        return {index for index in self.client.indices_like(f"{self.alias}-*") if pattern.fullmatch(index)}

    def _delete_quietly(self, name: str) -> None:
        try:
            self.client.delete_index(name)
        except (EngineUnavailable, EngineRejected) as exc:
            logger.error("could not delete the unfinished index %s: %s", name, exc)

    def destroy(self) -> None:
        """Drop the alias and every index it has made, serving or not (tests)."""
        for index in self._own_indices() | set(self.client.alias_targets(self.alias)):
            self.client.delete_index(index)
        self._index_ensured = False

    # --- reading ------------------------------------------------------------------------------------------

    def count(self) -> int:
        self.ensure_index()
        with self._serving():
            return self.client.count(self.alias)

    def seqs(self) -> Iterator[int]:
        """The number (seq) of every indexed document, paged in seq order (admin timeout, no scroll context)."""
        self.ensure_index()
        after = None
        while True:
            answer = self.client.search(self.alias, seqs_body(after, self.seq_page), admin=True)
            hits = answer["hits"]["hits"]
            for hit in hits:
                yield hit["fields"]["seq"][0]
            if len(hits) < self.seq_page:
                return
            after = hits[-1]["sort"][0]

    def health(self) -> dict:
        """Whether searches can be answered: the cluster is up and the alias stands on an index of this schema
        version (so `search_rebuild --if-missing` rebuilds an index an older release built)."""
        try:
            status = self.client.health()["status"]
            self.ensure_index()
            return {"engine": self.name, "ok": status in ("green", "yellow"), "status": status}
        except (EngineUnavailable, EngineRejected) as exc:
            return {"engine": self.name, "ok": False, "error": str(exc)}

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        plan = build_plan(query)
        self.ensure_index()
        with self._serving():
            answer = self.client.search(self.alias, query_body(plan),
                                        preference=preference_of(plan) if plan.sort == "relevance" else None)
        terms = [term.text for term in plan.terms]
        raw_hits = answer["hits"]["hits"]
        hits = [_hit(raw, terms, plan.sort) for raw in raw_hits]
        total = answer["hits"]["total"]
        facets = {name: [(bucket["key"], bucket["doc_count"]) for bucket in answer["aggregations"][name]["buckets"]]
                  for name in plan.facets}
        last_seq = raw_hits[-1]["_source"]["seq"] if raw_hits else 0
        return SearchResult(hits=hits, total=total["value"], total_exact=total["relation"] == "eq", facets=facets,
                            engine=self.name, took_ms=(time.perf_counter() - started) * 1000,
                            next_cursor=next_cursor(plan, hits, total["value"], last_seq))


def _hit(raw: dict, terms: list[str], sort: str) -> Hit:
    source, display = raw["_source"], raw["_source"]["display"]
    return Hit(
        id=source["id"], dataset=source["dataset"], title=display["title"], subject_name=display["name"],
        score=float(raw.get("_score") or 0.0) if sort == "relevance" else 0.0,
        date=dt.date.fromisoformat(display["date"]) if display["date"] else None, fine=display["fine"],
        highlights={"title": highlight(display["title"], terms), "body": highlight(display["body"], terms)}
        if terms else {},
    )
