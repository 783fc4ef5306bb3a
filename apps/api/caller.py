"""Who is calling (tier, key, client address) and the rate limits that apply, counted once per request."""
from dataclasses import dataclass, replace
from functools import cached_property

from apps.access import key_cache
from apps.access.clients import client_address
from apps.access.keys import recheck_key
from apps.access.models import ApiKey, Tier
from apps.access.ratelimit import Window, count
from apps.publication.audience import Audience


@dataclass
class Caller:
    tier: Tier
    key: ApiKey | None
    ident: str
    minute: Window | None = None
    day: Window | None = None

    @cached_property
    def audience(self) -> Audience:
        """What this caller may see (the one doorway)."""
        return Audience.of(self.tier)


def caller_of(request) -> Caller:
    """The caller of an authenticated request: its key and tier, or the anonymous tier by client address."""
    key = request.auth if isinstance(request.auth, ApiKey) else None
    if key is not None:
        return Caller(tier=key.tier, key=key, ident=f"key:{key.prefix}")
    return Caller(tier=key_cache.anonymous_tier(), key=None, ident=f"ip:{client_address(request)}")


def count_request(caller: Caller, endpoint: str) -> None:
    """Count the request against the caller's windows and the key's usage of the day. If keys or tiers changed
    since the caller's were loaded, load them again (raising KeyRefused for a key no longer usable) and apply
    the current tier's limits to the counts."""
    counted = count(caller.ident, caller.tier.per_minute, caller.tier.per_day,
                    usage=(caller.key.pk, endpoint) if caller.key is not None else None)
    if not key_cache.is_current(caller.key, caller.tier, counted.generation):
        caller.key, caller.tier = key_cache.reload(caller.key, caller.tier, recheck_key)
    caller.minute = replace(counted.minute, limit=caller.tier.per_minute)
    caller.day = replace(counted.day, limit=caller.tier.per_day)
