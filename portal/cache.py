"""Django's Redis cache, made to degrade: a cache that does not answer is a miss (reads) or a no-op (writes),
never an error page. Everything cached here (published counts, list sizes) is recomputed from the database on a
miss, which is slower but correct."""
import functools

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from portal.outages import redis_breaker

FALLBACK = "the cache is bypassed: every cached figure is computed from the database"


def _degrading(method, default=None):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if redis_breaker.skip():
            return _default(default, args, kwargs)
        try:
            result = method(self, *args, **kwargs)
        except RedisError as exc:
            redis_breaker.failed(exc, FALLBACK)
            return _default(default, args, kwargs)
        redis_breaker.succeeded()
        return result
    return call


def _default(default, args, kwargs):
    if default == "argument":  # get(key, default=None): the caller's default
        return kwargs.get("default", args[1] if len(args) > 1 else None)
    return default() if callable(default) else default


class DegradingRedisCache(RedisCache):
    """RedisCache whose every operation falls back as if the cache were empty while Redis does not answer."""

    get = _degrading(RedisCache.get, "argument")
    set = _degrading(RedisCache.set)
    add = _degrading(RedisCache.add, False)
    touch = _degrading(RedisCache.touch, False)
    delete = _degrading(RedisCache.delete, False)
    get_many = _degrading(RedisCache.get_many, dict)
    set_many = _degrading(RedisCache.set_many, list)
    delete_many = _degrading(RedisCache.delete_many)
    has_key = _degrading(RedisCache.has_key, False)
    clear = _degrading(RedisCache.clear, False)
