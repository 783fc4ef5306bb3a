"""The public credit report: a PDF with the Chinese font embedded, and a number anyone can verify."""
import re

import pytest

from apps.records.models import Penalty
from apps.reports.models import IssuedReport

pytestmark = pytest.mark.django_db


def _report(client):
    penalty = Penalty.objects.filter(state="published", party_category="法人及非法人组织").select_related(
        "subject").first()
    response = client.get(f"/subjects/{penalty.subject.public_id}/report.pdf")
    return penalty, response


def test_the_report_is_a_pdf_with_its_chinese_font_embedded(client, portal_data):
    _, response = _report(client)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"/FontFile2" in response.content  # a TrueType font program inside the file: nothing to install
    assert re.search(rb"/BaseFont /[A-Z]{6}\+WenQuanYiMicroHei", response.content)


def test_the_report_lists_the_subjects_published_items(client, portal_data):
    penalty, _ = _report(client)
    report = IssuedReport.objects.get()
    assert report.item_ids == [penalty.public_id] and report.subject_public_id == penalty.subject.public_id


def test_the_report_number_verifies_on_the_portal(client, portal_data):
    _report(client)
    report = IssuedReport.objects.get()
    page = client.get(f"/reports/{report.number}/").content.decode()
    assert report.number in page and report.subject_name in page
    assert client.get("/reports/GS20260101NOTAREPORT/").status_code == 404


@pytest.mark.parametrize(("tier", "name", "statement"), [("anonymous", "张*丰", "自然人姓名已按规定部分隐去"),
                                                         ("agency", "张三丰", "按信用服务机构的授权显示自然人姓名")])
def test_the_report_says_how_it_shows_persons_and_shows_them_so(client, portal_data, key_for, tier, name, statement):
    from tests.web.crawl import pdf_text

    if tier != "anonymous":
        client.post("/account/key/", {"key": key_for(tier)})
    response = client.get(f"/subjects/{portal_data['person'].subject.public_id}/report.pdf")
    text = pdf_text(response.content).replace("\n", "")
    assert name in text and statement in text
