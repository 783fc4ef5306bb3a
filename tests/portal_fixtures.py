"""Fixtures of a small published portal, shared by the page tests and the browser tests."""
import pytest

from tests.factories import ListEntryRowFactory, PenaltyRowFactory, PersonPenaltyRowFactory


@pytest.fixture
def portal_data(db, run_import, write_csv, search_engine, today):
    """Published penalties (one on a person with an ID number in the feed), list entries, one penalty whose
    publication ended, the search index and statistics."""
    from apps.publication.services import end_publication
    from apps.records.models import Penalty
    from apps.searchsync.services import consume
    from apps.stats.compute import refresh

    run_import(write_csv(PenaltyRowFactory.build_batch(4) + [PersonPenaltyRowFactory(
        CF_XDR_MC="张三丰", CF_SY="当事人张三丰（身份证110101199003077758）销售过期食品。")], name="p.csv"))
    run_import(write_csv(ListEntryRowFactory.build_batch(3), name="l.csv"), list_code="samr-abnormal-operations")
    ended = Penalty.objects.filter(party_category="法人及非法人组织").order_by("pk").first()
    end_publication(ended.public_id, reason="revoked", today=today)
    consume(search_engine)
    refresh()
    return {"ended": Penalty.objects.get(pk=ended.pk), "person": Penalty.objects.get(party_name="张三丰")}


@pytest.fixture
def key_for(db):
    """A fresh key of a tier: the secret to send."""
    from apps.access.keys import issue_key

    def make(tier: str, **options) -> str:
        return issue_key(tier, **options)[1]
    return make


@pytest.fixture
def as_tier(key_for):
    """An API client sending a key of the given tier (or none for anonymous)."""
    from rest_framework.test import APIClient

    def client(tier: str) -> APIClient:
        c = APIClient()
        if tier != "anonymous":
            c.credentials(HTTP_X_API_KEY=key_for(tier))
        return c
    return client


# Persons whose names recur in the decisions' text, and ID numbers in every writing providers use.
MASKED_PERSON = "于晨"            # a penalty party: masked wherever the tier masks persons
JOINED_PERSON = "钱多多"          # a penalty party also on the court debtors' list (same ID number): one profile
COURT_PERSON = "孙大圣"           # on the court debtors' list only, with the court's partial ID number
COURT_PARTIAL_ID = "3201001976****8284"
PERSON_IDS = {"spaced": "1101 0119 9003 0777 58", "hyphenated": "110101-19900307-7758",
              "full-width": "１１０１０１１９９００３０７７７５８", "legacy": "110101900307775",
              "wrong-check": "110101199003077757"}
JOINED_ID = "11010519491231002X"
OTHER_LIST = "samr-abnormal-operations"
LIMITED_LIST = "court-dishonest-debtors"


@pytest.fixture
def audience_data(db, run_import, write_csv, write_json, search_engine, today):
    """Items for checking what each audience sees: a person's penalty whose name recurs in its case name, type,
    facts and remarks next to ID numbers in every writing; a person on both a penalty and the court debtors'
    list; a court debtor with the court's partial ID; entries on another list; a list-limited tier and an
    unpublished entry; the index and statistics built."""
    from apps.access.models import Tier
    from apps.demo.generator import MAPPINGS_DIR
    from apps.lists.models import ListEntry
    from apps.publication.services import end_publication
    from apps.searchsync.services import consume
    from apps.stats.compute import refresh
    from tests.factories import ListEntryRowFactory, PenaltyRowFactory, PersonPenaltyRowFactory

    ids = "；".join(f"证件{i}：{number}" for i, number in enumerate(PERSON_IDS.values()))
    run_import(write_csv(PenaltyRowFactory.build_batch(2) + [
        PersonPenaltyRowFactory(CF_XDR_MC=MASKED_PERSON, CF_XDR_ZJHM="", CF_WSH="苏价罚〔2026〕7号",
                                CF_CFMC=f"{MASKED_PERSON}不按规定明码标价案",
                                CF_WFXW=f"{MASKED_PERSON}未按规定明码标价",
                                CF_SY=f"当事人{MASKED_PERSON}（{ids}）在经营中未明码标价。",
                                CF_NR=f"对{MASKED_PERSON}罚款500元", BZ=f"{MASKED_PERSON}已缴清罚款；{ids}"),
        PersonPenaltyRowFactory(CF_XDR_MC=JOINED_PERSON, CF_XDR_ZJHM=JOINED_ID, CF_WSH="苏价罚〔2026〕8号",
                                CF_SY=f"当事人{JOINED_PERSON}销售过期食品。"),
    ], name="p.csv"))
    court = [{"iname": JOINED_PERSON, "caseCode": "(2025)苏0102执88号", "cardNum": JOINED_ID,
              "courtName": "南京市玄武区人民法院", "disruptTypeName": f"{JOINED_PERSON}违反财产报告制度",
              "publishDate": "2026年03月01日", "regDate": "2026年01月05日", "sexy": "女", "partyType": "1",
              "performance": "全部未履行"},
             {"iname": COURT_PERSON, "caseCode": "(2025)苏0102执99号", "cardNum": COURT_PARTIAL_ID,
              "courtName": "南京市玄武区人民法院", "disruptTypeName": "有履行能力而拒不履行生效法律文书确定义务",
              "publishDate": "2026年03月02日", "regDate": "2026年01月06日", "sexy": "男", "partyType": "1",
              "performance": "全部未履行"}]
    run_import(write_json(court, name="court.json"), mapping_path=MAPPINGS_DIR / "court_debtors.toml")
    run_import(write_csv(ListEntryRowFactory.build_batch(3), name="l.csv"), list_code=OTHER_LIST)
    unpublished = ListEntry.objects.filter(list_type_id=OTHER_LIST).order_by("pk").first()
    end_publication(unpublished.public_id, reason="revoked", today=today)
    Tier.objects.create(code="lists-only", name="One list", per_minute=100, per_day=1000, max_page_size=100,
                        lists=[LIMITED_LIST], bulk_and_feed=True, csv_export_limit=None)
    consume(search_engine)
    refresh()
    return {"unpublished": unpublished}
