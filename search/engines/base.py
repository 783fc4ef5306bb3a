"""What every engine offers, and the error an engine raises when it cannot answer."""
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Protocol

from search.documents import SearchDocument
from search.query import SearchQuery, SearchResult


class EngineUnavailable(Exception):
    """The engine did not answer (down, timed out, locked); callers answer 503 with Retry-After."""

    def __init__(self, message: str, retry_after: int = 5):
        super().__init__(message)
        self.retry_after = retry_after


class IndexBatch(Protocol):
    """Changes to the index that become visible together when the batch ends."""

    def upsert(self, documents: Iterable[SearchDocument]) -> None: ...

    def delete(self, ids: Iterable[str]) -> None: ...


class SearchEngine(Protocol):
    """A search engine behind the query model."""

    name: str

    def search(self, query: SearchQuery) -> SearchResult: ...

    def batch(self) -> AbstractContextManager[IndexBatch]: ...

    def seqs(self) -> Iterator[int]: ...

    def rebuild(self, documents: Iterable[SearchDocument]) -> int: ...

    def count(self) -> int: ...

    def health(self) -> dict: ...
