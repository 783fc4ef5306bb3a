"""portal.wsgi sends /api/v1/ through the lean middleware stack and the rest of the site through the full one."""
import io
import sys


def _get(application, path: str) -> tuple[str, dict[str, str]]:
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "testserver",
               "SERVER_PORT": "80", "HTTP_HOST": "testserver", "wsgi.url_scheme": "http",
               "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr, "REMOTE_ADDR": "127.0.0.1"}
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    b"".join(application(environ, start_response))
    return answer["status"], answer["headers"]


def test_the_api_answers_through_the_lean_stack_without_page_headers(wsgi_application):
    status, headers = _get(wsgi_application, "/api/v1/list-types/")
    assert status.startswith("200")
    assert "RateLimit-Limit" in headers
    assert "X-Frame-Options" not in headers and "Set-Cookie" not in headers
    assert headers.get("Vary") == "Accept-Language"  # errors come in the caller's language; no cookie, no session


def test_pages_answer_through_the_full_stack(wsgi_application):
    status, headers = _get(wsgi_application, "/")
    assert status.startswith("200")
    assert headers["X-Frame-Options"] == "DENY" and "Content-Language" in headers


def test_handlers_built_by_threads_at_once_keep_the_sites_middleware(db):
    """Building the API handler swaps the MIDDLEWARE setting for a moment; the site handler built beside it by
    another thread still has sessions and CSRF."""
    import threading

    from django.conf import settings

    from portal.wsgi import Dispatch
    from tests.concurrency import run_together

    dispatch = Dispatch()
    barrier = threading.Barrier(8)

    def build(_):
        barrier.wait()
        dispatch.handlers()

    run_together(build, range(8))
    site, api = dispatch.handlers()
    assert "CsrfViewMiddleware" in _view_middleware(site)
    assert "CsrfViewMiddleware" not in _view_middleware(api)
    assert settings.MIDDLEWARE != settings.API_MIDDLEWARE


def _view_middleware(handler) -> list[str]:
    """Names of the middleware classes a handler runs before views (CSRF protection is one of them)."""
    return [type(method.__self__).__name__ for method in handler._view_middleware]
