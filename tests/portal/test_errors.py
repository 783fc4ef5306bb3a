"""One root for the errors raised on purpose, each declaring its status once, rendered by one function."""
import datetime as dt

import pytest

from apps.access.keys import KeyRefused
from apps.api.errors import Gone
from apps.common.errors import Conflict, InvalidInput, NotFound
from portal.errors import PROBLEM_TYPE, GongshiError, problem_body
from search.engines.base import EngineRejected, EngineUnavailable
from search.query import QueryError

ERRORS = [
    (NotFound("no such item"), 404), (Conflict("already ended"), 409), (InvalidInput("bad", field="q"), 400),
    (QueryError("q is too long", "q"), 400), (KeyRefused("revoked"), 401), (Gone("revoked", dt.date(2026, 1, 2)), 410),
    (EngineUnavailable("http://10.0.0.5:9200 timed out"), 503), (EngineRejected("mapping refused"), 500),
]


@pytest.mark.parametrize(("error", "status"), ERRORS, ids=[type(e).__name__ for e, _ in ERRORS])
def test_every_error_of_ours_has_the_one_root_and_its_status(error, status):
    assert isinstance(error, GongshiError) and error.status == status
    body = problem_body(error)
    assert body["type"] == PROBLEM_TYPE + error.code.replace("_", "-") and body["status"] == status


def test_an_outage_tells_the_caller_nothing_of_the_servers_address():
    from django.utils import translation

    with translation.override("en"):  # titles come in the active language; the API's default is English
        body = problem_body(EngineUnavailable("http://10.0.0.5:9200 timed out", retry_after=7))
    assert "10.0.0.5" not in str(body) and body["title"] == "Search is temporarily unavailable"
    assert EngineUnavailable("x", retry_after=7).headers() == {"Retry-After": "7"}


def test_an_export_refusal_is_forbidden_for_the_tier_and_invalid_for_the_filters():
    from types import SimpleNamespace

    from apps.publication.exports import ExportRefused

    tier = SimpleNamespace(code="anonymous", csv_export_limit=0)
    assert (ExportRefused(tier).status, ExportRefused(tier, rows=50).status) == (403, 400)
    assert problem_body(ExportRefused(tier, rows=50))["errors"].keys() == {"filters"}
