"""Facet counts and filters of the database backend, over bitmaps held in memory.

Grouping thousands of matching rows once per facet is what made a common word slow in SQL
(each GROUP BY sorts every match). Instead, each process keeps a snapshot of the narrow
SearchFilter rows as bitmaps, one per facet value, with bit n standing for the n-th newest
page. A search then turns its matches into one bitmap, and every count is an AND and a
popcount: the cost no longer grows with the number of hits, and a browse without text needs
no full-text query at all.

The snapshot is tied to SearchIndexVersion's token, which every write to the index replaces
in the same transaction; a search reads the token (one small query) and rebuilds the
snapshot when it has changed, so every process sees every other process's writes.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import F

from search.models import SearchFilter, SearchIndexVersion, SearchThemeBit

from ..base import FACETS

_BITS_OF_BYTE = tuple(tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256))


@dataclass(frozen=True)
class FacetSnapshot:
    token: str | None
    page_ids: tuple[int, ...]  # newest first: the page of ordinal n is page_ids[n]
    ordinals: Mapping[int, int]  # page id -> ordinal
    bitmaps: Mapping[str, Mapping[str, int]]  # facet -> value -> pages having it

    @property
    def size(self) -> int:
        return len(self.page_ids)

    @property
    def everything(self) -> int:
        return (1 << self.size) - 1

    def bitmap_of(self, page_ids: Iterable[int]) -> int:
        """The pages among `page_ids` that the snapshot knows (others are left out)."""
        known = map(self.ordinals.get, page_ids)
        return bitmap_from((ordinal for ordinal in known if ordinal is not None), self.size)

    def selection(self, facet: str, values: Iterable[str]) -> int:
        """Pages with any of the values (OR); a value no page has selects nothing."""
        bitmap = 0
        for value in values:
            bitmap |= self.bitmaps[facet].get(value, 0)
        return bitmap

    def passing(self, selections: Mapping[str, int]) -> int:
        """The pages passing every selection."""
        passing = self.everything
        for selected in selections.values():
            passing &= selected
        return passing

    def page_ids_in(self, bitmap: int) -> Iterator[int]:
        """The pages of a bitmap, newest first."""
        data = bitmap.to_bytes((self.size + 7) // 8, "little")
        page_ids = self.page_ids
        for index, byte in enumerate(data):
            if byte:
                start = index * 8
                for bit in _BITS_OF_BYTE[byte]:
                    yield page_ids[start + bit]

    def counts(
        self, matches: int, selections: Mapping[str, int]
    ) -> tuple[int, dict[str, dict[str, int]]]:
        """The matches passing every selection, and each facet's counts over the matches
        passing every selection but its own (so ticking another value shows what it adds)."""
        facets = {}
        for facet in FACETS:
            base = matches
            for other, selected in selections.items():
                if other != facet:
                    base &= selected
            facets[facet] = {
                value: count
                for value, bitmap in self.bitmaps[facet].items()
                if (count := (base & bitmap).bit_count())
            }
        return matches & self.passing(selections), facets


def bits_of(numbers: Iterable[int]) -> int:
    return sum(1 << number for number in set(numbers))


@lru_cache(maxsize=65_536)
def numbers_in(bits: int) -> tuple[int, ...]:
    """The positions of the set bits, lowest first (cached: the same sets recur)."""
    numbers = []
    while bits:
        lowest = bits & -bits
        numbers.append(lowest.bit_length() - 1)
        bits ^= lowest
    return tuple(numbers)


def build_snapshot(token: str | None) -> FacetSnapshot:
    """Reads every SearchFilter row, newest first, and makes a bitmap of each facet value.
    The rows are grouped by their raw column values first (a bit set of goals, say), so each
    distinct value is turned into facet values and a bitmap once."""
    theme_slugs = dict(SearchThemeBit.objects.exclude(bit=None).values_list("bit", "slug"))
    newest_first = (F("date").desc(nulls_last=True), F("page_id").desc())
    rows = SearchFilter.objects.order_by(*newest_first).values_list(
        "page_id",
        "type",
        "municipality",
        "approach",
        "year",
        "goal_bits",
        "theme_bits",
        "theme_overflow",
    )
    page_ids, types, municipalities, approaches, years, goals, themes, overflows = (
        zip(*rows, strict=True) if rows else [()] * 8
    )
    facet_columns = {  # facet -> (its column, the facet values of a value of the column)
        "type": (types, lambda type_: [type_]),
        "municipality": (municipalities, lambda slug: [slug]),
        "approach": (approaches, lambda approach: [approach]),
        "year": (years, lambda year: [str(year)] if year else []),
        "goal": (goals, lambda bits: [str(goal) for goal in numbers_in(bits)]),
        "theme": (
            tuple(zip(themes, overflows, strict=True)),
            lambda raw: (
                [theme_slugs[bit] for bit in numbers_in(raw[0]) if bit in theme_slugs]
                + raw[1].split()
            ),
        ),
    }
    size = len(page_ids)
    bitmaps: dict[str, dict[str, int]] = {}
    for facet, (column, facet_values) in facet_columns.items():
        ordinals_by_raw = defaultdict(list)
        for ordinal, raw in enumerate(column):
            ordinals_by_raw[raw].append(ordinal)
        facet_bitmaps = bitmaps[facet] = {}
        for raw, ordinals in ordinals_by_raw.items():
            bitmap = bitmap_from(ordinals, size)
            for value in facet_values(raw):
                if value:
                    facet_bitmaps[value] = facet_bitmaps.get(value, 0) | bitmap
    bitmaps["goal"] = dict(sorted(bitmaps["goal"].items(), key=lambda item: int(item[0])))
    ordinals = {page_id: ordinal for ordinal, page_id in enumerate(page_ids)}
    return FacetSnapshot(token, page_ids, ordinals, bitmaps)


def bitmap_from(ordinals: Iterable[int], size: int) -> int:
    data = bytearray((size + 7) // 8)
    for ordinal in ordinals:
        data[ordinal >> 3] |= 1 << (ordinal & 7)
    return int.from_bytes(data, "little")


_snapshots: dict[str, FacetSnapshot] = {}  # by database alias
_building = threading.Lock()


def current_snapshot() -> FacetSnapshot:
    """The snapshot of the index as this connection sees it now, rebuilt only after a write.
    Without a token (a database whose tables were emptied), nothing is kept."""
    token = _token()
    if token is None:
        return build_snapshot(None)
    if (snapshot := _cached(token)) is None:
        with _building:  # one thread builds; the others then find its snapshot
            if (snapshot := _cached(token)) is None:
                snapshot = build_snapshot(token)
                if _token() == token:  # not if a write landed while it was read
                    _snapshots[connection.alias] = snapshot
    return snapshot


def _token() -> str | None:
    versions = SearchIndexVersion.objects.filter(pk=SearchIndexVersion.ROW)
    return versions.values_list("token", flat=True).first()


def _cached(token: str) -> FacetSnapshot | None:
    cached = _snapshots.get(connection.alias)
    return cached if cached is not None and cached.token == token else None
