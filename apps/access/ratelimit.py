"""Rate-limit and usage counters shared by every worker process: Redis when REDIS_URL is set, the database
otherwise (where a request costs a write, which SQLite serialises).

Fixed windows (a minute, a day) keyed by caller; each hit increments atomically and returns the count and when
the window resets. With Redis a request is counted in one round trip: both windows, the key's usage of the day,
and a read of the access generation (see apps/access/key_cache.py).
"""
import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from apps.access.models import RateCounter, UsageCounter
from portal.outages import redis_breaker


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


GENERATION_KEY = "gongshi:access:generation"
# KEYS: minute window, day window, access generation[, the key's usage hash of the day]; ARGV: [endpoint].
# Windows expire a little after they end; usage is kept 40 days.
COUNT_SCRIPT = """
local minute = redis.call('INCR', KEYS[1])
if minute == 1 then redis.call('EXPIRE', KEYS[1], 65) end
local day = redis.call('INCR', KEYS[2])
if day == 1 then redis.call('EXPIRE', KEYS[2], 86405) end
if KEYS[4] then
  redis.call('HINCRBY', KEYS[4], ARGV[1], 1)
  redis.call('EXPIRE', KEYS[4], 3456000)
end
return {minute, day, tonumber(redis.call('GET', KEYS[3]) or '0')}
"""


@dataclass(frozen=True)
class Counted:
    """What counting one request found: both windows, and the access generation (None without Redis)."""

    minute: Window
    day: Window
    generation: int | None


class RedisCounters:
    """INCR with an expiry, in one round trip."""

    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url, **settings.REDIS_TIMEOUTS)
        self._count_script = self.client.register_script(COUNT_SCRIPT)

    def count(self, caller: str, per_minute: int, per_day: int, usage: tuple[int, str] | None,
              now: dt.datetime) -> Counted:
        """Count one request: the caller's minute and day windows, the key's usage (key id, endpoint) of the
        day, and read the access generation, in one script run by Redis (one command, one reply)."""
        minute_start, day_start = _window_start(now, 60), _window_start(now, 86400)
        keys = [f"gongshi:rl:{caller}:60:{minute_start}", f"gongshi:rl:{caller}:86400:{day_start}",
                GENERATION_KEY]
        args = []
        if usage is not None:
            keys.append(f"gongshi:usage:{timezone.localdate(now).isoformat()}:{usage[0]}")
            args.append(usage[1])
        minute, day, generation = self._count_script(keys=keys, args=args)
        stamp = int(now.timestamp())
        return Counted(Window(per_minute, 60, int(minute), minute_start + 60 - stamp),
                       Window(per_day, 86400, int(day), day_start + 86400 - stamp), int(generation))

    def generation(self) -> int:
        """The access generation: bumped whenever a key, tier or agency changes."""
        return int(self.client.get(GENERATION_KEY) or 0)

    def bump_generation(self) -> None:
        self.client.incr(GENERATION_KEY)

    def usage(self, key_id: int, day: dt.date) -> dict[str, int]:
        raw = self.client.hgetall(f"gongshi:usage:{day.isoformat()}:{key_id}")
        return {field.decode(): int(value) for field, value in raw.items()}


class DatabaseCounters:
    """An UPDATE … SET count = count + 1, which the database serialises across processes."""

    def count(self, caller: str, per_minute: int, per_day: int, usage: tuple[int, str] | None,
              now: dt.datetime) -> Counted:
        """Count one request against both windows and the key's usage; no access generation (keys are
        checked against the database on every request without Redis)."""
        minute_count, minute_reset = self.hit(caller, 60, now)
        day_count, day_reset = self.hit(caller, 86400, now)
        if usage is not None:
            self.add_usage(usage[0], usage[1], timezone.localdate(now))
        return Counted(Window(per_minute, 60, minute_count, minute_reset),
                       Window(per_day, 86400, day_count, day_reset), None)

    def generation(self) -> None:
        return None

    def bump_generation(self) -> None:
        return None

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


class FallbackCounters:
    """Redis, and the database counters while Redis does not answer: limits are still enforced across processes
    (at the database's cost) rather than dropped. Kept keys are forgotten on a failure (their access generation
    cannot be read, so they are checked against the database again), and a generation bump that could not be
    written is written when Redis answers again."""

    FALLBACK = "rate limits and usage are counted in the database meanwhile"

    def __init__(self, redis_counters: RedisCounters):
        self.redis, self.database = redis_counters, DatabaseCounters()
        self._bump_owed = False

    def _call(self, name: str, *args, fallback=None):
        import redis

        if not redis_breaker.skip():
            try:
                if self._bump_owed and name != "bump_generation":
                    self.redis.bump_generation()
                    self._bump_owed = False
                result = getattr(self.redis, name)(*args)
            except redis.RedisError as exc:
                redis_breaker.failed(exc, self.FALLBACK)
                from apps.access import key_cache

                key_cache.clear()
            else:
                redis_breaker.succeeded()
                return result
        return fallback(*args) if callable(fallback) else fallback

    def count(self, *args) -> Counted:
        return self._call("count", *args, fallback=self.database.count)

    def generation(self) -> int | None:
        return self._call("generation")

    def bump_generation(self) -> None:
        self._bump_owed = self._call("bump_generation", fallback=False) is False

    def usage(self, key_id: int, day: dt.date) -> dict[str, int]:
        # During an outage the day's usage is split: what Redis held, and what the database counted since.
        from_redis = self._call("usage", key_id, day, fallback=lambda *_: {})
        from_database = self.database.usage(key_id, day)
        return {name: from_redis.get(name, 0) + from_database.get(name, 0)
                for name in {*from_redis, *from_database}}


@cache
def counters():
    """The configured counter store, one per process."""
    return FallbackCounters(RedisCounters(settings.REDIS_URL)) if settings.REDIS_URL else DatabaseCounters()


def count(caller: str, per_minute: int, per_day: int, usage: tuple[int, str] | None = None) -> Counted:
    """Count one request against the caller's minute and day windows and, for a key, its usage of the day
    (`usage` is the key id and the endpoint)."""
    return counters().count(caller, per_minute, per_day, usage, timezone.now())


def purge_expired() -> int:
    """Delete database counters of past windows (publication_sweep calls it daily): without Redis the counter
    table would otherwise keep a row per caller and window for ever."""
    return RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()[0]
