"""The editors' synonym sets (search.models.SynonymSet), as every search reads them: from
the cache, which a change to any set clears (search.signals), so an edit applies to the next
search without re-indexing anything. With Redis (REDIS_URL) the cache is shared by every
process; with local memory, other processes keep their copy up to CACHE_SECONDS."""

from __future__ import annotations

from django.core.cache import cache

from search.models import SynonymSet

CACHE_KEY = "search:synonym-sets"
CACHE_SECONDS = 60  # how long a copy in one process's own memory may outlive a change


def synonym_sets() -> tuple[tuple[str, ...], ...]:
    sets = cache.get(CACHE_KEY)
    if sets is None:
        sets = tuple(tuple(synonym_set.word_list()) for synonym_set in SynonymSet.objects.all())
        cache.set(CACHE_KEY, sets, CACHE_SECONDS)
    return sets


def forget_synonym_sets() -> None:
    cache.delete(CACHE_KEY)
