"""Engines for the contract suite: the embedded one always, Elasticsearch when ELASTICSEARCH_URL is set."""
import datetime as dt
import os
import uuid

import pytest

from search.documents import SearchDocument

ENGINES = ["embedded", "elasticsearch"]


@pytest.fixture(params=ENGINES)
def engine(request, tmp_path):
    """An empty index on each engine; the Elasticsearch one is skipped, with the reason, without a server."""
    if request.param == "embedded":
        from search.engines.embedded import EmbeddedEngine

        engine = EmbeddedEngine(tmp_path / "index", writer_heap_bytes=15_000_000)
        yield engine
        engine.destroy()
        return
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("ELASTICSEARCH_URL is not set: the Elasticsearch engine cannot be installed on this machine")
    from search.engines.elastic import ElasticEngine

    engine = ElasticEngine(url, f"gongshi-test-{uuid.uuid4().hex[:8]}", timeout=10, refresh=True)
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
