"""What every engine offers, and the errors an engine raises.

Two kinds of failure, kept apart because they call for opposite answers: the engine did not answer (down, timed
out, overloaded, locked): wait and retry, the portal answers 503; or the engine answered and refused what we sent
(a mapping or query it cannot take, a document it rejects): that is our defect, and retrying changes nothing, so
it surfaces as a server error with the engine's reason, and a consumer stops on it.
"""
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Protocol

from portal.errors import GongshiError
from search.documents import SearchDocument
from search.query import SearchQuery, SearchResult


class EngineError(GongshiError):
    """Any failure of a search engine."""

    code = "search_error"
    title = "Search failed"


class EngineUnavailable(EngineError):
    """The engine did not answer (down, timed out, overloaded, locked); callers answer 503 with Retry-After."""

    status = 503
    code = "search_unavailable"
    title = "Search is temporarily unavailable"

    def __init__(self, message: str, retry_after: int = 5):
        super().__init__(message)
        self.retry_after = retry_after

    def public_detail(self) -> str:
        return "the search engine did not answer; try again shortly"  # the message names hosts: logged instead

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class EngineRejected(EngineError):
    """The engine answered and refused the request (a 4xx other than 429): a defect of ours, not an outage."""

    def __init__(self, message: str, status: int | None = None, reason: str = ""):
        super().__init__(message)
        self.engine_status = status  # the engine's HTTP status; `status` is ours (500: a defect of ours)
        self.reason = reason


class DocumentRejected(EngineRejected):
    """The engine refused to index one document; `document_id` names it, `reason` is the engine's words."""

    def __init__(self, document_id: str, reason: str, status: int | None = None):
        super().__init__(f"the search engine rejected document {document_id}: {reason}", status, reason)
        self.document_id = document_id


class IndexBatch(Protocol):
    """Changes to the index that become visible together when the batch ends."""

    def upsert(self, documents: Iterable[SearchDocument]) -> None: ...

    def delete(self, ids: Iterable[str]) -> None: ...


class SearchEngine(Protocol):
    """A search engine behind the query model."""

    name: str

    def search(self, query: SearchQuery) -> SearchResult: ...

    def create_if_missing(self) -> None:
        """Create an empty index for an engine never fed before (the consumer's first run)."""

    def batch(self) -> AbstractContextManager[IndexBatch]: ...

    def seqs(self) -> Iterator[int]: ...

    def rebuild(self, documents: Iterable[SearchDocument]) -> int: ...

    def count(self) -> int: ...

    def health(self) -> dict: ...
