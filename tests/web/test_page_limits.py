"""Costly pages are limited per client address by the visitor's tier, like the API (issue 13)."""
import pytest

from apps.access.models import Tier

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_pages_a_minute(db):
    Tier.objects.filter(code="anonymous").update(pages_per_minute=2, pages_per_day=2)


@pytest.mark.parametrize("path", ["/search/?q=食品", "/lists/samr-abnormal-operations/",
                                  "/lists/samr-abnormal-operations/export.csv"])
def test_a_costly_page_over_the_limit_is_a_429_page_with_retry_after(client, two_pages_a_minute, search_engine,
                                                                      path):
    assert [client.get(path).status_code for _ in range(2)] != [429, 429]
    response = client.get(path)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert response["Content-Type"].startswith("text/html") and b"<nav" in response.content


def test_addresses_are_counted_apart(client, two_pages_a_minute, search_engine):
    for _ in range(3):
        client.get("/search/?q=食品", REMOTE_ADDR="10.0.0.1")
    assert client.get("/search/?q=食品", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_the_home_page_is_not_counted(client, two_pages_a_minute, search_engine):
    assert {client.get("/").status_code for _ in range(4)} == {200}


def test_a_pdf_report_counts_too(client, two_pages_a_minute, portal_data):
    subject = portal_data["person"].subject.public_id
    statuses = [client.get(f"/subjects/{subject}/report.pdf").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
