"""Who is asking, as far as the network tells: the client's address, behind the reverse proxies we trust."""
import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The client's address; behind TRUSTED_PROXIES reverse proxies, the address the nearest one saw."""
    trusted = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted and forwarded:
        hops = [part.strip() for part in forwarded.split(",") if part.strip()]
        # Only an address counts: anything else in the header is forged, and would otherwise be stored as one.
        if len(hops) >= trusted and _is_address(hops[-trusted]):
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "unknown")


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def login_client_address(request) -> str | None:
    """The client's address for the admin's lockout (django-axes stores it in an IP column): None when what the
    request carries is not an address (a forged X-Forwarded-For hop, or no connection address in tests)."""
    address = client_address(request)
    return address if _is_address(address) else None
