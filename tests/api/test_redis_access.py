"""With Redis: a request is counted in one round trip, and keys and tiers are kept in the process between
requests, yet a change to a key or tier takes effect on the very next request."""
import pytest
from django.utils import timezone

from apps.access import key_cache
from apps.access.keys import revoke_key
from apps.access.models import ApiKey, Tier
from apps.access.ratelimit import RedisCounters, counters
from tests.needs import missing

pytestmark = pytest.mark.django_db
REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture(autouse=True)
def redis_store(settings):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        missing("no Redis at 127.0.0.1:6379 (tools/services up starts one)", "REQUIRE_REDIS")
    client.flushdb()
    settings.REDIS_URL = REDIS_URL
    counters.cache_clear()
    yield client
    client.flushdb()
    counters.cache_clear()


def test_count_returns_both_windows_and_adds_usage():
    store = RedisCounters(REDIS_URL)
    now = timezone.now()
    results = [store.count("caller-a", 5, 100, (7, "search"), now) for _ in range(3)]
    assert [r.minute.count for r in results] == [1, 2, 3]
    assert [r.day.count for r in results] == [1, 2, 3]
    assert results[-1].minute.remaining == 2
    assert store.usage(7, timezone.localdate(now)) == {"search": 3}


def test_a_kept_key_costs_no_database_query(api, key_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api.credentials(HTTP_X_API_KEY=key_for("registered"))
    assert api.get("/api/v1/usage/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert api.get("/api/v1/usage/").status_code == 200
    # The only query is the usage answer's own read of database counters (kept during a Redis outage).
    assert [q["sql"] for q in queries.captured_queries if "access_usagecounter" not in q["sql"]] == []


def test_a_revoked_key_is_refused_on_its_next_request(api, key_for, django_capture_on_commit_callbacks):
    secret = key_for("registered")
    api.credentials(HTTP_X_API_KEY=secret)
    assert api.get("/api/v1/usage/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        revoke_key(secret.split("_", 2)[1])
    assert api.get("/api/v1/usage/").status_code == 401


def test_a_key_revoked_by_another_process_is_refused_here(api, key_for):
    secret = key_for("registered")
    api.credentials(HTTP_X_API_KEY=secret)
    assert api.get("/api/v1/usage/").status_code == 200
    # What another process does: change the row, then (its signal) bump the shared generation.
    ApiKey.objects.filter(prefix=secret.split("_", 2)[1]).update(revoked_at=timezone.now())
    assert api.get("/api/v1/usage/").status_code == 200  # kept: nothing has told this process yet
    counters().bump_generation()
    response = api.get("/api/v1/usage/")
    assert response.status_code == 401 and response.json()["detail"] == "API key revoked"


def test_a_tier_edit_applies_to_the_next_request(api, django_capture_on_commit_callbacks):
    assert api.get("/api/v1/list-types/")["RateLimit-Limit"] == "30"
    tier = Tier.objects.get(code="anonymous")
    tier.per_minute = 45
    with django_capture_on_commit_callbacks(execute=True):
        tier.save()
    assert api.get("/api/v1/list-types/")["RateLimit-Limit"] == "45"


def test_a_kept_key_past_its_expiry_is_refused(api, key_for):
    secret = key_for("registered")
    api.credentials(HTTP_X_API_KEY=secret)
    assert api.get("/api/v1/usage/").status_code == 200
    kept = next(entry.value for name, entry in key_cache._entries.items() if name.startswith("key:"))
    kept.expires_at = timezone.now()  # the clock reached the expiry the key was issued with
    ApiKey.objects.filter(pk=kept.pk).update(expires_at=kept.expires_at)
    assert api.get("/api/v1/usage/").status_code == 401
