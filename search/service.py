"""What views call: search with a fallback. A search only reads: it never applies pending
updates or repairs an index (search.index_sync does, after commits and in `search_index`).

Elasticsearch answers when it is configured, not resting after a failure (the circuit
breaker of search.index_sync) and complete: its alias exists and it holds as many documents
as there are pages to index (counted at most every SEARCH_COMPLETENESS_TTL_SECONDS per
process). Otherwise the database index answers, which is always kept, and the results are
flagged `degraded`.
"""

from __future__ import annotations

from search.backends import get_backend, primary_backend_name
from search.backends.base import BackendUnavailable, SearchBackend, SearchQuery, SearchResults
from search.index_sync import answers_completely, is_available, mark_unavailable


def database_backend() -> SearchBackend:
    return get_backend("database")


def search(query: SearchQuery) -> SearchResults:
    """Answer from the primary backend, or from the database one (degraded) if it is down
    or its index incomplete."""
    if primary_backend_name() == "database":
        return database_backend().search(query)
    primary = get_backend()
    try:
        if is_available(primary) and answers_completely(primary):
            return primary.search(query)
    except BackendUnavailable as error:
        mark_unavailable(primary, error)
    results = database_backend().search(query)
    results.degraded = True
    return results


def suggest(prefix: str, limit: int = 8) -> list[str]:
    """Completions for autocomplete, from the same backend a search would use."""
    primary = get_backend()
    if primary.name == "database":
        return primary.suggest(prefix, limit)
    try:
        if is_available(primary) and answers_completely(primary):
            return primary.suggest(prefix, limit)
    except BackendUnavailable as error:
        mark_unavailable(primary, error)
    return database_backend().suggest(prefix, limit)
