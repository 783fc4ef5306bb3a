"""The Elasticsearch engine (production): versioned indices behind an alias, bulk writes, short timeouts.

Requests on the request path time out after SEARCH_TIMEOUT_SECONDS; a cluster that does not answer raises
EngineUnavailable, which the web layer turns into 503 with Retry-After. A rebuild creates a new versioned index,
fills it, and moves the alias in one atomic call, so searches never see a half-built index.
"""
import datetime as dt
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from elasticsearch import ApiError, Elasticsearch, TransportError, helpers

from search.documents import SearchDocument
from search.engines.base import EngineUnavailable
from search.engines.elastic_bodies import bulk_actions, index_definition, query_body
from search.highlight import highlight
from search.plan import build_plan, next_cursor
from search.query import Hit, SearchQuery, SearchResult

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


class ElasticEngine:
    """Search over an Elasticsearch alias."""

    name = "elasticsearch"

    def __init__(self, url: str, alias: str, timeout: float = 2.0, refresh: bool = False):
        self.alias = alias
        self.refresh = refresh  # tests read their own writes at once; production relies on the 1 s refresh
        self.client = Elasticsearch(url, request_timeout=timeout, retry_on_timeout=False, max_retries=0)
        self._index_ensured = False
        self._bulk_client = self.client.options(request_timeout=max(timeout, 60))

    @contextmanager
    def _answering(self, what: str):
        try:
            yield
        except (TransportError, ApiError) as exc:
            raise EngineUnavailable(f"Elasticsearch did not answer ({what}): {type(exc).__name__}") from None

    # --- writing ------------------------------------------------------------------------------------------

    def ensure_index(self) -> None:
        """Create a first versioned index behind the alias when there is none (checked once per engine, not on
        every search: it is a round trip to the cluster)."""
        if self._index_ensured:
            return
        with self._answering("ensure index"):
            if not self.client.indices.exists_alias(name=self.alias):
                name = self._new_index_name()
                self.client.indices.create(index=name, body=index_definition(name))
                self.client.indices.put_alias(index=name, name=self.alias)
        self._index_ensured = True

    @contextmanager
    def batch(self):
        """Collect upserts and deletes, then send them in bulk (keyed by id, so replays overwrite)."""
        batch = _Batch()
        yield batch
        self.ensure_index()
        self._bulk(bulk_actions(self.alias, batch.upserts, batch.deletes))

    def _bulk(self, actions: list[dict]) -> None:
        with self._answering("bulk"):
            for start in range(0, len(actions), _BULK_CHUNK):
                _, errors = helpers.bulk(self._bulk_client, actions[start:start + _BULK_CHUNK], raise_on_error=False,
                                         refresh="wait_for" if self.refresh else False)
                real = [e for e in errors if e.get("delete", {}).get("status") != 404]  # deleting the absent
                if real:
                    raise EngineUnavailable(f"Elasticsearch refused {len(real)} bulk actions: {str(real[0])[:200]}")

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Fill a new versioned index, move the alias to it atomically, drop the old ones."""
        name = self._new_index_name()
        with self._answering("rebuild"):
            self.client.indices.create(index=name, body=index_definition(name))
            count, batch = 0, []
            for doc in documents:
                batch.append(doc)
                if len(batch) >= _BULK_CHUNK:
                    count += self._bulk_into(name, batch)
                    batch = []
            count += self._bulk_into(name, batch)
            self.client.indices.refresh(index=name)
            old = list(self.client.indices.get_alias(name=self.alias)) if self.client.indices.exists_alias(
                name=self.alias) else []
            actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
            actions.append({"add": {"index": name, "alias": self.alias}})
            self.client.indices.update_aliases(actions=actions)
            for index in old:
                self.client.indices.delete(index=index)
        return count

    def _bulk_into(self, index: str, documents: list[SearchDocument]) -> int:
        if documents:
            helpers.bulk(self._bulk_client, bulk_actions(index, documents))
        return len(documents)

    def _new_index_name(self) -> str:
        return f"{self.alias}-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S%f}"

    def destroy(self) -> None:
        """Drop the alias and every index behind it (tests)."""
        with self._answering("destroy"):
            if self.client.indices.exists_alias(name=self.alias):
                for index in self.client.indices.get_alias(name=self.alias):
                    self.client.indices.delete(index=index)

    # --- reading ------------------------------------------------------------------------------------------

    def count(self) -> int:
        self.ensure_index()
        with self._answering("count"):
            return self.client.count(index=self.alias)["count"]

    def seqs(self) -> Iterator[int]:
        self.ensure_index()
        with self._answering("scan"):
            for hit in helpers.scan(self._bulk_client, index=self.alias, query={"_source": ["seq"]}):
                yield hit["_source"]["seq"]

    def health(self) -> dict:
        try:
            with self._answering("health"):
                status = self.client.cluster.health()["status"]
            return {"engine": self.name, "ok": status in ("green", "yellow"), "status": status}
        except EngineUnavailable as exc:
            return {"engine": self.name, "ok": False, "error": str(exc)}

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        plan = build_plan(query)
        self.ensure_index()
        with self._answering("search"):
            answer = self.client.search(index=self.alias, body=query_body(plan))
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
