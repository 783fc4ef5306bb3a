"""Who is calling (tier, key, client address) and the rate limits that apply, counted once per request."""
from dataclasses import dataclass

from django.conf import settings

from apps.access.models import ApiKey, Tier
from apps.access.ratelimit import Window, counters, hit
from apps.common.dates import today

ANONYMOUS_TIER = "anonymous"


@dataclass
class Caller:
    tier: Tier
    key: ApiKey | None
    ident: str
    minute: Window | None = None
    day: Window | None = None


def client_address(request) -> str:
    """The client's address; behind TRUSTED_PROXIES reverse proxies, the address the nearest one saw."""
    trusted = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted and forwarded:
        hops = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "unknown")


def caller_of(request) -> Caller:
    key = request.auth if isinstance(request.auth, ApiKey) else None
    if key is not None:
        return Caller(tier=key.tier, key=key, ident=f"key:{key.prefix}")
    return Caller(tier=Tier.objects.get(code=ANONYMOUS_TIER), key=None, ident=f"ip:{client_address(request)}")


def count_request(caller: Caller, endpoint: str) -> None:
    """Count the request against the caller's windows, and against the key's usage of the day."""
    caller.minute, caller.day = hit(caller.ident, caller.tier.per_minute, caller.tier.per_day)
    if caller.key is not None:
        counters().add_usage(caller.key.pk, endpoint, today())
