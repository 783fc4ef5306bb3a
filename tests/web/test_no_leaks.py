"""Crawl the portal from the home page (and the pages people reach by searching) and check that no page leaks an
unpublished item, an identity number or a masked person's full name."""
import pytest

from apps.lists.models import ListEntry
from apps.publication.enums import PublicationState
from apps.records.models import Licence, Penalty
from tests.factories import RESIDENT_IDS
from tests.web.crawl import crawl

pytestmark = pytest.mark.django_db


def test_no_page_leaks_unpublished_items_identity_numbers_or_masked_names(client, portal_data, key_for):
    person = portal_data["person"]
    searches = ["/search/?q=食品", f"/search/?q={person.decision_number}",
                "/search/?q=有限公司&dataset=list_entry"]
    pages = crawl(client, ["/", *searches])
    assert len(pages) > 20  # the crawl reached items, subjects, lists, authorities, reports
    assert any(url.endswith("report.pdf") for url in pages) and any("/subjects/" in url for url in pages)
    unpublished = [item.public_id for model in (Penalty, Licence, ListEntry)
                   for item in model.objects.exclude(state=PublicationState.PUBLISHED)]
    assert unpublished
    for url, body in pages.items():
        text = body.decode("utf-8", errors="replace")
        for public_id in unpublished:
            assert public_id not in text, f"{url} shows unpublished {public_id}"
        for number in RESIDENT_IDS:
            assert number not in text, f"{url} shows an identity number"
        assert "张三丰" not in text, f"{url} shows a masked person's full name"


def test_a_masked_persons_full_name_does_not_find_their_record(client, portal_data):
    page = client.get("/search/", {"q": "张三丰"}).content.decode()
    assert portal_data["person"].public_id not in page


def test_the_home_page_masks_a_person_named_in_a_list_entrys_reason(client, db, run_import, write_csv):
    from tests.factories import ListEntryRowFactory

    run_import(write_csv([ListEntryRowFactory(主体名称="李四光", 统一社会信用代码="", 主体类别="自然人",
                                              列入事由="李四光未按期履行义务")], name="l.csv"),
               list_code="samr-abnormal-operations")
    page = client.get("/").content.decode()
    assert "李*光未按期履行义务" in page and "李四光" not in page


def test_a_report_verification_page_masks_a_person_whoever_asked_for_the_report(client, portal_data, key_for):
    from django.urls import reverse

    from apps.reports.models import IssuedReport

    client.post(reverse("web:use_key"), {"key": key_for("agency")})  # this tier sees persons' names
    client.get(f"/subjects/{portal_data['person'].subject.public_id}/report.pdf")
    client.post(reverse("web:use_key"), {"forget": "1"})
    page = client.get(f"/reports/{IssuedReport.objects.get().number}/").content.decode()
    assert "张*丰" in page and "张三丰" not in page
