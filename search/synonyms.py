"""The editors' synonym sets (search.models.SynonymSet), as every search reads them: from
the cache, which a change to any set clears (search.signals), so an edit applies to the next
search without re-indexing anything."""

from __future__ import annotations

from django.core.cache import cache

from search.models import SynonymSet

CACHE_KEY = "search:synonym-sets"
CACHE_SECONDS = 60  # a change clears this process's copy; other processes see it within this


def synonym_sets() -> tuple[tuple[str, ...], ...]:
    sets = cache.get(CACHE_KEY)
    if sets is None:
        sets = tuple(tuple(synonym_set.word_list()) for synonym_set in SynonymSet.objects.all())
        cache.set(CACHE_KEY, sets, CACHE_SECONDS)
    return sets


def forget_synonym_sets() -> None:
    cache.delete(CACHE_KEY)
