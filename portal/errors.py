"""The root of every error the project raises on purpose, and their one rendering as problem details (RFC 9457).

It lives here, below the apps and the search library alike, so both raise errors of one family: each error class
declares its HTTP status, code and title once; the API's exception handler and the pages' middleware render any of
them with `problem_body`.
"""

from django.utils.translation import gettext, gettext_noop

PROBLEM_TYPE = "https://gongshi.example/problems/"


class GongshiError(Exception):
    """Base of every error raised on purpose. `field` names the input that was wrong, when one was."""

    status = 500
    code = "error"
    title = "Error"
    field: str | None = None

    def public_detail(self) -> str:
        """What a caller may read of it (an engine's own message names hosts and ports: such errors override)."""
        return str(self)

    def extra(self) -> dict:
        """Members of the problem body beyond the standard ones."""
        return {}

    def headers(self) -> dict[str, str]:
        """Headers the answer carries (Retry-After, say)."""
        return {}


def problem_dict(status: int, code: str, title: str, detail: str = "", errors: dict | None = None,
                 **extra) -> dict:
    """A problem-details body: type (from the code), title, status, detail, per-field errors, extra members."""
    # The title in the caller's language (the API activates it from Accept-Language; English without one).
    body = {"type": PROBLEM_TYPE + code.replace("_", "-"), "title": gettext(title), "status": status,
            "detail": detail}
    if errors:
        body["errors"] = errors
    body.update(extra)
    return body


def problem_body(error: GongshiError) -> dict:
    """The problem-details body of an error of ours."""
    detail = error.public_detail()
    return problem_dict(error.status, error.code, error.title, detail,
                        {error.field: [detail]} if error.field else None, **error.extra())


# Every title a problem may carry, listed for the translation catalogue (translated in problem_dict).
TITLES = (
    gettext_noop("Error"),
    gettext_noop("Invalid parameter"),
    gettext_noop("Invalid"),
    gettext_noop("Not found"),
    gettext_noop("Not Found"),
    gettext_noop("Conflict"),
    gettext_noop("Gone"),
    gettext_noop("Key refused"),
    gettext_noop("Export refused"),
    gettext_noop("Search failed"),
    gettext_noop("Search is temporarily unavailable"),
    gettext_noop("Range not satisfiable"),
    gettext_noop("Bad Request"),
    gettext_noop("Unauthorized"),
    gettext_noop("Forbidden"),
    gettext_noop("Method Not Allowed"),
    gettext_noop("Not Acceptable"),
    gettext_noop("Too Many Requests"),
    gettext_noop("Unsupported Media Type"),
)
