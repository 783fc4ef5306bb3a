"""The home page and the health check."""
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render

from apps.lists.selectors import list_types_with_sizes
from apps.records.selectors import headline_counts, latest_published
from apps.web.visitor import visitor_of
from portal.outages import database_breaker, redis_breaker
from search import engine_health


def home(request):
    """One search box, the latest disclosures, the lists with their sizes, headline counts."""
    audience = visitor_of(request).audience
    return render(request, "web/home.html", {"items": latest_published(audience, limit=20),
                                             "counts": headline_counts(), "lists": list_types_with_sizes(audience)})


def health(request):
    """For operators and load balancers (docs/deploy.md): 503 when the database or the search engine does not
    answer (this process cannot serve); 200 "degraded" when only Redis does not (pages and the API keep answering,
    with limits counted in the database); 200 "ok" otherwise. Says what kind of trouble, never hosts or paths."""
    database = {"vendor": connection.vendor, "ok": _database_answers()}
    search = engine_health()
    search.pop("path", None)
    redis = _redis_health()
    serving = database["ok"] and search["ok"]
    status = "down" if not serving else "degraded" if redis.get("ok") is False else "ok"
    response = JsonResponse({"status": status, "database": database, "search": search, "redis": redis},
                            status=200 if serving else 503)
    if not serving:
        response["Retry-After"] = "30"
    return response


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        database_breaker.failed(exc, "the health check answers 503")
        return False
    database_breaker.succeeded()
    return True


def _redis_health() -> dict:
    if not settings.REDIS_URL:
        return {"configured": False}
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, **settings.REDIS_TIMEOUTS).ping()
    except redis.RedisError as exc:
        redis_breaker.failed(exc, "the cache is bypassed and limits are counted in the database")
        return {"configured": True, "ok": False}
    redis_breaker.succeeded()
    return {"configured": True, "ok": True}
