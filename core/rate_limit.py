"""A limit on how often one address may do something (register for an event, accept an
invitation), counted in the cache so that every worker shares the count (Redis in
production). A cache that is down counts nothing: the limit then lets everyone through,
as a missing cache must not close the forms."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class RateLimit:
    name: str
    limit: int  # tries allowed
    seconds: int  # in this window, counted from the first

    def _key(self, request: HttpRequest) -> str:
        return f"rate:{self.name}:{request.META.get('REMOTE_ADDR', '')}"

    def exceeded(self, request: HttpRequest) -> bool:
        return (cache.get(self._key(request)) or 0) >= self.limit

    def count(self, request: HttpRequest) -> None:
        count_in_window(self._key(request), self.seconds)


def count_in_window(key: str, seconds: int) -> None:
    """Add one to the cache's counter at key, which lives `seconds` from its first count."""
    cache.add(key, 0, seconds)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
