"""Rate-limit headers: the IETF draft's structured fields (draft-ietf-httpapi-ratelimit-headers: `RateLimit-Policy`
names each window's quota and length, `RateLimit` what remains of each and when it resets), and the older
`RateLimit-Limit/-Remaining/-Reset` trio for one deprecation period, announced with `Deprecation` (RFC 9745) and
`Sunset` (RFC 8594)."""
import datetime as dt
from email.utils import format_datetime

# The old trio is deprecated from this release and removed after the sunset.
OLD_HEADERS_DEPRECATED = dt.datetime(2026, 12, 5, tzinfo=dt.UTC)
OLD_HEADERS_SUNSET = dt.datetime(2027, 6, 5, tzinfo=dt.UTC)
_DEPRECATION = f"@{int(OLD_HEADERS_DEPRECATED.timestamp())}"
_SUNSET = format_datetime(OLD_HEADERS_SUNSET, usegmt=True)


def rate_limit_headers(minute, day) -> dict[str, str]:
    """The headers for a caller's minute and day windows (each with limit, remaining, resets_in)."""
    tightest = min((minute, day), key=lambda w: (w.remaining, -w.resets_in))
    return {
        "RateLimit-Policy": f'"minute";q={minute.limit};w=60, "day";q={day.limit};w=86400',
        "RateLimit": f'"minute";r={minute.remaining};t={minute.resets_in}, '
                     f'"day";r={day.remaining};t={day.resets_in}',
        # Deprecated: the tighter window only, as before.
        "RateLimit-Limit": str(tightest.limit),
        "RateLimit-Remaining": str(tightest.remaining),
        "RateLimit-Reset": str(tightest.resets_in),
        "Deprecation": _DEPRECATION,
        "Sunset": _SUNSET,
        "Link": '</api/#rate-limits>; rel="deprecation"; type="text/html"',
    }
