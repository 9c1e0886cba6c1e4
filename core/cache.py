"""The cache backend for Redis (settings.CACHES, when REDIS_URL is set): Django's RedisCache,
except that a Redis that is down or slow costs a request nothing but the cache.

Django's RedisCache raises on a refused connection or a timeout, so every `cache.get` in a
page would become a 500. Here a failure is logged, the call answers as a miss (`get` gives
the default, `add` False, `incr` ValueError as for a missing key, writes do nothing) and
this process leaves Redis alone for RETRY_AFTER_SECONDS, so a dead server costs one short
socket timeout (settings: 0.25 s to connect, 0.5 s to answer) per process per interval
instead of one per cache call. `reachable` tells callers that keep state of their own as a
fallback (search.index_sync's circuit breaker) whether the last answer was a real one.

`clear()` deletes this site's keys (KEY_PREFIX) only, not the whole Redis database.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


class CacheUnreachable(Exception):
    pass


def _tolerant(on_failure):
    """Run the RedisCache method unless Redis is resting; on a Redis error rest it and
    answer `on_failure(*args, **kwargs)` instead."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                self._check_not_resting()
                return method(self, *args, **kwargs)
            except CacheUnreachable:
                pass
            except self._redis_errors as error:
                self._rest(error)
            return on_failure(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _missing(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found: the cache is unreachable.")


def _constant(value):
    return lambda *args, **kwargs: value


class TolerantRedisCache(RedisCache):
    RETRY_AFTER_SECONDS = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._resting_until = 0.0

    @functools.cached_property
    def _redis_errors(self):
        from redis.exceptions import RedisError

        return RedisError

    @property
    def reachable(self) -> bool:
        return time.monotonic() >= self._resting_until

    def _check_not_resting(self) -> None:
        if not self.reachable:
            raise CacheUnreachable

    def _rest(self, error: Exception) -> None:
        self._resting_until = time.monotonic() + self.RETRY_AFTER_SECONDS
        logger.warning(
            "Redis cache unreachable, not tried for %ss: %s", self.RETRY_AFTER_SECONDS, error
        )

    get = _tolerant(_default)(RedisCache.get)
    add = _tolerant(_constant(False))(RedisCache.add)
    set = _tolerant(_constant(None))(RedisCache.set)
    touch = _tolerant(_constant(False))(RedisCache.touch)
    delete = _tolerant(_constant(False))(RedisCache.delete)
    get_many = _tolerant(_constant({}))(RedisCache.get_many)
    has_key = _tolerant(_constant(False))(RedisCache.has_key)
    incr = _tolerant(_missing)(RedisCache.incr)
    set_many = _tolerant(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete_many = _tolerant(_constant(None))(RedisCache.delete_many)

    @_tolerant(_constant(False))
    def clear(self):
        if not self.key_prefix:
            return super().clear()
        client = self._cache.get_client(None, write=True)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.unlink(*keys[start : start + 1000])
        return True


def cache_is_reachable(cache) -> bool:
    """False when the cache's last call failed (a TolerantRedisCache resting); caches that
    cannot fail (local memory) are always reachable."""
    return getattr(cache, "reachable", True)
