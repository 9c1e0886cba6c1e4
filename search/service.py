"""What views call: search with a fallback. A search only reads: it never applies pending
updates or repairs an index (search.index_sync does, after commits and in `search_index`).

Elasticsearch answers when it is configured and in step with the pages (see
`index_sync.is_in_step`: not resting after a failure, complete, no update waiting for it).
Otherwise the database index answers, which is always kept in step, and the results are
flagged `degraded`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from search.backends import get_backend
from search.backends.base import BackendUnavailable, SearchBackend, SearchQuery, SearchResults
from search.index_sync import database_backend, is_in_step, mark_unavailable
from search.synonyms import synonym_sets

Answer = TypeVar("Answer")


def _ask(question: Callable[[SearchBackend], Answer]) -> tuple[Answer, bool]:
    """Ask the primary backend if it is in step, else the database one; the answer and
    whether it is degraded (given by the fallback)."""
    primary = get_backend()
    if primary.name == "database":
        return question(primary), False
    try:
        if is_in_step(primary):
            return question(primary), False
    except BackendUnavailable as error:
        mark_unavailable(primary, error)
    return question(database_backend()), True


def search(query: SearchQuery) -> SearchResults:
    """Search with the editors' synonyms applied to the text."""
    if query.text.strip() and not query.synonyms:
        query = replace(query, synonyms=synonym_sets())
    results, degraded = _ask(lambda backend: backend.search(query))
    results.degraded = degraded
    return results


def suggest(prefix: str, limit: int = 8) -> list[str]:
    """Completions for autocomplete, from the same backend a search would use."""
    suggestions, _degraded = _ask(lambda backend: backend.suggest(prefix, limit))
    return suggestions
