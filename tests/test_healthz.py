"""/healthz/ asks the real services: a cache or an Elasticsearch node on a port where nothing
answers is down. (The database down: tests/test_production.py, in a process of its own.)"""

import pytest

from .ports import closed_port

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_database_cache_and_search_answer(client):
    answer = client.get("/healthz/")

    assert answer.status_code == 200
    assert answer.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "search": "ok"},
    }
    assert "no-store" in answer["Cache-Control"]


def test_health_fails_when_the_cache_is_down(client, settings):
    with closed_port() as port:
        settings.CACHES = {
            "default": {
                **settings.CACHES["default"],
                "BACKEND": "core.cache.TolerantRedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
                "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
            }
        }
        answer = client.get("/healthz/")

    assert answer.status_code == 503
    assert answer.json() == {
        "status": "fail",
        "checks": {"database": "ok", "cache": "fail", "search": "ok"},
        "errors": {"cache": "CacheUnreachable"},
    }
    assert str(port) not in answer.content.decode()


def test_health_fails_when_elasticsearch_is_down(client, settings):
    with closed_port() as port:
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
        answer = client.get("/healthz/")

    assert answer.status_code == 503
    assert answer.json()["checks"] == {"database": "ok", "cache": "ok", "search": "fail"}
    assert str(port) not in answer.content.decode()


def test_health_is_ok_with_elasticsearch_up(client, site_on_elasticsearch):
    answer = client.get("/healthz/")

    assert answer.status_code == 200
    assert answer.json()["checks"]["search"] == "ok"
