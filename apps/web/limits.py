"""The costly pages under the same shared counters as the API: per client address (per key for a visitor using
one), with the limits of the visitor's tier (`pages_per_minute`, `pages_per_day`). Over the limit: a 429 page
with Retry-After."""
import functools

from django.utils.translation import gettext as _

from apps.access.clients import client_address
from apps.access.ratelimit import count
from apps.web.visitor import visitor_of
from portal.error_pages import page_response


def limited(view):
    """Count each request of this page view against the visitor's page limits."""
    @functools.wraps(view)
    def counted(request, *args, **kwargs):
        visitor = visitor_of(request)
        who = f"key:{visitor.key_prefix}" if visitor.key_prefix else f"ip:{client_address(request)}"
        tier = visitor.tier
        windows = count(f"page:{who}", tier.pages_per_minute, tier.pages_per_day)
        exceeded = [w for w in (windows.minute, windows.day) if w.exceeded]
        if exceeded:
            wait = max(w.resets_in for w in exceeded)
            return page_response(request, 429, _("Too many requests"),
                                 _("You have asked for many pages in a short time. Please wait %(seconds)s seconds "
                                   "and try again.") % {"seconds": wait}, {"Retry-After": str(wait)})
        return view(request, *args, **kwargs)
    return counted
