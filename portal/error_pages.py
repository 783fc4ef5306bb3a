"""Answers for requests that fail before or outside a view's own handling: unmatched URLs, refused requests,
internal errors and unavailable services. Under /api/ they are problem details (RFC 9457), as every other API
answer; elsewhere they are pages of the site, in the visitor's language."""
import logging
import sys

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from portal.errors import problem_dict

logger = logging.getLogger(__name__)

# The API's about page (/api/) and its interactive docs are pages; everything else under /api/ is the API.
_PAGES_UNDER_API = ("/api/", "/api/docs/")


def wants_problem(request) -> bool:
    """Whether the request is one for the API, which answers in problem details."""
    return request.path.startswith("/api/") and request.path not in _PAGES_UNDER_API


def problem_response(status: int, code: str, title: str, detail: str = "", headers: dict | None = None):
    """A problem-details answer."""
    response = JsonResponse(problem_dict(status, code, title, detail), status=status,
                            content_type="application/problem+json")
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def page_response(request, status: int, title: str, message: str, headers: dict | None = None):
    """A page of the site saying what went wrong. The template makes no query (the context processors are lazy),
    so it answers while the database or the cache is down; a plain text answer if even that fails."""
    try:
        body = render_to_string("web/error.html", {"status": status, "title": title, "message": message},
                                request=request)
        response = HttpResponse(body, status=status)
    except Exception:  # the page of last resort must not fail itself
        logger.exception("the error page could not be rendered")
        response = HttpResponse(f"{status} {title}\n{message}\n", status=status,
                                content_type="text/plain; charset=utf-8")
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def error_response(request, status: int, code: str, title: str, message: str, headers: dict | None = None):
    """The answer for an error: problem details for the API, a page for a browser."""
    if wants_problem(request):
        return problem_response(status, code, title, message, headers)
    return page_response(request, status, title, message, headers)


def bad_request(request, exception=None):
    return error_response(request, 400, "bad_request", _("Bad request"),
                          _("The request could not be understood: check the address and its parameters."))


def permission_denied(request, exception=None):
    return error_response(request, 403, "forbidden", _("Forbidden"), _("This request is not allowed."))


def csrf_failure(request, reason=""):
    return error_response(request, 403, "forbidden", _("Forbidden"),
                          _("The form could not be accepted (it expired or came from another site). Go back, reload "
                            "the page and try again."))


def not_found(request, exception=None):
    return error_response(request, 404, "not_found", _("Not found"),
                          _("There is no page at this address. Search for a company or browse the lists."))


def server_error(request):
    # Called while the exception is being handled: an outage met outside a view (in a middleware reading the
    # session, say) is still a 503, as it is inside one (portal.middleware).
    from portal.middleware import ServiceUnavailableMiddleware

    outage = ServiceUnavailableMiddleware.response_for(request, sys.exc_info()[1])
    if outage is not None:
        return outage
    return error_response(request, 500, "internal_error", _("Internal error"),
                          _("Something went wrong on our side; it has been logged. Please try again later."))
