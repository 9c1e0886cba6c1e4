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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import F

from search.audience import Audience
from search.facets import FACETS, Encoding, Facet
from search.models import SearchFilter, SearchIndexVersion, SearchThemeBit

Decoder = Callable[[object], list[str]]  # a column's value (a tuple of several) -> facet values

_BITS_OF_BYTE = tuple(tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256))


@dataclass(frozen=True)
class FacetSnapshot:
    token: str | None
    page_ids: tuple[int, ...]  # newest first: the page of ordinal n is page_ids[n]
    ordinals: Mapping[int, int]  # page id -> ordinal
    bitmaps: Mapping[str, Mapping[str, int]]  # facet -> value -> pages having it
    # "" -> the pages everyone may find; a group's id (str) -> the pages its members may find
    audiences: Mapping[str, int]

    @property
    def size(self) -> int:
        return len(self.page_ids)

    @property
    def everything(self) -> int:
        return (1 << self.size) - 1

    def visible(self, audience: Audience) -> int:
        """The pages the asker may find (search.audience)."""
        if audience.everything or set(self.audiences) <= {""}:  # no restricted page at all
            return self.everything
        visible = self.audiences.get("", 0)
        for group in audience.groups:
            visible |= self.audiences.get(str(group), 0)
        return visible

    def holds(self, bitmap: int, page_id: int) -> bool:
        ordinal = self.ordinals.get(page_id)
        return ordinal is not None and bool(bitmap >> ordinal & 1)

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
        for facet, bitmaps in self.bitmaps.items():
            base = matches
            for other, selected in selections.items():
                if other != facet:
                    base &= selected
            facets[facet] = {
                value: count
                for value, bitmap in bitmaps.items()
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
    """Reads the SearchFilter columns of every facet (search.facets), row by row newest first,
    and makes a bitmap of each facet value."""
    columns = list(dict.fromkeys(column for facet in FACETS for column in facet.database.columns))
    newest_first = (F("date").desc(nulls_last=True), F("page_id").desc())
    rows = SearchFilter.objects.order_by(*newest_first).values_list("page_id", "audience", *columns)
    page_ids, audiences, *values = zip(*rows, strict=True) if rows else [()] * (len(columns) + 2)
    by_column = dict(zip(columns, values, strict=True))
    decoders = _decoders(_theme_slugs())
    bitmaps = {
        facet.name: _facet_bitmaps(facet, by_column, decoders, len(page_ids)) for facet in FACETS
    }
    ordinals = {page_id: ordinal for ordinal, page_id in enumerate(page_ids)}
    audience_bitmaps = _audience_bitmaps(audiences, len(page_ids))
    return FacetSnapshot(token, page_ids, ordinals, bitmaps, audience_bitmaps)


def _theme_slugs() -> dict[int, str]:
    return dict(SearchThemeBit.objects.exclude(bit=None).values_list("bit", "slug"))


def _decoders(theme_slugs: Mapping[int, str]) -> dict[Encoding, Decoder]:
    """How each encoding of search.facets.Encoding turns a column's value into facet values."""
    return {
        Encoding.PLAIN: lambda raw: [] if raw in ("", None) else [str(raw)],
        Encoding.NUMBER_BITS: lambda bits: [str(number) for number in numbers_in(bits)],
        Encoding.THEME_BITS: lambda raw: (
            [theme_slugs[bit] for bit in numbers_in(raw[0]) if bit in theme_slugs] + raw[1].split()
        ),
    }


def _facet_bitmaps(
    facet: Facet, by_column: Mapping[str, Sequence], decoders: Mapping[Encoding, Decoder], size: int
) -> dict[str, int]:
    encoding = facet.database.encoding
    bitmaps = _value_bitmaps(_raw_values(facet, by_column), decoders[encoding], size)
    if encoding is Encoding.NUMBER_BITS:  # counted in the numbers' order
        return dict(sorted(bitmaps.items(), key=_as_number))
    return bitmaps


def _raw_values(facet: Facet, by_column: Mapping[str, Sequence]) -> Sequence:
    """The facet's column, row by row; for a facet of several columns, a tuple a row."""
    columns = [by_column[column] for column in facet.database.columns]
    return columns[0] if len(columns) == 1 else tuple(zip(*columns, strict=True))


def _value_bitmaps(raw_values: Sequence, decode: Decoder, size: int) -> dict[str, int]:
    """value -> the pages having it. The rows are grouped by their raw value first (a bit set
    of goals, say), so each distinct one is decoded and made a bitmap once. A row without a
    value decodes to no value (a facet) or to "" (the audience everyone belongs to)."""
    ordinals_by_raw = defaultdict(list)
    for ordinal, raw in enumerate(raw_values):
        ordinals_by_raw[raw].append(ordinal)
    bitmaps: dict[str, int] = {}
    for raw, ordinals in ordinals_by_raw.items():
        bitmap = bitmap_from(ordinals, size)
        for value in decode(raw):
            bitmaps[value] = bitmaps.get(value, 0) | bitmap
    return bitmaps


def _audience_bitmaps(audiences: Sequence[str], size: int) -> dict[str, int]:
    """ "" -> the pages everyone may find; a group's id -> the pages restricted to it."""
    return _value_bitmaps(audiences, lambda raw: raw.split() or [""], size)


def _as_number(item: tuple[str, int]) -> int:
    return int(item[0])


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
