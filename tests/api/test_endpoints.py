"""Endpoints: read-only, filters, errors, paging, 410 for ended items."""
import pytest

from apps.publication.enums import EndReason
from apps.publication.services import end_publication
from apps.records.models import Penalty
from tests.factories import ListEntryRowFactory, PenaltyRowFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def penalties(run_import, write_csv):
    run_import(write_csv(PenaltyRowFactory.build_batch(5)))
    return list(Penalty.objects.order_by("pk"))


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_reads_are_allowed(api, penalties, method):
    response = getattr(api, method)(f"/api/v1/penalties/{penalties[0].public_id}/")
    assert response.status_code == 405 and response.json()["status"] == 405


def test_list_pages_with_a_cursor_in_a_stable_order(api, penalties):
    first = api.get("/api/v1/penalties/?page_size=2").json()
    second = api.get(first["next"].replace("http://testserver", "")).json()
    ids = [i["id"] for i in first["results"] + second["results"]]
    assert ids == [p.public_id for p in reversed(penalties)][:4]


def test_unknown_parameter_is_400_naming_it(api, penalties):
    body = api.get("/api/v1/penalties/?colour=red").json()
    assert (body["status"], body["errors"]) == (400, {"colour": ["unknown query parameter"]})


def test_invalid_value_is_400_naming_the_field(api, penalties):
    body = api.get("/api/v1/penalties/?decision_date_after=yesterday").json()
    assert body["status"] == 400 and "decision_date" in str(body["errors"])


def test_page_size_above_the_tier_limit_is_400(api, penalties):
    body = api.get("/api/v1/penalties/?page_size=21").json()
    assert body["status"] == 400 and "page_size" in body["errors"]


def test_filters_narrow_the_list(api, run_import, write_csv):
    run_import(write_csv([PenaltyRowFactory(CF_NR_FK="5"), PenaltyRowFactory(CF_NR_FK="0.1")]))
    results = api.get("/api/v1/penalties/?fine_min=1").json()["results"]
    assert [r["fine_amount"] for r in results] == ["5.000000"]


def test_ended_item_is_410_with_reason_and_date_and_nothing_else(api, penalties, today):
    end_publication(penalties[0].public_id, EndReason.REVOKED, today)
    response = api.get(f"/api/v1/penalties/{penalties[0].public_id}/")
    body = response.json()
    assert response.status_code == 410
    assert (body["reason"], body["ended_on"]) == ("revoked", today.isoformat())
    assert penalties[0].party_name not in response.content.decode()


def test_ended_items_leave_the_list(api, penalties, today):
    end_publication(penalties[0].public_id, EndReason.REVOKED, today)
    ids = [r["id"] for r in api.get("/api/v1/penalties/").json()["results"]]
    assert penalties[0].public_id not in ids and len(ids) == 4


def test_never_published_item_is_404(api, run_import, write_csv):
    run_import(write_csv([PenaltyRowFactory(CF_CFLB="警告", CF_NR="警告", CF_NR_FK="")]))
    assert api.get(f"/api/v1/penalties/{Penalty.objects.get().public_id}/").status_code == 404


def test_subject_profile_lists_its_published_items(api, penalties):
    subject = penalties[0].subject.public_id
    profile = api.get(f"/api/v1/subjects/{subject}/").json()
    assert {p["id"] for p in profile["penalties"]} == {p.public_id for p in penalties if p.subject_id ==
                                                       penalties[0].subject_id}


def test_list_entries_and_list_types(api, run_import, write_csv):
    run_import(write_csv(ListEntryRowFactory.build_batch(2)), list_code="samr-abnormal-operations")
    entries = api.get("/api/v1/list-entries/?list=samr-abnormal-operations").json()["results"]
    types = {t["code"] for t in api.get("/api/v1/list-types/").json()}
    assert len(entries) == 2 and "court-dishonest-debtors" in types


def test_search_endpoint_answers_through_the_engine(api, penalties, search_engine):
    from apps.searchsync.services import consume

    consume(search_engine)
    body = api.get("/api/v1/search/?q=菌落&facets=authority").json()
    assert (body["engine"], body["total"]) == ("embedded", 5)
    assert body["facets"]["authority"] == [{"value": "南京市市场监督管理局", "count": 5}]


def test_search_bad_parameter_is_400(api, search_engine):
    body = api.get("/api/v1/search/?sort=sideways").json()
    assert (body["status"], list(body["errors"])) == (400, ["sort"])


def test_schema_and_docs_are_served(api):
    assert api.get("/api/schema/").status_code == 200
    assert api.get("/api/docs/").status_code == 200


@pytest.mark.parametrize("query, field", [("fine_min=nan", "fine_min"), ("fine_max=inf", "fine_max"),
                                          ("page_size=²", "page_size"), ("page_size=0", "page_size")])
def test_search_refuses_odd_numbers_with_400(api, search_engine, query, field):
    body = api.get(f"/api/v1/search/?{query}").json()
    assert (body["status"], list(body["errors"])) == (400, [field])


@pytest.mark.parametrize("query", ["page_size=²", "page_size=-1", "page_size=1.5"])
def test_list_refuses_odd_page_sizes_with_400(api, penalties, query):
    assert api.get(f"/api/v1/penalties/?{query}").json()["status"] == 400


def test_feed_refuses_odd_positions_with_400(as_tier):
    assert as_tier("agency").get("/api/v1/changes/?after=²").json()["status"] == 400


def test_an_id_too_large_for_the_database_is_400(api, penalties):
    body = api.get(f"/api/v1/penalties/?authority={10**30}").json()
    assert (body["status"], list(body["errors"])) == (400, ["authority"])


def test_csv_export_streams_the_filtered_list_with_a_bom(as_tier, penalties):
    response = as_tier("registered").get("/api/v1/penalties/export/?party_category=法人及非法人组织")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeff") and body.count("\n") == 1 + len(penalties)


def test_csv_export_is_refused_to_a_tier_without_it(as_tier, penalties):
    assert as_tier("anonymous").get("/api/v1/penalties/export/").status_code == 403


def test_csv_export_larger_than_the_tier_allows_is_400(as_tier, penalties):
    from apps.access.models import Tier

    Tier.objects.filter(code="registered").update(csv_export_limit=2)
    body = as_tier("registered").get("/api/v1/penalties/export/").json()
    assert body["status"] == 400 and "up to 2" in body["detail"]


def test_csv_export_masks_persons_for_masked_tiers(as_tier, run_import, write_csv):
    from tests.factories import PersonPenaltyRowFactory

    run_import(write_csv([PersonPenaltyRowFactory(CF_XDR_MC="张三丰", CF_SY="张三丰销售过期食品。")]))
    body = b"".join(as_tier("registered").get("/api/v1/penalties/export/").streaming_content).decode()
    assert "张三丰" not in body and "张*丰" in body


def test_subject_with_nothing_published_is_404(api, penalties, today):
    subject = penalties[0].subject
    for item in Penalty.objects.filter(subject=subject):
        end_publication(item.public_id, EndReason.REVOKED, today)
    assert api.get(f"/api/v1/subjects/{subject.public_id}/").status_code == 404


@pytest.mark.parametrize("language, title, reason", [
    (None, "Invalid parameter", "unknown query parameter"),
    ("en", "Invalid parameter", "unknown query parameter"),
    ("zh-CN,zh;q=0.9", "参数无效", "未知的查询参数"),
])
def test_errors_come_in_the_callers_language_never_mixed(api, language, title, reason):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = api.get("/api/v1/penalties/?colour=red", **headers)
    body = response.json()
    assert (response.status_code, body["title"], body["errors"]["colour"]) == (400, title, [reason])
    assert reason in body["detail"] and response["Content-Language"] == ("zh-hans" if language and "zh" in language
                                                                         else "en")


def test_a_refused_key_is_explained_in_chinese_when_asked(api):
    response = api.get("/api/v1/penalties/", HTTP_X_API_KEY="gs_zzzzzzzz_nope", HTTP_ACCEPT_LANGUAGE="zh-Hans")
    assert response.status_code == 401 and response.json()["title"] == "未授权"


@pytest.mark.parametrize("language, title", [(None, "Bad request"), ("fr", "Bad request"), ("zh-Hans", "请求有误")])
def test_errors_refused_at_the_door_come_in_the_api_language_too(api, language, title):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    assert api.get("/api/v1/penalties/?q=%00", **headers).json()["title"] == title


def test_a_feed_limit_outside_its_range_is_refused(as_tier):
    agency = as_tier("agency")
    assert [agency.get(f"/api/v1/changes/?limit={n}").status_code for n in (0, 1001, 1000)] == [400, 400, 200]


@pytest.mark.parametrize("query, field", [("fine_min=abc", "fine_min"),
                                          ("decision_date_after=x", "decision_date_after"),
                                          ("decision_date_before=2026-13-45", "decision_date_before")])
def test_a_range_filter_error_names_the_parameter_sent(api, query, field):
    response = api.get(f"/api/v1/penalties/?{query}")
    assert response.status_code == 400 and list(response.json()["errors"]) == [field]
