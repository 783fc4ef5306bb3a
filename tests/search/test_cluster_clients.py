"""How cluster failures are told apart and which engine the settings choose (pure functions, no server)."""
import pytest
from django.core.exceptions import ImproperlyConfigured

from search import configured_kind
from search.engines.base import EngineRejected, EngineUnavailable
from search.engines.cluster_clients import classify, kind_of, reason_of

PARSING = {"error": {"root_cause": [{"type": "parsing_exception", "reason": "unknown query [x]"}],
                     "type": "parsing_exception", "reason": "unknown query [x]"}, "status": 400}


@pytest.mark.parametrize("status", [None, 429, 500, 502, 503])
def test_no_answer_overload_and_server_trouble_are_unavailable(status):
    assert isinstance(classify(status, "busy", "the search"), EngineUnavailable)


@pytest.mark.parametrize("status", [400, 404, 409])
def test_other_refusals_are_rejections_keeping_status_and_reason(status):
    error = classify(status, "parsing_exception: unknown query [x]", "the search")
    assert isinstance(error, EngineRejected) and not isinstance(error, EngineUnavailable)
    assert (error.engine_status, error.reason) == (status, "parsing_exception: unknown query [x]")


def test_the_reason_is_the_engines_own_words():
    assert reason_of(PARSING) == "parsing_exception: unknown query [x]"
    assert reason_of({"error": "index_not_found"}) == "index_not_found"


def test_the_kind_is_read_from_the_version_answer():
    assert kind_of({"version": {"distribution": "opensearch", "number": "2.19.6"}}) == "opensearch"
    assert kind_of({"version": {"number": "8.19.3", "build_flavor": "default"}}) == "elasticsearch"


@pytest.mark.parametrize("engine, url, expected", [("", "", "embedded"), ("embedded", "http://x:9200", "embedded"),
                                                   ("opensearch", "http://x:9200", "opensearch"),
                                                   ("elasticsearch", "http://x:9200", "elasticsearch")])
def test_the_settings_choose_the_engine(engine, url, expected):
    assert configured_kind(engine, url, timeout=1) == expected


@pytest.mark.parametrize("engine, url", [("solr", "http://x:8983"), ("opensearch", "")])
def test_settings_that_cannot_work_are_refused_by_name(engine, url):
    with pytest.raises(ImproperlyConfigured, match="SEARCH_"):
        configured_kind(engine, url, timeout=1)


def test_an_unavailable_engine_answers_503_without_naming_hosts(rf):
    from portal.middleware import ServiceUnavailableMiddleware

    response = ServiceUnavailableMiddleware(lambda request: None).process_exception(
        rf.get("/api/v1/search/"), EngineUnavailable("HTTPConnection(host='10.0.0.7', port=9200) refused"))
    assert response.status_code == 503 and b"10.0.0.7" not in response.content
