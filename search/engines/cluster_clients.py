"""Elasticsearch 8 and OpenSearch 2 behind one small client interface, so one engine class serves both.

The two Python clients descend from one code base and take the same request bodies; they differ in how they are
built (the Elasticsearch client refuses any server that is not Elasticsearch), how a call's timeout is set, and
the exceptions they raise. Each adapter keeps two clients: one with the short search timeout for the request path,
one with the long administrative timeout for writes, index creation, alias moves and reading every document. Every
failure leaves here as one of search.engines.base's errors, classified once by `classify`.
"""
import base64
import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from search.engines.base import EngineError, EngineRejected, EngineUnavailable

KINDS = ("elasticsearch", "opensearch")
# Seconds a caller is asked to wait before retrying an engine that did not answer or said it is overloaded.
RETRY_AFTER = 5


def reason_of(body) -> str:
    """The engine's own words for a refusal: the error's type and reason (first root cause if more specific)."""
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        cause = (error.get("root_cause") or [error])[0]
        text = f"{cause.get('type', 'error')}: {cause.get('reason', '')}".strip()
        if cause is not error and error.get("reason") and error.get("reason") != cause.get("reason"):
            text += f" ({error.get('type')}: {error.get('reason')})"
        return text[:1000]
    if error:
        return str(error)[:1000]
    return str(body)[:1000] if body else ""


def classify(status: int | None, reason: str, what: str) -> EngineError:
    """The error for a failed call: no answer, 429 and 5xx mean unavailable; any other status is a refusal."""
    if status is None or status == 429 or status >= 500:
        return EngineUnavailable(f"the search engine did not answer ({what}): {reason or status}"[:500],
                                 retry_after=RETRY_AFTER)
    return EngineRejected(f"the search engine refused {what} ({status}): {reason}", status=status, reason=reason)


def detect_kind(url: str, timeout: float) -> str:
    """Which engine answers at `url`, from its version answer (the one request both servers answer alike).
    Credentials in the URL become a basic-authentication header and never appear in a message."""
    parts = urllib.parse.urlsplit(url)
    bare = urllib.parse.urlunsplit((parts.scheme, parts.hostname + (f":{parts.port}" if parts.port else ""),
                                    parts.path.rstrip("/") + "/", "", "")) if parts.hostname else url
    request = urllib.request.Request(bare)
    if parts.username:
        secret = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
        request.add_header("Authorization", "Basic " + base64.b64encode(secret.encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 (the configured URL)
            info = json.load(answer)
    except (OSError, ValueError) as exc:
        raise EngineUnavailable(f"the search engine at {parts.hostname}:{parts.port} did not say which it is: "
                                f"{type(exc).__name__}", retry_after=RETRY_AFTER) from None
    return kind_of(info)


def kind_of(info: dict) -> str:
    """`opensearch` or `elasticsearch`, from a server's version answer."""
    version = info.get("version") or {}
    return "opensearch" if version.get("distribution") == "opensearch" else "elasticsearch"


class _Adapter:
    """What both adapters share: the calls, written once against the attribute-compatible client APIs."""

    kind = ""

    def __init__(self, fast, admin):
        self.fast, self.admin = fast, admin

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        raise NotImplementedError

    def info(self) -> dict:
        with self._errors("the version request"):
            return dict(self.fast.info())

    def health(self) -> dict:
        with self._errors("the health request"):
            return dict(self.fast.cluster.health())

    def search(self, index: str, body: dict, preference: str | None = None, admin: bool = False) -> dict:
        client = self.admin if admin else self.fast
        options = {"preference": preference} if preference else {}
        with self._errors("the search"):
            return dict(client.search(index=index, body=body, **options))

    def count(self, index: str) -> int:
        with self._errors("the count"):
            return int(self.fast.count(index=index)["count"])

    def create_index(self, name: str, body: dict) -> None:
        with self._errors(f"creating index {name}"):
            self.admin.indices.create(index=name, body=body)

    def alias_targets(self, alias: str) -> list[str]:
        """The indices behind an alias, none if it does not exist."""
        with self._errors(f"reading alias {alias}"):
            if not self.admin.indices.exists_alias(name=alias):
                return []
            return sorted(self.admin.indices.get_alias(name=alias))

    def index_exists(self, name: str) -> bool:
        with self._errors(f"checking index {name}"):
            return bool(self.admin.indices.exists(index=name))

    def meta_of(self, index: str) -> dict:
        """The mapping's _meta of an index (or of each index behind an alias), by concrete index name."""
        with self._errors(f"reading the mapping of {index}"):
            mappings = self.admin.indices.get_mapping(index=index)
        return {name: (mapping.get("mappings") or {}).get("_meta") or {} for name, mapping in mappings.items()}

    def update_aliases(self, actions: list[dict]) -> None:
        with self._errors("moving the alias"):
            self.admin.indices.update_aliases(body={"actions": actions})

    def delete_index(self, name: str) -> None:
        """Delete an index; one already gone (another process deleted it) is no error."""
        try:
            with self._errors(f"deleting index {name}"):
                self.admin.indices.delete(index=name)
        except EngineRejected as exc:
            if exc.engine_status != 404:
                raise

    def indices_like(self, pattern: str) -> list[str]:
        """Names of the indices matching a wildcard pattern (none is no error)."""
        with self._errors(f"listing indices {pattern}"):
            return sorted(self.admin.indices.get(index=pattern, expand_wildcards="all", allow_no_indices=True))

    def refresh(self, index: str) -> None:
        with self._errors(f"refreshing {index}"):
            self.admin.indices.refresh(index=index)

    def bulk(self, operations: list[dict], require_alias: bool, refresh: bool) -> dict:
        """One bulk request; the answer's per-item results are the caller's to read."""
        with self._errors("the bulk write"):
            return dict(self._bulk(operations, require_alias=require_alias,
                                   refresh="true" if refresh else "false"))

    def _bulk(self, operations, **params):
        raise NotImplementedError


class ElasticsearchAdapter(_Adapter):
    """elasticsearch-py 8 against Elasticsearch 8."""

    kind = "elasticsearch"

    def __init__(self, url: str, timeout: float, admin_timeout: float):
        from elasticsearch import Elasticsearch

        client = Elasticsearch(url, request_timeout=timeout, retry_on_timeout=False, max_retries=0)
        super().__init__(client, client.options(request_timeout=admin_timeout))

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        from elastic_transport import TransportError
        from elasticsearch import ApiError, UnsupportedProductError

        try:
            yield
        except UnsupportedProductError as exc:
            raise EngineRejected(f"the server is not Elasticsearch (set SEARCH_ENGINE=opensearch?): {exc}") \
                from None
        except ApiError as exc:
            raise classify(exc.meta.status, reason_of(exc.body) or str(exc.message), what) from None
        except TransportError as exc:  # connection refused, timed out, TLS
            raise classify(None, f"{type(exc).__name__}: {exc}", what) from None

    def _bulk(self, operations, **params):
        return self.admin.bulk(operations=operations, **params)


class OpenSearchAdapter(_Adapter):
    """opensearch-py against OpenSearch 2."""

    kind = "opensearch"

    def __init__(self, url: str, timeout: float, admin_timeout: float):
        from opensearchpy import OpenSearch

        def build(seconds: float):
            return OpenSearch(url, timeout=seconds, max_retries=0, retry_on_timeout=False)
        super().__init__(build(timeout), build(admin_timeout))

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        from opensearchpy.exceptions import ConnectionError as NoConnection
        from opensearchpy.exceptions import TransportError

        try:
            yield
        except NoConnection as exc:  # refused, timed out, TLS: a subclass of TransportError, so first
            raise classify(None, f"{type(exc).__name__}: {exc.error}", what) from None
        except TransportError as exc:
            status = exc.status_code if isinstance(exc.status_code, int) else None
            raise classify(status, reason_of(exc.info) or str(exc.error), what) from None

    def _bulk(self, operations, **params):
        return self.admin.bulk(body=operations, **params)


def adapter_for(kind: str, url: str, timeout: float, admin_timeout: float) -> _Adapter:
    """The client adapter of an engine kind."""
    if kind == "opensearch":
        return OpenSearchAdapter(url, timeout, admin_timeout)
    if kind == "elasticsearch":
        return ElasticsearchAdapter(url, timeout, admin_timeout)
    raise ValueError(f"no cluster client for {kind!r}; one of {', '.join(KINDS)}")
