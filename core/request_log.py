"""One log line per request, and a request id that ties it to the proxy's logs and to errors.

`RequestLogMiddleware` (first in production's MIDDLEWARE) takes the proxy's `X-Request-ID` when
it is a sane one, or makes one, sends it back in the response's `X-Request-ID`, and logs
`request` with `request_id`, `method`, `path` (without the query string, which may hold what a
visitor searched for), `status`, `duration_ms` and `user_id` (None for visitors). It logs no
address. `RequestIdFilter` puts the id on every other line logged while the request is served,
Django's error reports included.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid

from django.db import DatabaseError

logger = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
# Letters, digits and a little punctuation: what proxies put there (UUIDs, nginx's $request_id).
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+=/-]{0,127}")

_current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)


def request_id_for(request) -> str:
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    if SANE_REQUEST_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


def user_id_of(request) -> int | None:
    user = getattr(request, "user", None)  # absent for what WhiteNoise answered
    try:
        return user.pk if user is not None and user.is_authenticated else None
    except DatabaseError:  # the session or the user could not be read: the request said so
        return None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request)
        request.request_id = request_id
        token = _current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            logger.info(
                "request",
                extra={
                    "request_id": request_id,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user_id_of(request),
                },
            )
            return response
        finally:
            _current_request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds the id of the request being served (or None) to a record that has none."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _current_request_id.get()
        return True
