"""Checked API keys and tiers kept in each worker process between requests, so a request does not pay a
database query to learn who is calling.

Exact, not time-limited: every change to a key, tier or agency bumps a shared *access generation* in Redis
(signals below), and every request reads that generation in the same round trip that counts it (see
apps/access/ratelimit.py). An entry loaded under an older generation is checked again against the database
before the request goes on, so a revoked key is refused on its very next request in every process. Without Redis
nothing is kept: each request checks the database.

Expiry needs no generation: the kept key's expiry time is compared on every request.
"""
import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from apps.access.models import ANONYMOUS_TIER, Agency, ApiKey, Tier
from apps.access.ratelimit import counters

LAST_USED_EVERY = dt.timedelta(minutes=1)


@dataclass
class Entry:
    value: object
    generation: int
    last_used_written: dt.datetime | None = field(default=None)


_entries: dict[str, Entry] = {}


def clear() -> None:
    """Forget every kept key and tier (tests; a process that wants to start cold)."""
    _entries.clear()


def _generation() -> int | None:
    return counters().generation()


def cached_key(secret: str, check) -> ApiKey:
    """The key for this secret: kept from an earlier request, or checked with `check(secret)` (which raises for
    a refused key). A kept key past its expiry is checked again, so it is refused like any other."""
    name = "key:" + hashlib.sha256(secret.strip().encode()).hexdigest()  # what ApiKey.key_hash holds
    entry = _entries.get(name)
    if entry is not None:
        key = entry.value
        if key.expires_at is None or key.expires_at > timezone.now():
            _note_use(entry)
            return key
        del _entries[name]
    generation = _generation()  # read before the database, so a change made meanwhile is noticed next time
    key = check(secret)
    if generation is not None:
        _entries[name] = Entry(key, generation, last_used_written=timezone.now())
    return key


def anonymous_tier() -> Tier:
    """The tier of callers without a key."""
    return cached_tier(ANONYMOUS_TIER)


def cached_tier(code: str) -> Tier:
    """A tier by code, kept like keys are."""
    name = "tier:" + code
    entry = _entries.get(name)
    if entry is not None:
        return entry.value
    generation = _generation()
    tier = Tier.objects.get(code=code)
    if generation is not None:
        _entries[name] = Entry(tier, generation)
    return tier


def is_current(key: ApiKey | None, tier: Tier, generation: int | None) -> bool:
    """Whether the key (or, without one, the tier) a request used was loaded under the access generation just
    read. False: check it again before the request goes on."""
    if generation is None:
        return True  # nothing is kept without Redis
    entry = _entries.get(_name(key, tier))
    return entry is None or entry.generation == generation


def reload(key: ApiKey | None, tier: Tier, recheck) -> tuple[ApiKey | None, Tier]:
    """Drop what was kept and read it again: the key through `recheck(key)` (which raises for a key no longer
    usable), or the tier."""
    _entries.pop(_name(key, tier), None)
    if key is None:
        return None, cached_tier(tier.code)
    generation = _generation()
    fresh = recheck(key)
    if generation is not None:
        _entries[_name(fresh, fresh.tier)] = Entry(fresh, generation, last_used_written=timezone.now())
    return fresh, fresh.tier


def _note_use(entry: Entry) -> None:
    # The database keeps when a key was last used to the minute, written at most once a minute per process.
    now = timezone.now()
    if entry.last_used_written is None or now - entry.last_used_written > LAST_USED_EVERY:
        ApiKey.objects.filter(pk=entry.value.pk).update(last_used_at=now)  # update(): no signal, no bump
        entry.last_used_written = now


def _name(key: ApiKey | None, tier: Tier) -> str:
    return "tier:" + tier.code if key is None else "key:" + key.key_hash


@receiver([post_save, post_delete], sender=ApiKey)
@receiver([post_save, post_delete], sender=Tier)
@receiver([post_save, post_delete], sender=Agency)
def _access_changed(sender, **kwargs):
    # After commit: a process reloading at once must find the change in the database.
    transaction.on_commit(counters().bump_generation)
