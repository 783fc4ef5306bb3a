"""Rate-limit and usage counters shared by every worker process: Redis when REDIS_URL is set, the database
otherwise (where a request costs a write, which SQLite serialises).

Fixed windows (a minute, a day) keyed by caller; each hit increments atomically and returns the count and when
the window resets.
"""
import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from apps.access.models import RateCounter, UsageCounter


@dataclass(frozen=True)
class Window:
    limit: int
    seconds: int
    count: int
    resets_in: int

    @property
    def exceeded(self) -> bool:
        return self.count > self.limit

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.count)


def _window_start(now: dt.datetime, seconds: int) -> int:
    return int(now.timestamp()) // seconds * seconds


class RedisCounters:
    """INCR with an expiry, in one round trip."""

    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url)

    def add_usage(self, key_id: int, endpoint: str, day: dt.date) -> None:
        """Count a key's request for the day (kept 40 days)."""
        name = f"gongshi:usage:{day.isoformat()}:{key_id}"
        pipe = self.client.pipeline()
        pipe.hincrby(name, endpoint, 1)
        pipe.expire(name, 40 * 86400)
        pipe.execute()

    def usage(self, key_id: int, day: dt.date) -> dict[str, int]:
        raw = self.client.hgetall(f"gongshi:usage:{day.isoformat()}:{key_id}")
        return {field.decode(): int(value) for field, value in raw.items()}

    def hit(self, key: str, seconds: int, now: dt.datetime) -> tuple[int, int]:
        start = _window_start(now, seconds)
        name = f"gongshi:rl:{key}:{seconds}:{start}"
        pipe = self.client.pipeline()
        pipe.incr(name)
        pipe.expire(name, seconds + 5)
        count, _ = pipe.execute()
        return int(count), start + seconds - int(now.timestamp())


class DatabaseCounters:
    """An UPDATE … SET count = count + 1, which the database serialises across processes."""

    def add_usage(self, key_id: int, endpoint: str, day: dt.date) -> None:
        """Count a key's request for the day."""
        if not UsageCounter.objects.filter(key_id=key_id, endpoint=endpoint, day=day).update(count=F("count") + 1):
            UsageCounter.objects.get_or_create(key_id=key_id, endpoint=endpoint, day=day)
            UsageCounter.objects.filter(key_id=key_id, endpoint=endpoint, day=day).update(count=F("count") + 1)

    def usage(self, key_id: int, day: dt.date) -> dict[str, int]:
        return dict(UsageCounter.objects.filter(key_id=key_id, day=day).values_list("endpoint", "count"))

    def hit(self, key: str, seconds: int, now: dt.datetime) -> tuple[int, int]:
        start = _window_start(now, seconds)
        name = f"{key}:{seconds}:{start}"
        ends = dt.datetime.fromtimestamp(start + seconds, tz=dt.UTC)
        with transaction.atomic():
            if not RateCounter.objects.filter(key=name).update(count=F("count") + 1):
                try:
                    with transaction.atomic():
                        RateCounter.objects.create(key=name, count=1, expires_at=ends)
                except IntegrityError:  # another process created it first
                    RateCounter.objects.filter(key=name).update(count=F("count") + 1)
            count = RateCounter.objects.filter(key=name).values_list("count", flat=True).get()
        return count, start + seconds - int(now.timestamp())


@cache
def counters():
    """The configured counter store, one per process."""
    return RedisCounters(settings.REDIS_URL) if settings.REDIS_URL else DatabaseCounters()


def hit(caller: str, per_minute: int, per_day: int) -> tuple[Window, Window]:
    """Count one request against the caller's minute and day windows."""
    now = timezone.now()
    store = counters()
    minute_count, minute_reset = store.hit(caller, 60, now)
    day_count, day_reset = store.hit(caller, 86400, now)
    return Window(per_minute, 60, minute_count, minute_reset), Window(per_day, 86400, day_count, day_reset)


def purge_expired() -> int:
    """Delete database counters of past windows (the sweep calls it)."""
    return RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()[0]
