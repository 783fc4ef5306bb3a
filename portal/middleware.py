"""Turning outages into HTTP answers, in one place: a service the portal depends on that does not answer is a
503 with Retry-After (problem details for the API, a page for browsers), never a 500."""
import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponseNotAllowed
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from portal.error_pages import error_response
from portal.outages import database_breaker
from search.engines.base import EngineUnavailable

logger = logging.getLogger(__name__)
RETRY_AFTER = "30"


def _database_down(exception) -> bool:
    # A lost or refused connection, not a query of ours that the database rejected (that stays a 500: a bug).
    return isinstance(exception, (OperationalError, InterfaceError)) or (
        isinstance(exception, DatabaseError) and "connection" in str(exception).lower())


def _nul_in(request) -> str | None:
    """The part of the request that holds a NUL character (the path, a parameter's name), or None."""
    if "\x00" in request.path:
        return "path"
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return name.replace("\x00", "")
    if request.method == "POST" and request.content_type in ("application/x-www-form-urlencoded",
                                                             "multipart/form-data"):
        for name, values in request.POST.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return name.replace("\x00", "")
    return None


class RefuseNulMiddleware:
    """A NUL character is in no identifier, code, name or text the portal holds, and PostgreSQL refuses it in a
    query (a server error): requests carrying one are refused at the door with a 400 naming where it was."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A cookie is set by whoever could set one on the domain, not by this request: one holding a NUL is
        # dropped (as if absent) rather than refused, or a tossed cookie would lock a browser out of every page.
        for name in [name for name, value in request.COOKIES.items() if "\x00" in name or "\x00" in value]:
            del request.COOKIES[name]
        where = _nul_in(request)
        if where is not None:
            # Refused before the language middlewares run: answered in the language they would have chosen.
            with translation.override(language_of(request)):
                return error_response(request, 400, "invalid_parameter", _("Bad request"),
                                      _("%(where)s contains a NUL character") % {"where": where})
        return self.get_response(request)


class ServiceUnavailableMiddleware:
    """The search engine or the database not answering → 503 with Retry-After."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return self.response_for(request, exception)

    @staticmethod
    def response_for(request, exception):
        """The 503 answer if `exception` is an outage, else None."""
        if isinstance(exception, EngineUnavailable):
            # The engine's own message names hosts, ports and index names: for the log, not for the caller.
            logger.warning("search unavailable for %s: %s", request.path, exception)
            return error_response(request, exception.status, exception.code, _("Search is unavailable"),
                                  exception.public_detail(), {"Retry-After": RETRY_AFTER, **exception.headers()})
        if _database_down(exception):
            database_breaker.failed(exception, "pages and the API answer 503")
            return error_response(request, 503, "database_unavailable", _("Temporarily unavailable"),
                                  _("The database does not answer; please try again in a minute."),
                                  {"Retry-After": RETRY_AFTER})
        return None


class SafeMethodsMiddleware:
    """A page that answers GET and HEAD only answers 405 to any other method, before the CSRF check would answer
    403 (a wrong method is not a forged form)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "safe_only", False) and request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return None


def language_of(request) -> str:
    """The language to answer in: for the API, the first language of Accept-Language the portal speaks, English
    when there is none (never the site's Chinese default); for pages, Django's choice (cookie, header, default)."""
    if not request.path.startswith(settings.API_PREFIX):
        return translation.get_language_from_request(request)
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return "en"


class ApiLanguageMiddleware:
    """The data API answers in the language the caller asks for with Accept-Language (its error titles, details
    and per-field reasons alike, never mixed), and in English without one. Pages keep the site's own language
    choice (LocaleMiddleware); this acts under API_PREFIX only, in whichever stack serves it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):

        if not request.path.startswith(settings.API_PREFIX):
            return self.get_response(request)
        language = language_of(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Accept-Language",))
        return response
