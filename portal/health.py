"""`/healthz/`: can this process serve? For load balancers and monitoring.

Checks the database (a trivial query), the cache (a key set and read back, whatever the
backend) and the search backend (Elasticsearch: reachable within a second; the database
backend is the database). Answers 200 `{"status": "ok", "checks": {...}}`, or 503 with
`"status": "fail"` and, per failed check, only the class of the error in `errors`: no
addresses, no messages. The whole error goes to the log. Never cached; exempt from the SSL
redirect (settings) so a load balancer may ask over plain http.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from search.backends import get_backend
from search.backends.base import BackendUnavailable

logger = logging.getLogger(__name__)

SEARCH_TIMEOUT_SECONDS = 1.0


class CacheMismatch(Exception):
    """The cache accepted a key but did not give it back."""


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    cache = caches["default"]
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise CacheMismatch
    cache.delete(key)


def check_search() -> None:
    backend = get_backend()
    if backend.name == "database":
        check_database()
        return
    if not backend.with_timeout(SEARCH_TIMEOUT_SECONDS).health().reachable:
        raise BackendUnavailable


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "search": check_search,
}


def failure_of(name: str, check: Callable[[], None]) -> str | None:
    """None if the check passed, else the class name of what it raised (logged in full)."""
    try:
        check()
    except Exception as error:  # a health check reports every failure, whatever it is
        logger.warning("health check %s failed", name, exc_info=True)
        return type(error).__name__
    return None


@never_cache
def healthz(request):
    errors = {name: error for name, check in CHECKS.items() if (error := failure_of(name, check))}
    answer = {
        "status": "fail" if errors else "ok",
        "checks": {name: "fail" if name in errors else "ok" for name in CHECKS},
    }
    if errors:
        answer["errors"] = errors
    return JsonResponse(answer, status=503 if errors else 200)
