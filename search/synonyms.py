"""The editors' synonym sets (search.models.SynonymSet), as every search reads them: remembered
by each process until content changes (core.content_version.remembered), and a change to any
set replaces the content version (search.signals), so an edit applies to the next search in
every process, without re-indexing anything."""

from __future__ import annotations

from core.content_version import remembered
from search.models import SynonymSet


def synonym_sets() -> tuple[tuple[str, ...], ...]:
    return remembered("search:synonym-sets", read_synonym_sets)


def read_synonym_sets() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(synonym_set.word_list()) for synonym_set in SynonymSet.objects.all())
