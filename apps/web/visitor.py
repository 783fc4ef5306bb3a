"""Who is browsing: the anonymous tier, or the tier of an API key the visitor entered on the API page (kept in
the session as the key's id, checked again on every page)."""
from dataclasses import dataclass, field

from apps.access import key_cache
from apps.access.keys import KeyRefused, recheck_key
from apps.access.models import ApiKey, Tier
from apps.publication.audience import Audience

SESSION_KEY = "portal_api_key"


@dataclass(frozen=True)
class Visitor:
    tier: Tier
    key_prefix: str | None
    audience: Audience = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "audience", Audience.of(self.tier))


def visitor_of(request) -> Visitor:
    """The visitor's tier: their key's while it stays usable, else the anonymous tier."""
    key_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if key_id is not None:
        key = ApiKey.objects.select_related("tier", "agency").filter(pk=key_id).first()
        try:
            if key is None:
                raise KeyRefused("unknown API key")
            key = recheck_key(key)
            return Visitor(key.tier, key.prefix)
        except KeyRefused:
            del request.session[SESSION_KEY]
    return Visitor(key_cache.anonymous_tier(), None)
