"""What a process does when a service it can do without (Redis) stops answering: go on without it for a few
seconds at a time instead of waiting on it for every request, and say so in the log once a minute, not once per
request."""
import logging
import threading
import time

logger = logging.getLogger("portal.outages")


class Breaker:
    """One per service and process. `skip()` is true for `retry_after` seconds after a failure, so requests go
    the fallback way at once; then one call tries the service again."""

    def __init__(self, service: str, retry_after: float = 5.0, warn_every: float = 60.0):
        self.service, self.retry_after, self.warn_every = service, retry_after, warn_every
        self._failed_at: float | None = None
        self._warned_at: float | None = None
        self._lock = threading.Lock()

    @property
    def down(self) -> bool:
        """Whether the last call to the service failed."""
        return self._failed_at is not None

    def skip(self) -> bool:
        """Whether to go without the service for now."""
        failed_at = self._failed_at
        return failed_at is not None and time.monotonic() - failed_at < self.retry_after

    def failed(self, error: Exception, fallback: str) -> None:
        """Record a failure; warn (with what is done instead) at most once per `warn_every` seconds."""
        now = time.monotonic()
        with self._lock:
            self._failed_at = now
            warn = self._warned_at is None or now - self._warned_at >= self.warn_every
            if warn:
                self._warned_at = now
        if warn:
            logger.warning("%s does not answer (%s: %s); %s", self.service, type(error).__name__, error, fallback)

    def succeeded(self) -> None:
        """Record that the service answered again."""
        if self._failed_at is not None:
            with self._lock:
                self._failed_at = self._warned_at = None
            logger.warning("%s answers again", self.service)


redis_breaker = Breaker("Redis")
# Only for its once-a-minute warning: without the database nothing can be served, so nothing is skipped.
database_breaker = Breaker("The database", retry_after=0)
