"""schemathesis against the live OpenAPI schema with all its checks: no 5xx, every status and header documented, every
response matching the schema, invalid requests refused, keys honoured."""
import io
import os

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from schemathesis import checks as schemathesis_checks

from apps.access.keys import issue_key
from apps.access.models import Tier
from tests.factories import ListEntryRowFactory, PenaltyRowFactory


@pytest.fixture
def api_schema(wsgi_application, run_import, write_csv, search_engine, settings, tmp_path):
    from apps.searchsync.services import consume

    settings.SNAPSHOT_DIR = tmp_path / "snapshots"
    Tier.objects.update(per_minute=100_000, per_day=1_000_000)  # limits are tested elsewhere; here they'd hide
    run_import(write_csv(PenaltyRowFactory.build_batch(3), name="p.csv"))
    run_import(write_csv(ListEntryRowFactory.build_batch(2), name="l.csv"), list_code="samr-abnormal-operations")
    consume(search_engine)
    return schemathesis.openapi.from_wsgi("/api/schema/", wsgi_application)


# Every check schemathesis has but one: positive_data_acceptance expects every schema-valid request to succeed,
# while an opaque cursor or an id is a schema-valid string that is rightly refused unless this service issued it.
CHECKS = [getattr(schemathesis_checks, name) for name in (
    "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
    "response_schema_conformance", "negative_data_rejection", "missing_required_header", "unsupported_method",
    "ignored_auth", "use_after_free", "ensure_resource_availability", "allow_header_conformance")]
# CI runs a fixed (derandomized) set of 15 cases per operation, so a run is repeatable; for an exploratory run
# with fresh random cases: SCHEMATHESIS_EXAMPLES=200 .venv/bin/python -m pytest tests/api/test_schema_conformance.py
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "15"))


def _conforms(api_schema, headers: dict[str, str]) -> None:
    # schemathesis's own pytest integration does not run under pytest 9, so each operation's strategy is
    # driven by Hypothesis here; every failure is raised, none is collected and ignored.
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None,
                  derandomize=not os.environ.get("SCHEMATHESIS_EXAMPLES"))
        def run(case):
            case.call_and_validate(checks=CHECKS, headers=headers)

        run()


def test_api_conforms_to_its_schema_without_a_key(api_schema):
    _conforms(api_schema, {})


def test_api_conforms_to_its_schema_for_an_agency(api_schema):
    # The agency tier reaches what the anonymous one is refused: the change feed, snapshots, usage of a key.
    call_command("build_snapshots", stdout=io.StringIO())
    _, secret = issue_key("agency")
    _conforms(api_schema, {"X-API-Key": secret})


def test_schema_generates_without_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=io.StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize("query, media_type, opening", [("?format=json", "application/json", b"{"),
                                                        ("?format=yaml", "application/vnd.oai.openapi", b"openapi"),
                                                        ("", "application/vnd.oai.openapi", b"openapi")])
def test_the_schema_comes_as_json_or_yaml(client, query, media_type, opening):
    response = client.get("/api/schema/" + query)
    assert response.status_code == 200 and response["Content-Type"].startswith(media_type)
    assert response.content.lstrip().startswith(opening)
