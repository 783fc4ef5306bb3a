"""The portal with a service it depends on stopped (its settings pointing at a closed port), served by a real
gunicorn: Redis down degrades, the database or the search engine down is a 503, never a 500 (issue 13)."""
import json

import pytest

from tests.servers import fetch, free_port, gunicorn, manage, stop, wait_until_serving

pytestmark = pytest.mark.integration
LIMIT = 3


@pytest.fixture
def base_env(tmp_path):
    """A migrated SQLite portal of its own, with the anonymous tier allowed LIMIT requests a minute."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'outage.sqlite3'}", "LOG_LEVEL": "WARNING", "REDIS_URL": "",
           "SEARCH_INDEX_DIR": str(tmp_path / "index"), "SEARCH_ENGINE": "embedded", "SEARCH_URL": ""}
    import os

    full = {**os.environ, **env}
    manage(full, "migrate", "-v0")
    manage(full, "collectstatic", "--noinput", "-v0")  # pages name their static files through the manifest
    manage(full, "shell", "-c", "from apps.access.models import Tier; Tier.objects.filter(code='anonymous')"
                               f".update(per_minute={LIMIT}, per_day={LIMIT})")
    return env


@pytest.fixture
def serve():
    servers = []

    def start(env):
        port = free_port()
        server = gunicorn(env, port)
        servers.append(server)
        wait_until_serving(f"http://127.0.0.1:{port}/healthz", server)
        return f"http://127.0.0.1:{port}", server
    yield start
    for server in servers:
        if server.poll() is None:
            stop(server)


def test_redis_down_pages_and_api_answer_limits_hold_and_health_says_degraded(base_env, serve):
    site, server = serve({**base_env, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"})
    assert fetch(site + "/")[0] == 200
    assert fetch(site + "/lists/")[0] == 200
    statuses = [fetch(site + "/api/v1/list-types/")[0] for _ in range(LIMIT + 2)]
    assert statuses == [200] * LIMIT + [429] * 2  # counted in the database meanwhile, never "no limit"
    code, _, body = fetch(site + "/healthz")
    answer = json.loads(body)
    assert (code, answer["status"], answer["redis"]) == (200, "degraded", {"configured": True, "ok": False})
    log = stop(server)
    assert log.count("Redis does not answer") == 1, log  # once per interval, not once per request


def test_database_down_is_503_everywhere(base_env, serve):
    site, server = serve({**base_env, "DATABASE_URL": f"postgres://gongshi@127.0.0.1:{free_port()}/gongshi"})
    code, headers, body = fetch(site + "/healthz")
    assert (code, json.loads(body)["database"]["ok"], json.loads(body)["status"]) == (503, False, "down")
    code, headers, body = fetch(site + "/")
    assert code == 503 and headers["Content-Type"].startswith("text/html") and headers["Retry-After"]
    code, headers, body = fetch(site + "/api/v1/penalties/")
    assert (code, headers["Content-Type"]) == (503, "application/problem+json")
    assert json.loads(body)["status"] == 503
    assert "Traceback" not in stop(server)


def test_search_engine_down_is_503_for_search_and_the_home_and_list_pages_degrade(base_env, serve):
    site, server = serve({**base_env, "SEARCH_ENGINE": "opensearch",
                          "SEARCH_URL": f"http://127.0.0.1:{free_port()}"})
    assert fetch(site + "/healthz")[0] == 503
    code, headers, _ = fetch(site + "/search/?q=%E9%A3%9F%E5%93%81")
    assert code == 503 and headers["Content-Type"].startswith("text/html")
    code, headers, _ = fetch(site + "/api/v1/search/?q=%E9%A3%9F%E5%93%81")
    assert (code, headers["Content-Type"]) == (503, "application/problem+json")
    assert fetch(site + "/")[0] == 200       # counts from the database instead of the index
    assert fetch(site + "/lists/")[0] == 200
    stop(server)
