"""The index follows the change log; results never show what the database no longer publishes. Every test runs
on the embedded engine and on each cluster whose test server answers (tests/search/clusters.py)."""
import json
import threading
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.publication.enums import EndReason
from apps.publication.services import end_publication, publication_sweep
from apps.records.models import Penalty
from apps.searchsync.models import SearchCheckpoint
from apps.searchsync.selectors import run_search
from apps.searchsync.services import check, consume, rebuild
from search.query import SearchQuery
from tests.factories import PenaltyRowFactory, PersonPenaltyRowFactory
from tests.search.clusters import CLUSTERS, cluster_url, misfit_index

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["embedded", *CLUSTERS])
def search_engine(request, settings, tmp_path):
    """The configured engine (what the commands use too) over an empty index of this test's own."""
    from search import get_engine

    if request.param == "embedded":
        settings.SEARCH_ENGINE, settings.SEARCH_URL = "embedded", ""
        settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    else:
        settings.SEARCH_ENGINE, settings.SEARCH_URL = request.param, cluster_url(request.param)
        settings.SEARCH_INDEX, settings.SEARCH_TIMEOUT_SECONDS = f"gongshi-test-{uuid.uuid4().hex[:10]}", 10
    get_engine.cache_clear()
    engine = get_engine()
    if request.param != "embedded":
        engine.refresh, engine.retire_seconds = True, 0  # read our own writes at once; no search outlives a test
    yield engine
    engine.destroy()
    get_engine.cache_clear()


def find(text, engine):
    return [hit.id for hit in run_search(SearchQuery(text=text), engine=engine).hits]


@pytest.fixture
def indexed(run_import, write_csv, search_engine):
    """Three published penalties, consumed into the index."""
    run_import(write_csv([PenaltyRowFactory(CF_XDR_MC=f"杭州索引{i}食品有限公司") for i in range(3)]))
    consume(search_engine)
    return list(Penalty.objects.order_by("pk"))


def test_consumer_indexes_published_items(indexed, search_engine):
    assert sorted(find("索引", search_engine)) == sorted(p.public_id for p in indexed)
    assert SearchCheckpoint.objects.get(engine=search_engine.name).last_sequence == 3
    assert check(search_engine).clean


def test_ended_publication_leaves_the_index_after_the_next_consume(indexed, search_engine, today):
    gone = indexed[0]
    end_publication(gone.public_id, EndReason.REVOKED, today)
    consume(search_engine)
    assert gone.public_id not in find("索引", search_engine)
    assert check(search_engine).clean


def test_results_drop_an_item_whose_publication_ended_before_the_index_knew(indexed, search_engine, today):
    end_publication(indexed[0].public_id, EndReason.REVOKED, today)
    result = run_search(SearchQuery(text="索引"), engine=search_engine)  # no consume yet
    assert indexed[0].public_id not in [hit.id for hit in result.hits]
    assert (result.total, result.total_exact) == (2, False)


def test_sweep_reaches_the_index(indexed, search_engine):
    publication_sweep(indexed[0].latest_end)
    consume(search_engine)
    assert find("索引", search_engine) == []


def test_consume_is_idempotent_when_replayed_from_the_start(indexed, search_engine):
    SearchCheckpoint.objects.update(last_sequence=0)
    consume(search_engine)
    assert search_engine.count() == 3


def test_a_crash_between_index_commit_and_checkpoint_only_replays(indexed, run_import, write_csv, search_engine,
                                                                    monkeypatch):
    run_import(write_csv([PenaltyRowFactory(CF_XDR_MC="杭州索引新食品有限公司")], name="more.csv"))
    real_filter = SearchCheckpoint.objects.filter

    def crash(*args, **kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr(SearchCheckpoint.objects, "filter", crash)
    with pytest.raises(RuntimeError):
        consume(search_engine)
    monkeypatch.setattr(SearchCheckpoint.objects, "filter", real_filter)
    consume(search_engine)
    assert search_engine.count() == 4
    assert check(search_engine).clean


def test_rebuild_from_the_database_matches_the_published_set(indexed, search_engine, today):
    end_publication(indexed[1].public_id, EndReason.REVOKED, today)
    assert rebuild(search_engine) == 2
    assert check(search_engine).clean
    assert consume(search_engine) == 0  # the checkpoint moved to the head of the log


def test_masked_persons_cannot_be_found_by_full_name(run_import, write_csv, search_engine):
    run_import(write_csv([PersonPenaltyRowFactory(CF_XDR_MC="欧阳明华", CF_SY="当事人欧阳明华销售变质食品。")]))
    consume(search_engine)
    assert find("欧阳明华", search_engine) == []
    hits = run_search(SearchQuery(text="变质"), engine=search_engine).hits
    assert [hit.subject_name for hit in hits] == ["欧**华"]
    assert "欧阳明华" not in str(hits[0].highlights) and "欧**华" in hits[0].highlights["body"]


def test_search_command_prints_json(indexed, search_engine, capsys):
    call_command("search", "索引", "--json", "--limit", "2")
    out = json.loads(capsys.readouterr().out)
    assert (out["engine"], out["total"], len(out["hits"])) == (search_engine.name, 3, 2)
    assert set(out["hits"][0]) == {"id", "dataset", "subject_name", "score"}


def test_search_check_exits_non_zero_on_drift_and_zero_after_consume(indexed, run_import, write_csv,
                                                                    search_engine, capsys):
    run_import(write_csv([PenaltyRowFactory()], name="new.csv"))
    with pytest.raises(CommandError, match="drift"):
        call_command("search_check")
    assert "1 missing" in capsys.readouterr().out
    call_command("search_consume")
    call_command("search_check")


def test_follow_waits_out_an_unavailable_engine_and_goes_on(indexed, run_import, write_csv, search_engine,
                                                             monkeypatch):
    from apps.searchsync import services
    from search.engines.base import EngineUnavailable

    run_import(write_csv([PenaltyRowFactory(CF_XDR_MC="杭州索引后来食品有限公司")], name="later.csv"))
    real_consume, calls = services.consume, []

    def flaky(engine):
        calls.append(1)
        if len(calls) == 1:
            raise EngineUnavailable("writer busy", retry_after=0)
        return real_consume(engine)

    monkeypatch.setattr(services, "consume", flaky)
    services.follow(search_engine, interval=0, stop=lambda: len(calls) >= 3)
    assert search_engine.count() == 4


@pytest.mark.parametrize("search_engine", ["embedded"], indirect=True)
def test_rebuild_replaces_an_index_of_another_schema_version(indexed, search_engine):
    from search.engines.base import EngineUnavailable
    from search.engines.embedded import EmbeddedEngine

    (search_engine.path / "gongshi-schema-version").write_text("0")
    stale = EmbeddedEngine(search_engine.path)
    with pytest.raises(EngineUnavailable, match="search_rebuild"):
        stale.count()
    from search import get_engine

    get_engine.cache_clear()  # as in a new process: the command opens the index afresh
    call_command("search_rebuild", "--if-missing")
    assert EmbeddedEngine(search_engine.path).count() == 3


def test_the_whole_lifecycle_leaves_no_drift(run_import, write_csv, search_engine, today):
    rows = [PenaltyRowFactory(CF_XDR_MC=f"杭州周期{i}食品有限公司") for i in range(4)]
    run_import(write_csv(rows))
    call_command("search_consume")
    corrected = {**rows[0], "CF_WFXW": "经营标签不符合规定的食品"}
    run_import(write_csv([corrected, *rows[1:]], name="corrected.csv"))
    call_command("search_consume")
    assert len(find("标签", search_engine)) == 1
    penalties = list(Penalty.objects.order_by("pk"))
    end_publication(penalties[1].public_id, EndReason.REVOKED, today)
    publication_sweep(today)
    call_command("search_consume")
    assert sorted(find("周期", search_engine)) == sorted(p.public_id for p in penalties[:1] + penalties[2:])
    call_command("search_check")  # exits non-zero on drift
    publication_sweep(penalties[0].latest_end)
    call_command("search_consume")
    assert find("周期", search_engine) == []
    assert check(search_engine).clean


@pytest.mark.parametrize("search_engine", list(CLUSTERS), indirect=True)
def test_a_document_the_cluster_rejects_stops_the_consumer_naming_it(run_import, write_csv, search_engine):
    from apps.searchsync.services import follow
    from search.engines.base import DocumentRejected

    misfit_index(search_engine, "region")
    run_import(write_csv([PenaltyRowFactory()]))
    with pytest.raises(DocumentRejected) as error:
        follow(search_engine, interval=0)
    assert error.value.document_id == Penalty.objects.get().public_id
    assert "region" in error.value.reason
    assert SearchCheckpoint.objects.get(engine=search_engine.name).last_sequence == 0


@pytest.mark.parametrize("search_engine", list(CLUSTERS), indirect=True)
def test_a_rebuild_under_concurrent_searches_never_fails_or_comes_back_empty(run_import, write_csv,
                                                                               search_engine):
    run_import(write_csv([PenaltyRowFactory(CF_XDR_MC=f"杭州并发{i}食品有限公司") for i in range(300)]))
    rebuild(search_engine)
    search_engine.retire_seconds = 1  # what production does (its search timeout): searches in flight finish
    stop, answers, errors = threading.Event(), [], []

    def keep_searching():
        while not stop.is_set():
            try:
                answers.append(search_engine.search(SearchQuery(text="并发", limit=5)))
            except Exception as exc:  # noqa: BLE001 (collected and asserted below)
                errors.append(exc)

    searchers = [threading.Thread(target=keep_searching) for _ in range(2)]
    for thread in searchers:
        thread.start()
    try:
        for _ in range(3):
            assert rebuild(search_engine) == 300
    finally:
        stop.set()
        for thread in searchers:
            thread.join()
    assert errors == []
    assert len(answers) > 20
    assert all(answer.total == 300 and len(answer.hits) == 5 for answer in answers)


@pytest.mark.parametrize("search_engine", list(CLUSTERS), indirect=True)
def test_a_query_the_cluster_refuses_is_a_logged_server_error_not_unavailable(client, search_engine, caplog):
    from search.engines.base import EngineRejected

    misfit_index(search_engine, "dataset")  # the server refuses a filter giving the dataset a word
    client.raise_request_exception = False
    response = client.get("/api/v1/search/", {"q": "食品", "dataset": "penalty"})
    assert response.status_code == 500  # our defect, not an outage: no Retry-After, no 503
    logged = [r.exc_info[1] for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert isinstance(logged[0], EngineRejected) and logged[0].engine_status == 400
    assert "penalty" in logged[0].reason  # the engine's own words about what it could not take
