"""The public pages: each answers, shows what is published, hides what is not."""
import pytest
from django.urls import reverse

from apps.lists.models import ListEntry
from apps.records.models import Penalty
from tests.factories import USCCS, PenaltyRowFactory

pytestmark = pytest.mark.django_db


def _published_penalty():
    return (Penalty.objects.filter(state="published", party_category="法人及非法人组织")
            .select_related("subject").first())


@pytest.mark.parametrize("path", ["/", "/search/", "/lists/", "/stats/", "/api/", "/about/"])
def test_fixed_pages_answer(client, portal_data, path):
    assert client.get(path).status_code == 200


def test_home_shows_counts_and_links_the_latest_items(client, portal_data):
    page = client.get("/").content.decode()
    assert f"/penalties/{_published_penalty().public_id}/" in page


def test_a_penalty_page_shows_the_decision_and_its_publication_window(client, portal_data):
    penalty = _published_penalty()
    page = client.get(f"/penalties/{penalty.public_id}/").content.decode()
    assert penalty.decision_number in page and penalty.party_name in page
    assert penalty.latest_end.isoformat() in page


def test_an_ended_penalty_is_a_plain_410_with_reason_and_date(client, portal_data):
    ended = portal_data["ended"]
    response = client.get(f"/penalties/{ended.public_id}/")
    page = response.content.decode()
    assert response.status_code == 410
    assert ended.actual_end.isoformat() in page and "决定撤销" in page
    assert ended.party_name not in page and ended.decision_number not in page


def test_an_unknown_item_is_404(client, portal_data):
    assert client.get("/penalties/pen_0000000000000000/").status_code == 404


def test_search_shows_highlighted_hits_and_facets(client, portal_data):
    penalty = _published_penalty()
    page = client.get("/search/", {"q": penalty.decision_number}).content.decode()
    assert f'data-id="{penalty.public_id}"' in page and f"<mark>{penalty.decision_number}</mark>" in page
    assert 'data-facet="dataset"' in page and 'data-facet="authority"' in page


def test_a_facet_link_narrows_the_results(client, portal_data):
    entry = ListEntry.objects.filter(state="published").first()
    page = client.get("/search/", {"q": "有限公司", "dataset": "list_entry"}).content.decode()
    assert f'data-id="{entry.public_id}"' in page and f'data-id="{_published_penalty().public_id}"' not in page


def test_an_invalid_search_parameter_is_explained(client, portal_data):
    response = client.get("/search/", {"q": "食品", "date_from": "yesterday"})
    assert response.status_code == 400 and "date_from" in response.content.decode()


def test_the_subject_profile_lists_its_items_on_a_timeline(client, portal_data):
    penalty = _published_penalty()
    page = client.get(f"/subjects/{penalty.subject.public_id}/").content.decode()
    assert 'class="timeline"' in page and f"/penalties/{penalty.public_id}/" in page


def test_a_subject_with_nothing_published_is_404(client, portal_data, today):
    from apps.publication.services import end_publication

    subject = portal_data["ended"].subject
    for other in Penalty.objects.filter(subject=subject, state="published"):
        end_publication(other.public_id, reason="revoked", today=today)
    assert client.get(f"/subjects/{subject.public_id}/").status_code == 404


def test_a_list_page_shows_rules_and_entries_with_filters(client, portal_data):
    entry = ListEntry.objects.filter(state="published").first()
    page = client.get(f"/lists/{entry.list_type_id}/", {"sort": "party_name"}).content.decode()
    assert entry.list_type.name in page and entry.public_id in page
    assert client.get(f"/lists/{entry.list_type_id}/", {"listed_from": "2999-01-01"}).content.decode().count(
        'data-id="') == 0


def test_anonymous_visitors_cannot_export_csv(client, portal_data):
    entry = ListEntry.objects.filter(state="published").first()
    assert client.get(f"/lists/{entry.list_type_id}/export.csv").status_code == 403


def test_a_registered_key_on_the_site_exports_the_list_view_as_csv(client, portal_data, key_for):
    entry = ListEntry.objects.filter(state="published").first()
    client.post(reverse("web:use_key"), {"key": key_for("registered")})
    response = client.get(f"/lists/{entry.list_type_id}/export.csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert response.status_code == 200 and body.startswith("\ufeff") and entry.public_id in body


def test_a_list_has_an_atom_feed_of_new_entries(client, portal_data):
    entry = ListEntry.objects.filter(state="published").first()
    response = client.get(f"/lists/{entry.list_type_id}/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml") and entry.public_id in response.content.decode()


def test_the_authority_page_shows_timeliness_against_seven_working_days(client, portal_data):
    penalty = _published_penalty()
    page = client.get(f"/authorities/{penalty.authority_id}/").content.decode()
    assert 'id="chart-timeliness"' in page and "≤ 7" in page


def test_statistics_offer_their_numbers(client, portal_data):
    page = client.get("/stats/").content.decode()
    assert 'id="chart-per-month"' in page and 'class="numbers"' in page


def test_english_is_a_switch_away(client, portal_data):
    assert "搜索" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert 'lang="en"' in page and "Latest disclosures" in page


def test_in_english_enumerated_values_are_english_too(client, portal_data):
    entry = ListEntry.objects.filter(state="published").first()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    gone = client.get(f"/penalties/{portal_data['ended'].public_id}/").content.decode()
    listing = client.get(f"/lists/{entry.list_type_id}/").content.decode()
    home = client.get("/").content.decode()
    assert "the decision was revoked" in gone and "决定撤销" not in gone
    assert "Watch list" in listing and "<td>listed</td>" in listing and ">在列<" not in listing
    assert "<td>Penalty</td>" in home and "<td>行政处罚</td>" not in home


def test_a_long_profile_shows_the_newest_items_and_counts_them_all(client, portal_data, run_import, write_csv,
                                                                   monkeypatch):
    from apps.web.views import subjects

    run_import(write_csv(PenaltyRowFactory.build_batch(3, CF_XDR_MC="同一测试有限公司", CF_XDR_SHXYM=USCCS[0]),
                         name="same.csv"))
    subject = Penalty.objects.filter(party_name="同一测试有限公司").first().subject
    penalties = Penalty.objects.filter(subject=subject, state="published").count()
    monkeypatch.setattr(subjects, "TIMELINE_ITEMS", 2)
    page = client.get(f"/subjects/{subject.public_id}/").content.decode()
    assert page.count('<li class="dataset-') == 2
    assert f"<strong>{penalties}</strong>" in page and "此处显示最新的 2 条" in page


def test_the_report_lists_every_published_item_of_a_profile(client, portal_data, run_import, write_csv):
    from apps.publication.datasets import item_models
    from apps.reports.models import IssuedReport

    run_import(write_csv(PenaltyRowFactory.build_batch(3, CF_XDR_MC="同一测试有限公司", CF_XDR_SHXYM=USCCS[0]),
                         name="same.csv"))
    subject = Penalty.objects.filter(party_name="同一测试有限公司").first().subject
    assert client.get(f"/subjects/{subject.public_id}/report.pdf").status_code == 200
    report = IssuedReport.objects.get()
    published = sum(model.objects.filter(subject=subject, state="published").count()
                    for model in item_models().values())
    assert len(report.item_ids) == published >= 3


def test_each_facet_of_the_search_page_has_its_own_heading():
    from apps.web.labels import LABELS
    from search.query import FACETS

    headings = [str(LABELS["facet"][name]) for name in FACETS]
    assert len(set(headings)) == len(FACETS)
