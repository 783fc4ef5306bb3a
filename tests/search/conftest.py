"""Engines for the contract suite: the embedded one always, each cluster whose test server answers."""
import datetime as dt

import pytest

from search.documents import SearchDocument
from tests.search.clusters import CLUSTERS, cluster_engine

ENGINES = ["embedded", *CLUSTERS]


def embedded_engine(path):
    from search.engines.embedded import EmbeddedEngine

    return EmbeddedEngine(path, writer_heap_bytes=15_000_000)


@pytest.fixture(params=ENGINES)
def engine(request, tmp_path):
    """An empty index on each engine; a cluster without a test server is skipped with the reason."""
    engine = embedded_engine(tmp_path / "index") if request.param == "embedded" else cluster_engine(request.param)
    yield engine
    engine.destroy()


@pytest.fixture(params=list(CLUSTERS))
def cluster(request):
    """An empty index on each cluster engine (the tests of what only a cluster does)."""
    engine = cluster_engine(request.param)
    yield engine
    engine.destroy()


_seq = iter(range(1, 1_000_000))


def make_doc(**fields) -> SearchDocument:
    """A penalty document with plausible defaults."""
    seq = next(_seq)
    defaults = dict(
        id=f"pen_{seq:06d}", seq=seq * 4 + 1, dataset="penalty", name=f"南京测试{seq}商贸有限公司",
        number=f"宁市监罚〔2025〕{seq}号", authority="南京市市场监督管理局", body="未按规定明码标价。",
        title=f"宁市监罚〔2025〕{seq}号 不按规定明码标价", codes=[], region="江苏省", kinds=["罚款"],
        category="法人及非法人组织", date=dt.date(2025, 6, 1), fine=1.0,
    )
    defaults.update(fields)
    return SearchDocument(**defaults)


def index(engine, *docs):
    with engine.batch() as batch:
        batch.upsert(docs)
    return docs
