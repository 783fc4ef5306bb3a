"""Who is asking, as far as the network tells: the client's address, behind the reverse proxies we trust."""
from django.conf import settings


def client_address(request) -> str:
    """The client's address; behind TRUSTED_PROXIES reverse proxies, the address the nearest one saw."""
    trusted = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted and forwarded:
        hops = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "unknown")
