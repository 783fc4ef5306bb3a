"""The index follows the change log; results never show what the database no longer publishes."""
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.publication.enums import EndReason
from apps.publication.services import end_publication, publication_sweep
from apps.records.models import Penalty
from apps.searchsync.models import SearchCheckpoint
from apps.searchsync.services import check, consume, rebuild
from search.query import SearchQuery
from search.service import run_search
from tests.factories import PenaltyRowFactory, PersonPenaltyRowFactory

pytestmark = pytest.mark.django_db


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
    assert SearchCheckpoint.objects.get(engine="embedded").last_sequence == 3
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
    assert (out["engine"], out["total"], len(out["hits"])) == ("embedded", 3, 2)
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
