"""The cluster engines' mapping and request bodies, tested as data (no server needed)."""
import datetime as dt
import socket

import pytest

from search.engines.base import EngineUnavailable
from search.engines.cluster_bodies import (
    SCHEMA_VERSION,
    TRACK_TOTAL_HITS,
    bulk_failures,
    bulk_operations,
    index_definition,
    preference_of,
    query_body,
    seqs_body,
    source_of,
)
from search.plan import CODE_EXACT_BOOST, EXACT_NAME_BOOST, FIELD_WEIGHTS, build_plan
from search.query import Cursor, SearchQuery
from tests.search.conftest import make_doc

BUILT_IN_FILTERS = {"cjk_width", "lowercase", "cjk_bigram"}


@pytest.fixture
def mapping():
    return index_definition("gongshi-20261122")


def test_analysis_uses_only_built_in_cjk_filters(mapping):
    analyzer = mapping["settings"]["analysis"]["analyzer"]["gongshi_cjk"]
    assert (analyzer["tokenizer"], analyzer["filter"]) == ("standard", ["cjk_width", "lowercase", "cjk_bigram"])
    assert set(analyzer["filter"]) <= BUILT_IN_FILTERS


def test_name_has_unigram_and_exact_subfields(mapping):
    name = mapping["mappings"]["properties"]["name"]
    assert name["analyzer"] == "gongshi_cjk"
    assert name["fields"] == {"uni": {"type": "text", "analyzer": "standard"}, "exact": {"type": "keyword"}}


def test_every_filter_and_facet_of_the_query_model_has_its_keyword_field(mapping):
    from search.plan import KEYWORD_FIELDS

    properties = mapping["mappings"]["properties"]
    assert {field: properties[field]["type"] for field in KEYWORD_FIELDS.values()} == dict.fromkeys(
        KEYWORD_FIELDS.values(), "keyword")


def test_codes_filters_and_sort_keys_are_keywords_and_numbers(mapping):
    properties = mapping["mappings"]["properties"]
    assert {name: properties[name]["type"] for name in ("codes", "dataset", "region", "kind", "seq", "date_key")} \
        == {"codes": "keyword", "dataset": "keyword", "region": "keyword", "kind": "keyword", "seq": "long",
            "date_key": "long"}
    assert (properties["authority"]["type"], properties["authority_f"]["type"]) == ("text", "keyword")
    assert properties["fine"]["type"] == "double"
    assert properties["display"] == {"type": "object", "enabled": False}


def test_the_index_carries_its_schema_version_and_its_alias_in_one_definition():
    definition = index_definition("gongshi-first", alias="gongshi")
    assert definition["mappings"]["_meta"] == {"schema_version": SCHEMA_VERSION}
    assert definition["aliases"] == {"gongshi": {}}
    assert "aliases" not in index_definition("gongshi-20261204")


def test_terms_are_anded_dis_max_phrases_weighted_like_the_embedded_engine():
    body = query_body(build_plan(SearchQuery(text="食品 苏市监罚〔2023〕")))
    must = body["query"]["bool"]["must"]
    assert len(must) == 2
    food = must[0]["dis_max"]["queries"]
    phrases = {field: spec["boost"] for q in food if "match_phrase" in q for field, spec in q["match_phrase"].items()}
    assert phrases == FIELD_WEIGHTS
    number = must[1]["dis_max"]["queries"]
    assert {"constant_score": {"filter": {"term": {"codes": "苏市监罚〔2023〕"}}, "boost": CODE_EXACT_BOOST}} in number
    assert any("prefix" in q.get("constant_score", {}).get("filter", {}) for q in number)


def test_exact_name_and_whole_phrase_add_to_the_score():
    should = query_body(build_plan(SearchQuery(text="食品 安全")))["query"]["bool"]["should"]
    assert {"term": {"name.exact": {"value": "食品 安全", "boost": EXACT_NAME_BOOST}}} in should
    assert any(q.get("match_phrase", {}).get("body", {}).get("query") == "食品安全" for q in should)


def test_one_character_terms_use_the_unigram_subfields():
    alternatives = query_body(build_plan(SearchQuery(text="罚")))["query"]["bool"]["must"][0]["dis_max"]["queries"]
    assert {"term": {"name.uni": {"value": "罚", "boost": 8.0}}} in alternatives


def test_query_text_is_folded_before_it_is_sent():
    body = query_body(build_plan(SearchQuery(text="行政處罰")))
    assert body["query"]["bool"]["must"][0]["dis_max"]["queries"][0]["match_phrase"]["name"]["query"] == "行政处罚"


def test_filters_facets_and_total_tracking():
    body = query_body(build_plan(SearchQuery(
        datasets=("penalty",), regions=("江苏省",), date_from=dt.date(2025, 1, 1), fine_min=1.0,
        facets=("authority", "kind"))))
    assert body["query"]["bool"]["filter"] == [
        {"terms": {"dataset": ["penalty"]}}, {"terms": {"region": ["江苏省"]}},
        {"range": {"date": {"gte": 20250101}}}, {"range": {"fine": {"gte": 1.0}}}]
    assert body["aggs"] == {"authority": {"terms": {"field": "authority_f", "size": 20}},
                            "kind": {"terms": {"field": "kind", "size": 20}}}
    assert body["track_total_hits"] == TRACK_TOTAL_HITS
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]


def test_field_sorts_page_with_search_after():
    cursor = Cursor("-date", after=(123456789,)).encode()
    body = query_body(build_plan(SearchQuery(sort="-date", cursor=cursor, limit=50)))
    assert (body["sort"], body["search_after"], body["size"]) == ([{"date_key": "desc"}], [123456789], 50)


def test_relevance_pages_by_position_with_a_stable_tie_break():
    cursor = Cursor("relevance", offset=40).encode()
    body = query_body(build_plan(SearchQuery(text="食品", cursor=cursor)))
    assert (body["sort"], body["from"]) == (["_score", {"seq": "asc"}], 40)


def test_source_folds_search_text_and_keeps_display_text():
    doc = make_doc(name="臺灣ＡＢＣ公司", body="行政處罰", codes=["ｓ１２３"], date=dt.date(2025, 6, 1))
    source = source_of(doc)
    assert (source["name"], source["body"], source["codes"], source["date"]) == ("台湾abc公司", "行政处罚",
                                                                                 ["S123"], 20250601)
    assert (source["display"]["name"], source["display"]["body"]) == ("臺灣ＡＢＣ公司", "行政處罰")


def test_authority_is_searched_folded_and_kept_as_written_for_facets():
    source = source_of(make_doc(authority="臺北市市場監督管理局"))
    assert (source["authority"], source["authority_f"]) == ("台北市市场监督管理局", "臺北市市場監督管理局")


def test_bulk_lines_are_keyed_by_public_id_so_replays_overwrite():
    doc = make_doc()
    lines = bulk_operations("gongshi", upserts=[doc], deletes=["pen_gone"])
    assert lines[0] == {"index": {"_index": "gongshi", "_id": doc.id}}
    assert lines[1]["id"] == doc.id
    assert lines[2] == {"delete": {"_index": "gongshi", "_id": "pen_gone"}}


def test_bulk_failures_name_the_document_and_the_reason_and_ignore_deleting_the_absent():
    answer = {"errors": True, "items": [
        {"index": {"_id": "pen_1", "status": 201}},
        {"delete": {"_id": "pen_gone", "status": 404, "result": "not_found"}},
        {"index": {"_id": "pen_2", "status": 400, "error": {
            "type": "mapper_parsing_exception", "reason": "failed to parse field [seq]",
            "caused_by": {"type": "input_coercion_exception", "reason": "out of range"}}}},
    ]}
    assert bulk_failures(answer) == [("pen_2", 400, "mapper_parsing_exception: failed to parse field [seq] "
                                                    "(caused by input_coercion_exception: out of range)")]
    assert bulk_failures({"errors": False, "items": [{"index": {"_id": "x", "status": 200}}]}) == []


def test_relevance_pages_of_one_query_share_a_routing_preference():
    first = build_plan(SearchQuery(text="食品"))
    second = build_plan(SearchQuery(text="食品", cursor=Cursor("relevance", offset=20).encode()))
    assert preference_of(first) == preference_of(second)
    assert preference_of(first) != preference_of(build_plan(SearchQuery(text="药品")))
    assert not preference_of(first).startswith("_")  # a leading underscore names the server's own preferences


def test_document_numbers_are_read_in_pages_resumed_after_the_last():
    assert seqs_body(None, size=3) == {"size": 3, "sort": [{"seq": "asc"}], "_source": False,
                                       "docvalue_fields": ["seq"], "query": {"match_all": {}},
                                       "track_total_hits": False}
    assert seqs_body(41, size=3)["search_after"] == [41]


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_an_unreachable_cluster_is_unavailable_not_an_error(kind):
    from search.engines.cluster import ClusterEngine

    with socket.socket() as probe:  # a local port nobody listens on: the connection is refused at once
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    engine = ClusterEngine(kind, f"http://127.0.0.1:{port}", "gongshi", timeout=1)
    with pytest.raises(EngineUnavailable) as error:
        engine.search(SearchQuery(text="食品"))
    assert error.value.retry_after > 0
    assert engine.health()["ok"] is False
