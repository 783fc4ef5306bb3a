"""The real search servers tests run against: a cluster's URL comes from the environment, and a test that needs one
it cannot reach skips with the reason, or fails where .ci/run asks for it (tools/services up opensearch starts the
OpenSearch node on 127.0.0.1:9250)."""
import os
import urllib.request
import uuid
from functools import cache

from tests.needs import missing

# kind: (variable holding its URL, variable that makes its absence a failure, how to get one)
CLUSTERS = {
    "opensearch": ("OPENSEARCH_TEST_URL", "REQUIRE_OPENSEARCH",
                   "tools/services up opensearch, then OPENSEARCH_TEST_URL=http://127.0.0.1:9250"),
    "elasticsearch": ("ELASTICSEARCH_TEST_URL", "REQUIRE_ELASTICSEARCH",
                      "an Elasticsearch 8 server of your own; see docs/search.md"),
}


@cache
def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def cluster_url(kind: str) -> str:
    """The URL of a running test server of this kind, or skip (fail where required) with the reason."""
    variable, requirement, how = CLUSTERS[kind]
    url = os.environ.get(variable)
    if not url:
        missing(f"{variable} is not set: no {kind} server to test against ({how})", requirement)
    if not _answers(url):
        missing(f"{variable}={url} does not answer", requirement)
    return url


def cluster_engine(kind: str, **options):
    """A cluster engine over a fresh alias of its own, writes visible at once."""
    from search.engines.cluster import ClusterEngine

    options = {"timeout": 10, "refresh": True, "retire_seconds": 0, **options}
    engine = ClusterEngine(kind, cluster_url(kind), f"gongshi-test-{uuid.uuid4().hex[:10]}", **options)
    engine.create_if_missing()
    return engine


def misfit_index(engine, field: str) -> None:
    """Put the engine's alias on an index whose mapping has `field` as a number (as an operator's hand-made index
    might): the server then refuses documents and queries that give that field a word."""
    from search.engines.cluster_bodies import index_definition

    name = f"{engine.alias}-misfit"
    definition = index_definition(name, alias=engine.alias)
    definition["mappings"]["properties"][field] = {"type": "long"}
    engine.client.create_index(name, definition)
