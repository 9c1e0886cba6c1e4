"""The cache every process of the site shares (Redis, REDIS_URL): the search circuit breaker
lives in it, and a Redis that is down or hangs costs a short timeout and a miss, never an error.

The tests that need a real Redis are skipped without REDIS_URL (`eval "$(scripts/redis start)"`)
and fail with CI=true, where nothing may be skipped."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache

from core.cache import TolerantRedisCache
from search import index_sync
from search.backends.base import BackendUnavailable
from search.backends.elasticsearch import ElasticsearchBackend

from .conftest import service_url
from .ports import free_port

PROJECT = Path(__file__).resolve().parent.parent
OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}


@pytest.fixture(scope="session")
def redis_url() -> str:
    return service_url("REDIS_URL", "redis")


@pytest.fixture
def site_on_redis(settings, redis_url) -> str:
    """The site's cache on the real Redis, as in production."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": django_settings.CACHE_KEY_PREFIX,
            "OPTIONS": OPTIONS,
        }
    }
    return redis_url


def unreachable_elasticsearch() -> ElasticsearchBackend:
    return ElasticsearchBackend(url=f"http://127.0.0.1:{free_port()}", index_prefix="geteste")


ANOTHER_PROCESS = """
import sys, django
django.setup()
from search import index_sync
from search.backends.elasticsearch import ElasticsearchBackend
backend = ElasticsearchBackend(url=sys.argv[1], index_prefix="geteste")
print("available" if index_sync.is_available(backend) else "resting")
"""


def seen_by_another_process(backend: ElasticsearchBackend, redis_url: str) -> str:
    """What a fresh Python process (another gunicorn worker) finds about the backend."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "REDIS_URL": redis_url,
        "TEST_CACHE_KEY_PREFIX": django_settings.CACHE_KEY_PREFIX,
    }
    answer = subprocess.run(
        [sys.executable, "-c", ANOTHER_PROCESS, backend.url],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return answer.stdout.strip()


# The circuit breaker, shared ---------------------------------------------------------------


def test_a_backend_resting_after_a_failure_rests_in_every_process(site_on_redis):
    backend = unreachable_elasticsearch()
    index_sync.mark_unavailable(backend, BackendUnavailable("connection refused"))
    while_resting = seen_by_another_process(backend, site_on_redis)
    index_sync.mark_available(backend)  # a catch-up found it answering again
    once_available = seen_by_another_process(backend, site_on_redis)

    assert (while_resting, once_available) == ("resting", "available")


def test_the_resting_state_is_read_from_the_cache_not_this_process(site_on_redis):
    backend = unreachable_elasticsearch()
    index_sync.mark_unavailable(backend, BackendUnavailable("connection refused"))
    index_sync._resting_here.clear()  # as if another process had marked it

    assert not index_sync.is_available(backend)
    assert index_sync.is_available(unreachable_elasticsearch())  # another node is not resting


def test_with_redis_down_a_failed_backend_still_rests_in_this_process(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": OPTIONS,
        }
    }
    backend = unreachable_elasticsearch()
    index_sync.mark_unavailable(backend, BackendUnavailable("connection refused"))

    assert not index_sync.is_available(backend)


# A Redis that is down or hangs -------------------------------------------------------------


def test_a_refused_redis_answers_as_a_miss_at_once():
    dead = TolerantRedisCache(f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": OPTIONS})
    started = time.monotonic()

    assert dead.get("key", "default") == "default"
    assert dead.set("key", "value") is None
    assert dead.add("key", "value") is False
    assert dead.get_many(["key"]) == {}
    with pytest.raises(ValueError):
        dead.incr("key")
    assert time.monotonic() - started < 0.5
    with pytest.raises(Exception, match="refused"):  # what Django's RedisCache would do
        RedisCache(dead._servers[0], {"OPTIONS": OPTIONS}).get("key")


def test_a_hanging_redis_costs_one_short_timeout_then_is_left_alone():
    with socket.create_server(("127.0.0.1", 0)) as listener:  # accepts, never answers
        url = f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
        hung = TolerantRedisCache(url, {"OPTIONS": OPTIONS})
        first = timed(lambda: hung.get("key"))
        second = timed(lambda: hung.get("key"))

    assert first < 1.5  # the 0.5 s socket timeout, not Redis's default of 5 s
    assert second < 0.05
    assert not hung.reachable


def timed(call) -> float:
    started = time.monotonic()
    call()
    return time.monotonic() - started


def test_clearing_the_cache_leaves_other_applications_keys_alone(site_on_redis):
    import redis

    other = redis.Redis.from_url(site_on_redis)
    other.set("another-application:key", "theirs")
    cache.set("ours", "ours")

    cache.clear()

    assert cache.get("ours") is None
    assert other.get("another-application:key") == b"theirs"
    other.delete("another-application:key")
