"""Turning domain errors into HTTP answers, in one place."""
import logging

from django.http import JsonResponse

from portal.errors import problem_body
from search.engines.base import EngineUnavailable

logger = logging.getLogger(__name__)


class EngineUnavailableMiddleware:
    """A search engine that does not answer is a 503 with Retry-After and a problem-details body, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, EngineUnavailable):
            # The engine's own message names hosts, ports and index names: for the log, not for the caller.
            logger.warning("search unavailable for %s: %s", request.path, exception)
            response = JsonResponse(problem_body(exception), status=exception.status,
                                    content_type="application/problem+json")
            for name, value in exception.headers().items():
                response[name] = value
            return response
        return None
