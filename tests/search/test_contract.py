"""The engine contract: every engine answers these the same way. Runs on the embedded engine always, and on
each cluster (OpenSearch, Elasticsearch) whose test server answers (tests/search/clusters.py)."""
import datetime as dt

import pytest

from search.query import QueryError, SearchQuery
from tests.search.conftest import index, make_doc


def ids(result):
    return [hit.id for hit in result.hits]


def search(engine, text="", **options):
    return engine.search(SearchQuery(text=text, **options))


def test_exact_company_name_ranks_that_company_first(engine):
    exact = make_doc(name="南京鑫达食品有限公司", body="经营超过保质期的食品。")
    longer = make_doc(name="南京鑫达食品有限公司第一分公司", body="经营超过保质期的食品。")
    mention = make_doc(body="南京鑫达食品有限公司的供应商南京鑫达食品有限公司出售过期食品。")
    index(engine, mention, longer, exact)
    assert ids(search(engine, "南京鑫达食品有限公司"))[0] == exact.id


def test_person_named_exactly_ranks_above_a_longer_name(engine):
    short = make_doc(dataset="list_entry", id="lst_000001", name="卢建", category="自然人")
    longer = make_doc(dataset="list_entry", id="lst_000002", name="卢建国", category="自然人")
    index(engine, longer, short)
    assert ids(search(engine, "卢建"))[:2] == [short.id, longer.id]


def test_uscc_query_returns_that_subjects_records(engine):
    uscc = "91320105780688132K"
    mine = [make_doc(codes=[uscc]), make_doc(codes=[uscc])]
    index(engine, *mine, make_doc(codes=["91110116589133454J"]))
    assert sorted(ids(search(engine, uscc.lower()))) == sorted(d.id for d in mine)


@pytest.mark.parametrize("term", ["食品", "环保", "罚款"])
def test_two_character_terms_find_matches(engine, term):
    hit = make_doc(body=f"当事人违反{term}相关规定。")
    index(engine, hit, make_doc(body="其他事项。"))
    assert ids(search(engine, term)) == [hit.id]


def test_one_character_query_finds_through_single_characters(engine):
    hit = make_doc(body="依法予以警告。")
    index(engine, hit, make_doc(body="责令改正。"))
    assert ids(search(engine, "警")) == [hit.id]


def test_phrase_outranks_scattered_terms(engine):
    together = make_doc(body="该公司存在食品安全隐患。")
    scattered = make_doc(body="该公司的食品仓库存在消防安全隐患。")
    index(engine, scattered, together)
    assert ids(search(engine, "食品 安全")) == [together.id, scattered.id]


def test_each_term_must_match(engine):
    both = make_doc(body="食品经营者未履行进货查验义务。")
    index(engine, both, make_doc(body="食品标签不合格。"))
    assert ids(search(engine, "食品 查验")) == [both.id]


def test_traditional_query_finds_simplified_text(engine):
    hit = make_doc(body="依法作出行政处罚决定。")
    index(engine, hit)
    assert ids(search(engine, "行政處罰")) == [hit.id]


def test_full_width_query_finds_half_width_text(engine):
    hit = make_doc(body="罚款2000元。")
    index(engine, hit)
    assert ids(search(engine, "２０００")) == [hit.id]


def test_decision_number_matches_exactly(engine):
    hit = make_doc(number="苏市监罚〔2023〕123号", codes=["苏市监罚〔2023〕123号"])
    index(engine, hit, make_doc(number="苏市监罚〔2023〕124号", codes=["苏市监罚〔2023〕124号"]))
    assert ids(search(engine, "苏市监罚〔2023〕123号"))[0] == hit.id


def test_decision_number_prefix_finds_that_authoritys_year(engine):
    year = [make_doc(number=n, codes=[n]) for n in ("苏市监罚〔2023〕1号", "苏市监罚〔2023〕77号")]
    other = [make_doc(number=n, codes=[n]) for n in ("苏市监罚〔2022〕5号", "浙市监罚〔2023〕5号")]
    index(engine, *year, *other)
    assert sorted(ids(search(engine, "苏市监罚〔2023〕"))) == sorted(d.id for d in year)


def test_filters_narrow_the_results(engine):
    a = make_doc(dataset="penalty", region="江苏省", kinds=["罚款"], date=dt.date(2025, 1, 5), fine=0.5)
    b = make_doc(dataset="penalty", region="浙江省", kinds=["警告"], date=dt.date(2025, 3, 5), fine=20.0)
    c = make_doc(dataset="licence", id="lic_000001", region="江苏省", kinds=[], date=dt.date(2025, 5, 5), fine=None)
    index(engine, a, b, c)
    assert set(ids(search(engine, datasets=("penalty",)))) == {a.id, b.id}
    assert set(ids(search(engine, regions=("江苏省",)))) == {a.id, c.id}
    assert ids(search(engine, kinds=("警告",))) == [b.id]
    assert set(ids(search(engine, date_from=dt.date(2025, 2, 1)))) == {b.id, c.id}
    assert ids(search(engine, fine_min=10.0)) == [b.id]


def test_a_list_scope_hides_other_lists_entries_and_keeps_the_other_datasets(engine):
    penalty = make_doc()
    mine = make_doc(dataset="list_entry", id="lst_000101", list_code="court-dishonest-debtors")
    other = make_doc(dataset="list_entry", id="lst_000102", list_code="samr-abnormal-operations")
    index(engine, penalty, mine, other)
    scoped = search(engine, list_scope=("court-dishonest-debtors",), facets=("list",))
    assert set(ids(scoped)) == {penalty.id, mine.id}
    assert scoped.facets["list"] == [("court-dishonest-debtors", 1)]


def test_sort_by_date_and_fine(engine):
    docs = [make_doc(date=dt.date(2025, m, 1), fine=f) for m, f in ((3, 5.0), (1, 50.0), (2, 0.5))]
    index(engine, *docs)
    assert ids(search(engine, sort="-date")) == [docs[0].id, docs[2].id, docs[1].id]
    assert ids(search(engine, sort="date")) == [docs[1].id, docs[2].id, docs[0].id]
    assert ids(search(engine, sort="-fine")) == [docs[1].id, docs[0].id, docs[2].id]


@pytest.mark.parametrize("sort", ["-date", "fine", "relevance"])
def test_cursor_pages_through_every_hit_once_in_a_stable_order(engine, sort):
    docs = [make_doc(date=dt.date(2025, 1 + i % 3, 1), fine=float(i % 4)) for i in range(11)]
    index(engine, *docs)
    seen, cursor = [], None
    while True:
        page = search(engine, "明码标价", sort=sort, limit=4, cursor=cursor)
        seen += ids(page)
        cursor = page.next_cursor
        if not cursor:
            break
    assert sorted(seen) == sorted(d.id for d in docs)
    assert len(seen) == len(set(seen))


def test_cursor_of_another_sort_is_refused(engine):
    index(engine, *[make_doc() for _ in range(3)])
    cursor = search(engine, sort="-date", limit=1).next_cursor
    with pytest.raises(QueryError) as error:
        search(engine, sort="fine", cursor=cursor)
    assert error.value.field == "cursor"


def test_facets_count_the_matching_set(engine):
    index(engine, make_doc(authority="甲局", kinds=["罚款", "没收违法所得"]), make_doc(authority="甲局"),
          make_doc(authority="乙局", body="无关"))
    result = search(engine, "明码标价", facets=("authority", "kind", "dataset", "year"))
    assert result.facets["authority"] == [("甲局", 2)]
    assert dict(result.facets["kind"]) == {"罚款": 2, "没收违法所得": 1}
    assert result.facets["year"] == [("2025", 2)]


def test_total_is_exact_and_names_the_engine(engine):
    index(engine, *[make_doc() for _ in range(5)])
    result = search(engine, "明码标价", limit=2)
    assert (result.total, result.total_exact, len(result.hits), result.engine) == (5, True, 2, engine.name)


def test_highlights_mark_the_terms(engine):
    index(engine, make_doc(body="当事人销售过期食品，违反食品安全法。"))
    hit = search(engine, "食品").hits[0]
    assert "<mark>食品</mark>" in hit.highlights["body"]


def test_deleted_documents_disappear_and_upserts_replace(engine):
    keep, gone = make_doc(body="食品"), make_doc(body="食品")
    index(engine, keep, gone)
    with engine.batch() as batch:
        batch.delete([gone.id])
        batch.upsert([make_doc(id=keep.id, seq=keep.seq, body="药品")])
    assert ids(search(engine, "食品")) == []
    assert ids(search(engine, "药品")) == [keep.id]
    assert engine.count() == 1


def test_rebuild_replaces_everything(engine):
    index(engine, make_doc(), make_doc())
    fresh = make_doc()
    assert engine.rebuild([fresh]) == 1
    assert set(engine.seqs()) == {fresh.seq}
