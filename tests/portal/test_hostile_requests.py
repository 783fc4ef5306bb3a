"""Hostile requests found by probing, each answered as a client error, never a server error (issue 13)."""
import base64
import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize("path", ["/api/v1/search/?cursor=", "/search/?q=a&cursor="])
def test_a_deeply_nested_search_cursor_is_refused(path, search_engine):
    response = Client().get(path + _cursor("[" * 5000 + "]" * 5000))
    assert response.status_code == 400


def test_a_cursor_longer_than_any_issued_is_refused(search_engine):
    response = Client().get("/api/v1/search/?cursor=" + _cursor(json.dumps({"s": "relevance", "a": None,
                                                                             "o": 0, "pad": "x" * 300})))
    assert response.status_code == 400 and response.json()["errors"]["cursor"]


@pytest.mark.parametrize("path", ["/api/v1/no-such-endpoint/", "/api/v1/penalties/a/b/c/", "/api/nothing"])
def test_an_unmatched_api_url_answers_problem_details(path):
    response = Client().get(path)
    assert (response.status_code, response["Content-Type"]) == (404, "application/problem+json")
    assert response.json()["status"] == 404


def test_an_unmatched_page_is_a_page_of_the_site_in_the_visitors_language():
    response = Client().get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and b"<nav" in response.content and b"Not found" in response.content


def test_an_internal_error_of_the_api_answers_problem_details(rf):
    from portal.error_pages import server_error

    response = server_error(rf.get("/api/v1/penalties/"))
    assert (response.status_code, response["Content-Type"]) == (500, "application/problem+json")


def test_an_internal_error_of_a_page_is_a_page(rf):
    from portal.error_pages import server_error

    response = server_error(rf.get("/search/"))
    assert response.status_code == 500 and response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("method", ["post", "delete", "put", "patch"])
def test_a_wrong_method_with_a_query_string_is_405_on_the_api(method):
    response = getattr(Client(), method)("/api/v1/penalties/?x=1")
    assert response.status_code == 405 and response["Content-Type"] == "application/problem+json"


def test_trace_is_405_on_the_api():
    assert Client().generic("TRACE", "/api/v1/search/?q=a").status_code == 405


@pytest.mark.parametrize("path", ["/", "/search/?q=a", "/lists/"])
def test_pages_answer_only_get_and_head(path):
    assert Client().post(path, {"a": "b"}).status_code == 405
    assert Client().head(path.split("?")[0]).status_code in (200, 302, 404)


@pytest.mark.parametrize("path", ["/api/v1/penalties/pen_%00/", "/penalties/a%00b/", "/subjects/%00/",
                                  "/lists/x/?region=%00", "/api/v1/penalties/?region=a%00"])
def test_a_nul_character_is_refused_at_the_door(path):
    response = Client().get(path)
    assert response.status_code == 400


def test_a_nul_character_in_the_key_form_is_refused():
    response = Client().post("/account/key/", {"key": "a\x00b"})
    assert response.status_code == 400


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example",
                                    "javascript:alert(1)", "x" * 5000])
def test_the_key_form_redirects_only_within_the_site(target):
    response = Client().post("/account/key/", {"key": "not-a-key", "next": target})
    assert response.status_code == 302 and response["Location"] == "/api/"


def test_the_key_form_follows_a_path_of_the_site():
    response = Client().post("/account/key/", {"key": "not-a-key", "next": "/lists/?a=1"})
    assert response["Location"] == "/lists/?a=1"


@pytest.mark.parametrize("headers", [{"HTTP_AUTHORIZATION": "Token abc"}, {"HTTP_AUTHORIZATION": "Api-Key"},
                                     {"HTTP_AUTHORIZATION": ""}, {"HTTP_X_API_KEY": ""},
                                     {"HTTP_X_API_KEY": "  "}])
def test_malformed_credentials_are_401_with_the_reason(headers):
    response = Client().get("/api/v1/penalties/", **headers)
    assert response.status_code == 401 and response.json()["detail"]


def test_concurrent_schema_requests_all_answer(client):
    # Threaded workers: drf-spectacular's generator is not safe in two threads at once.
    from apps.api import schema
    from tests.concurrency import run_together

    schema._schemas.clear()
    statuses = []
    run_together(lambda _: statuses.append(Client().get("/api/schema/?format=json").status_code), range(8))
    assert statuses == [200] * 8


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # threads read through their own connections
def test_concurrent_pdf_reports_all_answer(portal_data):
    from django.db import connection

    from apps.access.models import Tier

    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database locks whole tables between threads; the PostgreSQL run "
                    "covers this")
    from tests.concurrency import run_together

    Tier.objects.update(pages_per_minute=1000, pages_per_day=1000)
    subject = portal_data["person"].subject.public_id
    statuses = []
    run_together(lambda _: statuses.append(Client().get(f"/subjects/{subject}/report.pdf").status_code), range(6))
    assert statuses == [200] * 6


def test_a_cookie_holding_a_nul_is_ignored_not_a_server_error(client):
    client.cookies["sessionid"] = "\x00aaaaaaaaaa"
    assert client.get("/").status_code == 200


def test_a_forged_forwarded_address_falls_back_to_the_connection(rf, settings):
    from apps.access.clients import client_address

    settings.TRUSTED_PROXIES = 1
    assert client_address(rf.get("/", HTTP_X_FORWARDED_FOR="not-an-ip", REMOTE_ADDR="10.1.2.3")) == "10.1.2.3"
    assert client_address(rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4", REMOTE_ADDR="10.1.2.3")) == "1.2.3.4"


def test_options_on_the_api_docs_is_405_not_a_server_error():
    assert Client().options("/api/docs/").status_code == 405


def test_a_post_to_a_page_is_405_before_any_csrf_check():
    assert Client(enforce_csrf_checks=True).post("/search/?q=a", {"a": "b"}).status_code == 405


def test_a_refused_form_is_a_page_of_the_site():
    response = Client(enforce_csrf_checks=True).post("/account/key/", {"key": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403 and b"<nav" in response.content
