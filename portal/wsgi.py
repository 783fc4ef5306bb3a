"""WSGI entry point used by gunicorn: /api/v1/ through a lean middleware stack, everything else through the
portal's."""
import os
from functools import cached_property

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
    """Sends each request to the handler of its part of the site (each built on first use, once settings are
    final)."""

    @cached_property
    def site(self):
        return WSGIHandler()

    @cached_property
    def api(self):
        return ApiHandler()

    def __call__(self, environ, start_response):
        handler = self.api if environ.get("PATH_INFO", "").startswith(settings.API_PREFIX) else self.site
        return handler(environ, start_response)


application = Dispatch()
