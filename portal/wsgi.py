"""WSGI entry point used by gunicorn: /api/v1/ through a lean middleware stack, everything else through the
portal's."""
import os
import threading

import django
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup(set_prefix=False)


class ApiHandler(WSGIHandler):
    """Django's handler with API_MIDDLEWARE instead of MIDDLEWARE. The data API keeps no session, sets no
    cookie, renders no page and is not localised, so sessions, CSRF, authentication, messages, locale, frame
    options and static files are skipped (about a tenth of a search request's cost)."""

    def load_middleware(self, is_async=False):
        site_middleware = settings.MIDDLEWARE
        settings.MIDDLEWARE = settings.API_MIDDLEWARE
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = site_middleware


class Dispatch:
    """Sends each request to the handler of its part of the site. Both handlers are built together on the first
    request (once settings are final), under a lock and the site's first: building the API handler swaps the
    global MIDDLEWARE setting for a moment, and a site handler built in that moment by another thread would have
    no sessions or CSRF protection."""

    def __init__(self):
        self._handlers = None
        self._lock = threading.Lock()

    def handlers(self) -> tuple[WSGIHandler, WSGIHandler]:
        """(site handler, API handler), built once."""
        if self._handlers is None:
            with self._lock:
                if self._handlers is None:
                    site = WSGIHandler()
                    self._handlers = (site, ApiHandler())
        return self._handlers

    def __call__(self, environ, start_response):
        site, api = self.handlers()
        handler = api if environ.get("PATH_INFO", "").startswith(settings.API_PREFIX) else site
        return handler(environ, start_response)


application = Dispatch()
