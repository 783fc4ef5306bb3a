"""Every API error as problem details (RFC 9457): errors of ours rendered by portal.errors.problem_body, DRF's own
(validation, authentication, throttling, 404) in the same shape."""
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from portal.errors import GongshiError, problem_body, problem_dict


class Gone(GongshiError):
    """An item whose publication ended: only the reason and the date are told."""

    status = 410
    code = "gone"
    title = "Gone"

    def __init__(self, reason: str, ended_on):
        super().__init__("publication of this item has ended")
        self.reason, self.ended_on = reason, ended_on

    def extra(self) -> dict:
        return {"reason": self.reason, "ended_on": self.ended_on.isoformat() if self.ended_on else None}


# A range filter (fine, decision_date, listed_on) reports its error under its own name; callers sent one of these.
RANGE_SUFFIXES = ("_min", "_max", "_after", "_before")


def _by_parameter(errors: dict, params) -> dict:
    """Errors keyed by the parameters the caller sent: a range filter's error goes to the bound(s) given."""
    named = {}
    for key, messages in errors.items():
        sent = [key + suffix for suffix in RANGE_SUFFIXES if key + suffix in params] if key not in params else []
        for name in sent or [key]:
            named[name] = messages
    return named


def problem(status_code: int, title: str, detail: str = "", errors: dict | None = None, **extra) -> Response:
    """A problem-details answer for an error that is not one of ours (its type from its title)."""
    body = problem_dict(status_code, title.lower().replace(" ", "_"), title, detail, errors, **extra)
    return Response(body, status=status_code, content_type="application/problem+json")


def handle(exc, context):
    """DRF's exception handler, answering in problem details. Errors of ours below 500 are the caller's to read;
    those at 500 and above go on to the middleware and Django (an outage is a 503 there, a defect is logged)."""
    if isinstance(exc, GongshiError) and exc.status < 500:
        response = Response(problem_body(exc), status=exc.status, content_type="application/problem+json")
        for name, value in exc.headers().items():
            response[name] = value
        return response
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        errors = _by_parameter(errors, getattr(context.get("request"), "query_params", {}))
        detail = "; ".join(f"{field}: {' '.join(map(str, msgs if isinstance(msgs, list) else [msgs]))}"
                           for field, msgs in errors.items())
        answer = problem(400, "Invalid parameter", detail, {k: [str(m) for m in (v if isinstance(v, list) else [v])]
                                                             for k, v in errors.items()})
    elif isinstance(exc, Http404):
        answer = problem(404, "Not found", _("no such item"))
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        answer = problem(response.status_code, response.status_text, str(detail))
    for header in ("Retry-After", "WWW-Authenticate", "Allow"):
        if header in response:
            answer[header] = response[header]
    return answer
