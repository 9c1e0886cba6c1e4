"""The request log and the JSON lines, in process with the handler production configures:
who made a request, and an error logged while serving one carries its request id.
(The lines gunicorn writes with production settings: tests/test_production.py.)"""

import io
import json
import logging

import pytest
from django.conf import settings as django_settings
from django.test import override_settings

from core.json_logging import JsonFormatter
from core.request_log import RequestIdFilter

from .factories import UserFactory
from .ports import closed_port

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("request_log_middleware"),
]


@pytest.fixture
def request_log_middleware():
    with override_settings(
        MIDDLEWARE=["core.request_log.RequestLogMiddleware", *django_settings.MIDDLEWARE]
    ):
        yield


@pytest.fixture
def json_log():
    """What a stdout handler configured as in production would write; a function that returns
    the lines so far, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root, request_logger = logging.getLogger(), logging.getLogger("core.request_log")
    root.addHandler(handler)
    request_logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    request_logger.setLevel(logging.NOTSET)


def request_lines(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["logger"] == "core.request_log"]


def test_a_signed_in_users_request_is_logged_with_their_id(client, json_log):
    user = UserFactory()
    client.force_login(user)

    answer = client.get("/healthz/")

    [line] = request_lines(json_log())
    assert line["user_id"] == user.pk
    assert line["request_id"] == answer["X-Request-ID"]


def test_a_visitors_request_is_logged_without_a_user(client, json_log):
    client.get("/healthz/")

    [line] = request_lines(json_log())
    assert line["user_id"] is None


def test_an_error_while_serving_a_request_is_one_json_line_with_the_request_id(
    client, settings, json_log
):
    with closed_port() as port:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
            }
        }
        answer = client.get("/healthz/", headers={"X-Request-ID": "proxy-42"})

    [error] = [line for line in json_log() if line["level"] == "WARNING"]
    assert error["request_id"] == "proxy-42" == answer["X-Request-ID"]
    assert error["message"] == "health check cache failed"
    assert error["exc_type"] == "ConnectionError"
    assert "Traceback (most recent call last)" in error["exc_info"]


def test_a_line_logged_outside_a_request_has_no_request_id(json_log):
    logging.getLogger("portal").warning("nightly %s", "catch-up", extra={"pages": 3})

    [line] = json_log()
    assert line["message"] == "nightly catch-up"
    assert line["pages"] == 3
    assert line["request_id"] is None
