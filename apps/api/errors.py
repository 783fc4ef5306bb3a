"""Every API error as problem details (RFC 9457): type, title, status, detail, and per-field errors."""
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from apps.common.errors import GongshiError
from search.query import QueryError

PROBLEM_TYPE = "https://gongshi.example/problems/"


class Gone(exceptions.APIException):
    """An item whose publication ended: only the reason and the date are told."""

    status_code = status.HTTP_410_GONE
    default_detail = "publication of this item has ended"

    def __init__(self, reason: str, ended_on):
        super().__init__(self.default_detail)
        self.extra = {"reason": reason, "ended_on": ended_on.isoformat() if ended_on else None}


def problem(status_code: int, title: str, detail: str = "", errors: dict | None = None, **extra) -> Response:
    body = {"type": PROBLEM_TYPE + title.lower().replace(" ", "-"), "title": title, "status": status_code,
            "detail": detail}
    if errors:
        body["errors"] = errors
    body.update(extra)
    return Response(body, status=status_code, content_type="application/problem+json")


def handle(exc, context):
    """DRF's exception handler, answering in problem details."""
    if isinstance(exc, QueryError):
        return problem(400, "Invalid parameter", str(exc), {exc.field: [str(exc)]})
    if isinstance(exc, GongshiError):
        return problem(exc.status, exc.code.replace("_", " ").capitalize(), str(exc),
                       {exc.field: [str(exc)]} if getattr(exc, "field", None) else None)
    if isinstance(exc, Gone):
        return problem(410, "Gone", str(exc.detail), **exc.extra)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        detail = "; ".join(f"{field}: {' '.join(map(str, msgs if isinstance(msgs, list) else [msgs]))}"
                           for field, msgs in errors.items())
        answer = problem(400, "Invalid parameter", detail, {k: [str(m) for m in (v if isinstance(v, list) else [v])]
                                                             for k, v in errors.items()})
    elif isinstance(exc, Http404):
        answer = problem(404, "Not found", "no such item")
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        answer = problem(response.status_code, response.status_text, str(detail))
    for header in ("Retry-After", "WWW-Authenticate", "Allow"):
        if header in response:
            answer[header] = response[header]
    return answer
