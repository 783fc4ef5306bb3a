"""Rate limits are counted in one place shared by every server process: two gunicorn servers, one limit."""
import os
import subprocess
import sys

import pytest

from tests.needs import missing
from tests.servers import ROOT
from tests.servers import free_port as _free_port
from tests.servers import status as _status
from tests.servers import wait_until_serving as _wait_until_serving

# Minute and day limits both 10: the day window keeps the count exact even if the run straddles a minute.
DAY_LIMIT = 10


@pytest.mark.parametrize("store", ["database", "redis"])
def test_two_server_processes_share_one_limit(tmp_path, store):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'limits.sqlite3'}", "LOG_LEVEL": "WARNING",
           "SEARCH_INDEX_DIR": str(tmp_path / "index"), "REDIS_URL": ""}
    if store == "redis":
        import redis

        url = "redis://127.0.0.1:6379/14"
        try:
            redis.Redis.from_url(url).flushdb()
        except redis.ConnectionError:
            missing("no Redis at 127.0.0.1:6379 (tools/services up starts one)", "REQUIRE_REDIS")
        env["REDIS_URL"] = url
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "manage.py", "shell", "-c",
                    f"from apps.access.models import Tier; Tier.objects.filter(code='anonymous')"
                    f".update(per_minute={DAY_LIMIT}, per_day={DAY_LIMIT})"], cwd=ROOT, env=env, check=True)
    ports = [_free_port(), _free_port()]
    servers = [subprocess.Popen([sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
                                 "--workers", "1"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT) for port in ports]
    try:
        urls = [f"http://127.0.0.1:{port}/api/v1/list-types/" for port in ports]
        for url, server in zip(urls, servers, strict=True):
            _wait_until_serving(url.replace("/api/v1/list-types/", "/healthz"), server)
        statuses = [_status(urls[i % 2]) for i in range(DAY_LIMIT + 6)]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
    assert statuses.count(200) == DAY_LIMIT
    assert statuses[DAY_LIMIT:] == [429] * 6
