"""IDs where an attacker's review found them leaking: in decision numbers and businesses' names once white space
was folded, in a person's USCC column, in a court's ID column, in a court's text; and names written another way.
Each goes in through the importer and is looked for in what the anonymous and agency tiers get."""
import pytest

from apps.lists.models import ListEntry
from apps.records.models import Penalty
from tests.factories import PenaltyRowFactory, PersonPenaltyRowFactory

pytestmark = pytest.mark.django_db
ID = "110101199003077758"
USCC_SHAPED_ID = "320102198506120077"  # passes both the ID and the USCC check


@pytest.fixture
def imported(run_import, write_csv, search_engine):
    from apps.searchsync.services import consume

    def run(*rows):
        run_import(write_csv(list(rows)))
        consume(search_engine)
    return run


def _everything(as_tier, tier: str, penalty: Penalty) -> str:
    client = as_tier(tier)
    return "".join(client.get(url).content.decode() for url in (
        f"/api/v1/penalties/{penalty.public_id}/", "/api/v1/penalties/",
        f"/api/v1/subjects/{penalty.subject.public_id}/", f"/api/v1/search/?q={penalty.violation_type}"))


@pytest.mark.parametrize("tier", ["anonymous", "agency"])
def test_an_id_split_across_lines_in_a_decision_number_is_not_published_or_found(imported, as_tier, tier):
    imported(PenaltyRowFactory(CF_WSH=f"京朝市监罚字{ID[:6]}\n{ID[6:]}号"))
    penalty = Penalty.objects.get()
    assert ID not in str(Penalty.objects.values().get())
    assert ID not in _everything(as_tier, tier, penalty)
    assert as_tier(tier).get(f"/api/v1/search/?q={ID}").json()["hits"] == []


def test_an_id_in_a_businesses_name_and_representative_is_not_published(imported, as_tier):
    imported(PenaltyRowFactory(CF_XDR_MC=f"朝阳区老张小吃店（经营者 {ID[:6]}\t{ID[6:]}）", CF_FRDB=f"王五（{ID}）"))
    text = _everything(as_tier, "anonymous", Penalty.objects.get())
    assert "老张小吃店" in text and ID not in text and ID[6:] not in text


def test_a_persons_id_in_the_uscc_column_is_kept_only_as_a_hash(imported, as_tier):
    imported(PersonPenaltyRowFactory(CF_XDR_SHXYM=USCC_SHAPED_ID, CF_XDR_ZJHM=""))
    penalty = Penalty.objects.select_related("subject").get()
    assert penalty.party_uscc == "" and penalty.subject.id_hash
    assert USCC_SHAPED_ID not in str(Penalty.objects.values().get())
    assert USCC_SHAPED_ID not in _everything(as_tier, "agency", penalty)


@pytest.mark.parametrize("written", [f"{ID}*", f"{ID[:6]}-{ID[6:14]}-{ID[14:]}"])
def test_a_court_id_column_showing_more_than_a_court_does_keeps_the_region_only(run_import, write_json, written):
    from apps.demo.generator import MAPPINGS_DIR

    row = {"iname": "王某某", "caseCode": "(2025)苏0102执88号", "cardNum": written, "partyType": "1",
           "courtName": "南京市玄武区人民法院", "disruptTypeName": "违反财产报告制度", "publishDate": "2026年03月01日"}
    run_import(write_json([row]), mapping_path=MAPPINGS_DIR / "court_debtors.toml")
    assert ListEntry.objects.get().party_id_masked == ID[:6] + "*" * 12


def test_a_list_row_without_a_category_whose_mask_is_a_persons_is_a_person(run_import, write_csv, as_tier):
    run_import(write_csv([{"主体名称": "冯无类", "证件号码": "5101001976****8284", "列入事由": "偷税",
                           "认定部门": "国家税务总局成都市税务局", "决定文书号": "成税稽罚〔2026〕1号",
                           "列入日期": "2026-09-01", "状态": "在列"}]), list_code="tax-major-violations")
    entry = ListEntry.objects.get()
    detail = as_tier("anonymous").get(f"/api/v1/list-entries/{entry.public_id}/").json()
    assert entry.party_category == "自然人" and detail["party_name"] == "冯*类" and detail["party_id_masked"] == ""


def test_a_courts_masked_id_in_a_reason_is_not_shown(run_import, write_json, as_tier):
    from apps.demo.generator import MAPPINGS_DIR

    row = {"iname": "韩部分", "caseCode": "(2025)苏0102执90号", "cardNum": "3201001976****8284", "partyType": "1",
           "courtName": "南京市玄武区人民法院", "publishDate": "2026年03月01日",
           "disruptTypeName": "被执行人韩部分（身份证号码3201001976****8284）拒不履行"}
    run_import(write_json([row]), mapping_path=MAPPINGS_DIR / "court_debtors.toml")
    entry = ListEntry.objects.get()
    for tier in ("anonymous", "agency"):
        reason = as_tier(tier).get(f"/api/v1/list-entries/{entry.public_id}/").json()["reason"]
        assert "3201001976" not in reason and "[证件号码已隐去]" in reason


@pytest.mark.parametrize(("party", "text"), [("黄 飞鸿", "黄飞鸿未按规定明码标价"),
                                             ("张三丰", "張三豐未按规定明码标价")])
def test_a_name_written_another_way_in_the_text_is_masked_and_not_found(imported, as_tier, party, text):
    imported(PersonPenaltyRowFactory(CF_XDR_MC=party, CF_XDR_ZJHM="", CF_WFXW=text, CF_SY=f"当事人{text}。"))
    penalty = Penalty.objects.get()
    detail = as_tier("anonymous").get(f"/api/v1/penalties/{penalty.public_id}/").json()
    assert detail["violation_type"].endswith("*" + party[-1] + "未按规定明码标价")
    whole = party.replace(" ", "")
    assert as_tier("anonymous").get(f"/api/v1/search/?q={whole}").json()["hits"] == []


def test_statistics_labels_hold_no_id_numbers(run_import, write_csv, client):
    from apps.stats.compute import refresh

    run_import(write_csv(PenaltyRowFactory.build_batch(3, CF_WFXW=f"虚假宣传（举报人身份证{ID[:6]}\n{ID[6:]}）")))
    refresh()
    page = client.get("/stats/").content.decode()
    assert "虚假宣传" in page and ID[6:] not in page


def test_the_subject_filter_does_not_join_an_entry_the_list_names_a_person_on(as_tier, audience_data):
    from tests.portal_fixtures import JOINED_PERSON

    entry = ListEntry.objects.get(party_name=JOINED_PERSON)
    url = f"/api/v1/list-entries/?subject={entry.subject.public_id}"
    assert as_tier("anonymous").get(url).json()["results"] == []
    assert [e["id"] for e in as_tier("agency").get(url).json()["results"]] == [entry.public_id]


@pytest.mark.parametrize("category", ["个体工商户", ""])
def test_an_id_in_the_uscc_column_of_a_business_or_an_unknown_party_is_kept_only_as_a_hash(imported, as_tier,
                                                                                         category):
    imported(PenaltyRowFactory(CF_XDR_MC="王大锤", CF_XDR_LB=category, CF_XDR_SHXYM=USCC_SHAPED_ID))
    penalty = Penalty.objects.get()
    assert USCC_SHAPED_ID not in str(Penalty.objects.values().get())
    assert USCC_SHAPED_ID not in _everything(as_tier, "anonymous", penalty)
    assert as_tier("anonymous").get(f"/api/v1/search/?q={USCC_SHAPED_ID}").json()["hits"] == []


@pytest.mark.parametrize("mask", ["110101********7758", "110101199003****58"])
def test_any_persons_mask_makes_a_row_without_a_category_a_person(run_import, write_csv, mask):
    run_import(write_csv([{"主体名称": "冯无类", "证件号码": mask, "列入事由": "偷税", "状态": "在列",
                           "认定部门": "国家税务总局成都市税务局", "决定文书号": "成税稽罚〔2026〕2号",
                           "列入日期": "2026-09-01"}]),
               list_code="tax-major-violations")
    assert ListEntry.objects.get().party_category == "自然人"


def test_an_organisations_uscc_in_the_court_id_column_is_kept(run_import, write_json):
    from apps.demo.generator import MAPPINGS_DIR

    row = {"iname": "南京某某有限公司", "caseCode": "(2025)苏0102执91号", "cardNum": "91320105780688132K",
           "partyType": "2", "courtName": "南京市玄武区人民法院", "disruptTypeName": "违反财产报告制度",
           "publishDate": "2026年03月01日"}
    run_import(write_json([row]), mapping_path=MAPPINGS_DIR / "court_debtors.toml")
    assert ListEntry.objects.get().party_id_masked == "91320105780688132K"


def test_redaction_runs_twice_over_subjects_whose_uscc_held_an_id_and_stored_masks_showing_too_much(
        imported, as_tier, run_import, write_csv):
    from django.core.management import call_command

    from apps.records.models import Subject

    imported(PenaltyRowFactory(CF_XDR_MC="甲公司"), PenaltyRowFactory(CF_XDR_MC="乙公司", CF_WSH="乙1号"))
    ids = ["110101199003077758", "11010519491231002X"]
    for subject, number in zip(Subject.objects.order_by("pk"), ids, strict=True):
        Subject.objects.filter(pk=subject.pk).update(uscc=number, key=f"uscc:{number}")
    call_command("redact_stored_ids")
    call_command("redact_stored_ids")
    stored = str(list(Subject.objects.values()))
    assert not any(number in stored for number in ids)


def test_an_authority_name_holding_an_id_is_not_shown(imported, as_tier):
    from apps.records.models import Authority

    imported(PenaltyRowFactory())
    Authority.objects.update(name=f"北京市朝阳区人民法院{ID}")
    for url in ("/api/v1/authorities/", "/api/v1/penalties/"):
        assert ID not in as_tier("anonymous").get(url).content.decode()


def test_a_name_written_with_a_separating_dot_is_masked_in_the_text(imported, as_tier):
    imported(PersonPenaltyRowFactory(CF_XDR_MC="阿卜杜·热合曼", CF_XDR_ZJHM="", CF_WFXW="阿卜杜热合曼无证经营",
                                     CF_SY="当事人阿卜杜•热合曼无证经营。"))
    detail = as_tier("anonymous").get(f"/api/v1/penalties/{Penalty.objects.get().public_id}/").json()
    assert "热合曼无证" not in detail["violation_type"] and "热合曼无证" not in detail["facts"]


def test_stored_text_with_an_id_beside_a_two_character_name_is_redacted_for_every_tier(imported, as_tier):
    imported(PersonPenaltyRowFactory(CF_XDR_MC="王勇", CF_XDR_ZJHM=""))
    penalty = Penalty.objects.get()
    Penalty.objects.filter(pk=penalty.pk).update(facts=f"当事人王勇{ID}无照经营")  # stored by an older import
    for tier in ("anonymous", "agency"):
        facts = as_tier(tier).get(f"/api/v1/penalties/{penalty.public_id}/").json()["facts"]
        assert ID not in facts and "[证件号码已隐去]" in facts


def test_a_persons_stored_uscc_shaped_id_is_neither_shown_nor_kept(imported, as_tier):
    from django.core.management import call_command

    from apps.records.models import Subject

    imported(PersonPenaltyRowFactory(CF_XDR_ZJHM=""))
    penalty = Penalty.objects.get()
    Penalty.objects.update(party_uscc=USCC_SHAPED_ID)  # as an older import kept it
    Subject.objects.update(uscc=USCC_SHAPED_ID, key=f"uscc:{USCC_SHAPED_ID}")
    assert USCC_SHAPED_ID not in _everything(as_tier, "agency", penalty)
    call_command("redact_stored_ids")
    assert USCC_SHAPED_ID not in str(list(Subject.objects.values())) + str(list(Penalty.objects.values()))
