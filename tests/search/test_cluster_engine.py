"""What only a cluster engine does, against the real server: refusals told apart from outages, one index behind
the alias however many processes start at once, rebuilds that clean up after themselves, writes that never create
an index of their own, and the long administrative timeout."""
import threading

import pytest

from search.engines.base import DocumentRejected, EngineRejected, EngineUnavailable
from search.engines.cluster_bodies import index_definition
from search.query import SearchQuery
from tests.concurrency import run_together
from tests.search.clusters import cluster_engine
from tests.search.conftest import index, make_doc


def indices_of(engine) -> set[str]:
    """Every index whose name starts with the engine's alias (what a test alias owns on the server)."""
    return set(engine.client.admin.indices.get(index=f"{engine.alias}*", expand_wildcards="all"))


def test_a_query_the_server_refuses_is_a_refusal_with_its_reason_not_an_outage(cluster):
    cluster.ensure_index()
    with pytest.raises(EngineRejected) as error:
        cluster.client.search(cluster.alias, {"query": {"no_such_query": {}}})
    assert error.value.engine_status == 400
    assert "no_such_query" in error.value.reason


def test_a_document_the_server_rejects_is_named_with_the_reason(cluster):
    with pytest.raises(DocumentRejected) as error:
        index(cluster, make_doc(), make_doc(id="pen_toolarge", seq=2**64))
    assert error.value.document_id == "pen_toolarge"
    assert "seq" in error.value.reason


def test_concurrent_first_starts_leave_the_alias_on_one_index(cluster):
    cluster.destroy()
    engines = [cluster_engine(cluster.name) for _ in range(6)]
    for engine in engines:
        engine.destroy()
        engine.alias = cluster.alias
    barrier, errors = threading.Barrier(len(engines)), []

    def start(engine):
        barrier.wait()
        try:
            engine.create_if_missing()
        except Exception as exc:  # noqa: BLE001 (collected and asserted below)
            errors.append(exc)

    run_together(start, engines)
    assert errors == []
    assert len(cluster.client.alias_targets(cluster.alias)) == 1
    index(engines[0], make_doc(body="食品"))
    assert len(cluster.search(SearchQuery(text="食品")).hits) == 1


def test_a_rebuild_outlives_the_search_timeout(cluster):
    slow = cluster_engine(cluster.name, timeout=0.001, admin_timeout=60)
    slow.alias = cluster.alias
    assert slow.rebuild(make_doc() for _ in range(3000)) == 3000
    assert cluster.count() == 3000


def test_a_rebuild_with_a_rejected_document_deletes_what_it_built(cluster):
    kept = index(cluster, make_doc(body="食品"))[0]
    before = indices_of(cluster)
    with pytest.raises(DocumentRejected):
        cluster.rebuild([make_doc(), make_doc(id="pen_toolarge", seq=2**64)])
    assert indices_of(cluster) == before
    assert [hit.id for hit in cluster.search(SearchQuery(text="食品")).hits] == [kept.id]


def test_a_rebuild_whose_source_fails_deletes_what_it_built(cluster):
    index(cluster, make_doc())
    before = indices_of(cluster)

    def documents():
        yield make_doc()
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        cluster.rebuild(documents())
    assert indices_of(cluster) == before


def test_a_write_after_the_index_vanished_fails_instead_of_creating_one(cluster):
    index(cluster, make_doc())
    (target,) = cluster.client.alias_targets(cluster.alias)
    cluster.client.delete_index(target)  # an operator's mistake: the alias goes with its index
    with pytest.raises(EngineRejected) as error:
        index(cluster, make_doc())
    assert "require_alias" in error.value.reason or "no such index" in error.value.reason
    assert not cluster.client.index_exists(cluster.alias)


def test_a_vanished_index_is_unavailable_until_rebuilt_never_silently_empty(cluster):
    index(cluster, make_doc(body="食品"))
    (target,) = cluster.client.alias_targets(cluster.alias)
    cluster.client.delete_index(target)
    with pytest.raises(EngineUnavailable, match="search_rebuild"):
        cluster.search(SearchQuery(text="食品"))  # this process had checked the index before
    fresh = cluster_engine(cluster.name)
    fresh.destroy()
    fresh.alias = cluster.alias
    with pytest.raises(EngineUnavailable, match="search_rebuild"):
        fresh.search(SearchQuery(text="食品"))  # a process starting now
    assert fresh.health()["ok"] is False  # so search_rebuild --if-missing rebuilds
    assert cluster.client.alias_targets(cluster.alias) == []


def test_rebuilds_at_once_leave_the_alias_on_one_index_and_nothing_behind(cluster):
    others = [cluster_engine(cluster.name) for _ in range(3)]
    for engine in others:
        engine.destroy()
        engine.alias = cluster.alias
    errors = []

    def rebuild(engine):
        try:
            engine.rebuild([make_doc(body="食品") for _ in range(50)])
        except EngineRejected as exc:
            errors.append(exc)

    run_together(rebuild, others)
    assert len(errors) < len(others)
    assert all("another rebuild" in str(error) for error in errors)
    (target,) = cluster.client.alias_targets(cluster.alias)
    assert cluster._own_indices() == {target}
    assert cluster.search(SearchQuery(text="食品")).total == 50


def test_an_index_of_another_schema_version_is_refused_until_rebuilt(cluster):
    cluster.destroy()
    old = f"{cluster.alias}-old"
    definition = index_definition(old, alias=cluster.alias)
    definition["mappings"]["_meta"] = {"schema_version": 1}
    cluster.client.create_index(old, definition)
    with pytest.raises(EngineUnavailable, match="search_rebuild"):
        cluster.search(SearchQuery(text="食品"))
    assert cluster.health()["ok"] is False  # so search_rebuild --if-missing rebuilds it
    cluster.rebuild([make_doc(body="食品")])
    assert cluster.health()["ok"] is True
    assert len(cluster.search(SearchQuery(text="食品")).hits) == 1
    assert old not in indices_of(cluster)


def test_every_document_number_is_read_across_pages(cluster):
    docs = index(cluster, *[make_doc() for _ in range(7)])
    cluster.seq_page = 3
    assert sorted(cluster.seqs()) == sorted(doc.seq for doc in docs)


def test_an_empty_engine_setting_asks_the_server_which_it_is(cluster):
    from search import configured_kind
    from tests.search.clusters import cluster_url

    assert configured_kind("", cluster_url(cluster.name), timeout=5) == cluster.name
    with_credentials = cluster_url(cluster.name).replace("http://", "http://reader:pass%20word@")
    assert configured_kind("", with_credentials, timeout=5) == cluster.name


def test_a_query_too_long_for_the_cluster_is_refused_before_it_is_sent(cluster):
    from search.query import QueryError

    for text in ("a" * 1001, " ".join(["罚款"] * 1100)):
        with pytest.raises(QueryError) as error:
            cluster.search(SearchQuery(text=text))
        assert error.value.field == "q"
