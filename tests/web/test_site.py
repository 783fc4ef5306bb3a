"""The page make run serves, and staff pages."""
import pytest
from django.contrib.auth import get_user_model

from apps.publication.enums import PublicationState
from apps.records.models import Penalty
from tests.factories import PenaltyRowFactory, PersonPenaltyRowFactory

pytestmark = pytest.mark.django_db


def test_home_lists_published_items(client, run_import, write_csv):
    run_import(write_csv([PenaltyRowFactory(CF_XDR_MC="南京展示食品有限公司")]))
    page = client.get("/")
    assert page.status_code == 200
    assert "南京展示食品有限公司" in page.content.decode()


def test_home_masks_natural_persons(client, run_import, write_csv):
    run_import(write_csv([PersonPenaltyRowFactory(CF_XDR_MC="张三丰")]))
    body = client.get("/").content.decode()
    assert "张*丰" in body and "张三丰" not in body


def test_home_never_shows_an_ended_item(client, run_import, write_csv):
    run_import(write_csv([PenaltyRowFactory(CF_XDR_MC="已期满食品有限公司", CF_JDRQ="2020-01-01")]))
    assert Penalty.objects.get().state == PublicationState.EXPIRED
    assert "已期满食品有限公司" not in client.get("/").content.decode()


def test_health_reports_the_database_and_the_search_engine(client, search_engine):
    from django.db import connection

    answer = client.get("/healthz").json()
    assert (answer["status"], answer["database"], answer["search"]["engine"], answer["search"]["ok"]) == (
        "ok", {"vendor": connection.vendor, "ok": True}, "embedded", True)
    assert "path" not in answer["search"]


@pytest.mark.parametrize("engine, reported", [("elasticsearch", "elasticsearch"), ("opensearch", "opensearch"),
                                              ("", "unknown")])
def test_health_is_503_when_the_search_cluster_does_not_answer(client, settings, engine, reported):
    import socket

    from search import get_engine

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SEARCH_ENGINE, settings.SEARCH_URL = engine, f"http://search:s3cret@127.0.0.1:{port}"
    get_engine.cache_clear()
    try:
        response = client.get("/healthz")
    finally:
        get_engine.cache_clear()
    assert response.status_code == 503 and response["Retry-After"]
    assert (response.json()["search"]["engine"], response.json()["search"]["ok"]) == (reported, False)
    assert b"s3cret" not in response.content and str(port).encode() not in response.content


def test_engine_unavailable_becomes_503_problem_for_the_api(rf):
    from portal.middleware import ServiceUnavailableMiddleware
    from search.engines.base import EngineUnavailable

    response = ServiceUnavailableMiddleware(lambda request: None).process_exception(
        rf.get("/api/v1/search/"), EngineUnavailable("cluster down", retry_after=7))
    assert (response.status_code, response["Retry-After"], response["Content-Type"]) == (
        503, "7", "application/problem+json")


def test_engine_unavailable_becomes_a_503_page_for_a_browser(rf):
    from portal.middleware import ServiceUnavailableMiddleware
    from search.engines.base import EngineUnavailable

    response = ServiceUnavailableMiddleware(lambda request: None).process_exception(
        rf.get("/search/"), EngineUnavailable("cluster down", retry_after=7))
    assert (response.status_code, response["Retry-After"]) == (503, "7")
    assert response["Content-Type"].startswith("text/html") and b"<nav" in response.content


def test_staff_end_publication_from_the_admin(client, run_import, write_csv):
    run_import(write_csv([PenaltyRowFactory()]))
    penalty = Penalty.objects.get()
    staff = get_user_model().objects.create_superuser("staff", "staff@example.org", "pw-long-enough-1")
    client.force_login(staff)
    asked = client.post("/admin/records/penalty/", {"action": "end_publication_action",
                                                    "_selected_action": [penalty.pk]})
    assert "End publication" in asked.content.decode()
    client.post("/admin/records/penalty/", {"action": "end_publication_action", "_selected_action": [penalty.pk],
                                            "apply": "1", "reason": "revoked", "note": "复议撤销"})
    penalty.refresh_from_db()
    assert (penalty.state, penalty.end_note) == (PublicationState.REVOKED, "复议撤销")


@pytest.mark.parametrize("path", ["/admin/ingestion/importbatch/", "/admin/ingestion/quarantinedrow/",
                                  "/admin/records/penalty/", "/admin/records/licence/", "/admin/lists/listentry/",
                                  "/admin/publication/changeevent/", "/admin/publication/publicityclass/"])
def test_staff_pages_open(client, run_import, write_csv, path):
    run_import(write_csv([PenaltyRowFactory(), PenaltyRowFactory(CF_WSH="")]))
    client.force_login(get_user_model().objects.create_superuser("s", "s@example.org", "pw-long-enough-1"))
    assert client.get(path).status_code == 200
