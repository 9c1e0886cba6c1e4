"""The database search backend: our own index tables, full text by the database's own engine.

A search costs three SQL queries whatever the number of hits: the theme bits; one statement
that finds the matching SearchFilter rows once and returns the count, every facet's counts
and the ids of the requested page of hits (ranked and limited by the engine); and those
hits' entries. Snippets are highlighted in Python for those hits only.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, IntegerField, Q, Value, When

from search.documents import SearchDocument
from search.models import SearchEntry, SearchFilter, SearchThemeBit, SearchWord
from search.text import (
    closest_word,
    highlight,
    index_terms,
    normalise,
    query_terms,
    query_words,
    words,
)

from .base import (
    FACETS,
    BackendHealth,
    ProgressCallback,
    SearchBackend,
    SearchHit,
    SearchQuery,
    SearchResults,
)
from .database_full_text import FullText, FullTextMatch

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
HIGHLIGHT_SOURCE_CHARS = 20_000  # highlighting reads at most this much of a page's text
THEME_BITS = 63  # theme_bits is a signed 64-bit integer
_TERM_COLUMNS = ("title_terms", "summary_terms", "tags_terms", "body_terms")


def full_text_for_connection() -> FullText:
    if connection.vendor == "sqlite":
        from .database_sqlite import SqliteFullText

        return SqliteFullText()
    if connection.vendor == "postgresql":
        from .database_postgres import PostgresFullText

        return PostgresFullText()
    raise ImproperlyConfigured(f"The database search backend does not support {connection.vendor}.")


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _placeholders(values: Sequence) -> str:
    return ", ".join(["%s"] * len(values))


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


# Writing ----------------------------------------------------------------------------------


def _tags_text(document: SearchDocument) -> str:
    return " ".join(
        [
            document.municipality_name or "",
            *document.goal_names,
            *document.theme_names,
            document.approach or "",
        ]
    )


def _entry(document: SearchDocument) -> SearchEntry:
    return SearchEntry(
        page_id=document.page_id,
        type=document.type,
        title=document.title[:255],
        title_key=normalise(document.title)[:255],
        summary=document.summary,
        body=document.body,
        url=document.url,
        date=document.date,
        year=document.year,
        municipality=document.municipality or "",
        municipality_name=document.municipality_name or "",
        approach=document.approach or "",
        goal_numbers=document.goals,
        theme_names=document.theme_names,
        fingerprint=document.fingerprint,
        title_terms=index_terms(document.title),
        summary_terms=index_terms(document.summary),
        tags_terms=index_terms(_tags_text(document)),
        body_terms=index_terms(document.body),
    )


def _filter_row(document: SearchDocument, theme_bits: dict[str, int | None]) -> SearchFilter:
    with_bit = [theme_bits[slug] for slug in document.themes if theme_bits.get(slug) is not None]
    overflow = [slug for slug in document.themes if theme_bits.get(slug) is None]
    return SearchFilter(
        page_id=document.page_id,
        type=document.type,
        municipality=document.municipality or "",
        approach=document.approach or "",
        year=document.year,
        date=document.date,
        goal_bits=bits_of(document.goals),
        theme_bits=bits_of(with_bit),
        theme_overflow=f" {' '.join(overflow)} " if overflow else "",
    )


def _vocabulary(document: SearchDocument) -> set[str]:
    text = " ".join([document.title, document.summary, _tags_text(document)])
    return {word for word in words(text) if 3 <= len(word) <= 100}


def _theme_bits(documents: list[SearchDocument]) -> dict[str, int | None]:
    """The bit of every theme the documents carry (None: it has none), giving new themes a
    free bit."""
    names = {
        slug: name
        for document in documents
        for slug, name in zip(document.themes, document.theme_names, strict=False)
    }
    known = {row.slug: row for row in SearchThemeBit.objects.filter(slug__in=names)}
    renamed = [row for slug, row in known.items() if row.name != names[slug]]
    for row in renamed:
        row.name = names[row.slug]
    SearchThemeBit.objects.bulk_update(renamed, ["name"])
    new = sorted(set(names) - set(known))
    if new:
        free = _free_theme_bits(len(new), keep=set(names))
        free += [None] * (len(new) - len(free))  # beyond the bits: kept in theme_overflow
        created = [
            SearchThemeBit(slug=slug, name=names[slug], bit=bit)
            for slug, bit in zip(new, free, strict=True)
        ]
        SearchThemeBit.objects.bulk_create(created)
        known.update((row.slug, row) for row in created)
    return {slug: row.bit for slug, row in known.items()}


def _free_theme_bits(wanted: int, keep: set[str]) -> list[int]:
    """Up to `wanted` unassigned bits; when too few are, the bits of themes no indexed page
    uses any longer are taken back (not those of `keep`, the themes being written)."""
    assigned = set(SearchThemeBit.objects.exclude(bit=None).values_list("bit", flat=True))
    free = [bit for bit in range(THEME_BITS) if bit not in assigned]
    if len(free) >= wanted:
        return free[:wanted]
    in_use = 0
    for bits in SearchFilter.objects.values_list("theme_bits", flat=True).distinct():
        in_use |= bits
    unused = SearchThemeBit.objects.exclude(bit=None).exclude(slug__in=keep)
    unused = unused.exclude(bit__in=numbers_in(in_use))
    reclaimed = sorted(unused.values_list("bit", flat=True))
    unused.delete()
    return (free + reclaimed)[:wanted]


class DatabaseBackend(SearchBackend):
    name = "database"

    def __init__(self):
        self._full_text: FullText | None = None

    @property
    def full_text(self) -> FullText:
        if self._full_text is None:
            self._full_text = full_text_for_connection()
        return self._full_text

    def index_documents(self, documents: Iterable[SearchDocument]) -> None:
        with transaction.atomic():
            for batch in _batches(documents, BATCH_SIZE):
                self._remove(batch_ids := [document.page_id for document in batch])
                self._insert(batch, batch_ids)

    def remove_pages(self, page_ids: Iterable[int]) -> None:
        with transaction.atomic():
            for batch in _batches(page_ids, BATCH_SIZE):
                self._remove(batch)

    def rebuild(
        self, documents: Iterable[SearchDocument], total: int, progress: ProgressCallback | None
    ) -> None:
        with transaction.atomic():
            with connection.cursor() as cursor:
                self.full_text.forget_all(cursor)
            for model in (SearchFilter, SearchEntry, SearchThemeBit, SearchWord):
                model.objects.all()._raw_delete(connection.alias)
            done = 0
            for batch in _batches(documents, BATCH_SIZE):
                self._insert(batch, [document.page_id for document in batch])
                done += len(batch)
                if progress:
                    progress(done, total)
            with connection.cursor() as cursor:
                self.full_text.optimise(cursor)

    def _remove(self, page_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            self.full_text.forget(cursor, page_ids)
        SearchFilter.objects.filter(page_id__in=page_ids)._raw_delete(connection.alias)
        SearchEntry.objects.filter(page_id__in=page_ids)._raw_delete(connection.alias)

    def _insert(self, documents: list[SearchDocument], page_ids: list[int]) -> None:
        SearchEntry.objects.bulk_create(_entry(document) for document in documents)
        theme_bits = _theme_bits(documents)
        SearchFilter.objects.bulk_create(_filter_row(doc, theme_bits) for doc in documents)
        vocabulary = set().union(*(_vocabulary(document) for document in documents))
        SearchWord.objects.bulk_create(
            (SearchWord(word=word, length=len(word)) for word in vocabulary),
            ignore_conflicts=True,
        )
        with connection.cursor() as cursor:
            self.full_text.learn(cursor, page_ids)

    # Reading ------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        terms = query_terms(query.text)
        if query.text.strip() and not terms:
            return SearchResults(backend=self.name, count=0, hits=[], facets=_empty_facets())
        match = self.full_text.match(terms) if terms else None
        theme_bits = dict(SearchThemeBit.objects.values_list("slug", "bit"))
        theme_slugs = {bit: slug for slug, bit in theme_bits.items() if bit is not None}
        filters = _filters(query, theme_bits)
        rows, total_kind = self._matches(query, filters, match)
        count, facets, page_ids = _read_rows(rows, theme_slugs, total_kind)
        entries = SearchEntry.objects.defer(*_TERM_COLUMNS).in_bulk(page_ids) if page_ids else {}
        hits = [_hit(entries[page_id], terms) for page_id in page_ids if page_id in entries]
        suggestion = self._did_you_mean(query.text) if terms and count == 0 else None
        return SearchResults(
            backend=self.name, count=count, hits=hits, facets=facets, suggestion=suggestion
        )

    def _matches(
        self, query: SearchQuery, filters: dict, match: FullTextMatch | None
    ) -> tuple[list, str]:
        """One statement over the matching rows, found once: each facet's counts with every
        filter but its own (so ticking another value shows what it would add) and the ids of
        the requested page of hits, ranked and limited by the engine. Returns the rows and
        the kind of row whose counts add up to the total."""
        matched_sql = "SELECT f.* FROM search_searchfilter f"
        params: list = []
        if _ranks_with_matches(match, filters):
            matched_sql = f"SELECT f.*, {match.rank} AS score FROM search_searchfilter f"
            params += match.rank_params
        if match:
            matched_sql += f" {match.join} WHERE {match.where}"
            params += match.params
        parts = []
        for kind, columns, exclude in _groupings(filters):
            where, where_params = _where(filters, exclude=exclude)
            values = [f"CAST(m.{column} AS VARCHAR)" for column in columns]
            values += ["''"] * (_ROW_VALUES - len(values))
            group_by = f" GROUP BY {', '.join(f'm.{column}' for column in columns)}"
            parts.append(
                f"SELECT '{kind}', {', '.join(values)}, COUNT(*) FROM m WHERE {where}"
                + (group_by if columns else "")
            )
            params += where_params
        hits_sql, hits_params = _page_of_hits(query, filters, match)
        parts.append(
            f"SELECT 'hit', CAST(page_id AS VARCHAR(100)), {_NO_VALUES},"
            f" ROW_NUMBER() OVER (ORDER BY sort_key) FROM ({hits_sql}) page_of_hits"
        )
        params += hits_params
        # The text's matches are found once; without text, each part reads the rows itself.
        materialized = "MATERIALIZED" if match else "NOT MATERIALIZED"
        sql = f"WITH m AS {materialized} ({matched_sql}) " + " UNION ALL ".join(parts)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall(), _total_kind(filters)

    def _did_you_mean(self, text: str) -> str | None:
        """The query with each unknown word replaced by the nearest known one, if any was."""
        asked = query_words(text)[:5]
        known = set(SearchWord.objects.filter(word__in=asked).values_list("word", flat=True))
        corrected = [word if word in known else self._closest_known(word) or word for word in asked]
        return " ".join(corrected) if corrected != asked else None

    def _closest_known(self, word: str) -> str | None:
        if len(word) < 3:
            return None
        candidates = SearchWord.objects.filter(
            length__range=(len(word) - 2, len(word) + 2),
            word__gte=word[0],
            word__lt=chr(ord(word[0]) + 1),
        ).values_list("word", flat=True)
        return closest_word(word, candidates.iterator())

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        prefix = normalise(" ".join("".join(c for c in prefix if c.isprintable()).split()))[:100]
        if len(prefix) < 2:
            return []
        names = self._taxonomy_names_starting_with(prefix)
        titles = list(
            SearchEntry.objects.filter(
                Q(title_key__startswith=prefix) | Q(title_key__contains=" " + prefix)
            )
            .annotate(
                starts=Case(
                    When(title_key__startswith=prefix, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("starts", "title")
            .values_list("title", flat=True)[:limit]
        )
        return list(dict.fromkeys(names + titles))[:limit]

    def _taxonomy_names_starting_with(self, prefix: str) -> list[str]:
        municipalities = SearchEntry.objects.exclude(municipality_name="").values_list(
            "municipality_name", flat=True
        )
        themes = SearchThemeBit.objects.values_list("name", flat=True)
        names = set(municipalities.distinct()) | set(themes)
        return sorted(name for name in names if normalise(name).startswith(prefix))

    def health(self) -> BackendHealth:
        try:
            return BackendHealth(self.name, True, SearchEntry.objects.count())
        except DatabaseError as error:
            return BackendHealth(self.name, False, None, str(error))

    def index_state(self) -> dict[int, str]:
        return dict(SearchEntry.objects.values_list("page_id", "fingerprint"))


# SQL building -----------------------------------------------------------------------------

_NEWEST_FIRST = "date DESC NULLS LAST, page_id DESC"


# Facets counted by grouping on a column of their own, by the SearchQuery attribute holding
# their filter. Those not filtered share one pass over the matches.
_COLUMN_FACETS = {
    "type": "types",
    "municipality": "municipalities",
    "approach": "approaches",
    "year": "years",
}
_ROW_VALUES = len(_COLUMN_FACETS)  # value columns of every row of the facet statement
_NO_VALUES = ", ".join(["''"] * (_ROW_VALUES - 1))  # a hit row's unused value columns


def _filters(query: SearchQuery, theme_bits: dict[str, int | None]) -> dict[str, tuple[str, list]]:
    """facet -> (SQL condition on the SearchFilter row `{alias}`, params), for active filters.
    A theme unknown here is on no page and matches nothing."""
    filters: dict[str, tuple[str, list]] = {}
    for facet, attribute in _COLUMN_FACETS.items():
        if values := getattr(query, attribute):
            filters[facet] = (f"{{alias}}.{facet} IN ({_placeholders(values)})", list(values))
    if query.goals:
        filters["goal"] = ("({alias}.goal_bits & %s) <> 0", [bits_of(query.goals)])
    if query.themes:
        filters["theme"] = _theme_filter(query.themes, theme_bits)
    return filters


def _theme_filter(slugs: Sequence[str], theme_bits: dict[str, int | None]) -> tuple[str, list]:
    """The themes with a bit by a mask; the rare ones without, by their overflow column."""
    mask = bits_of(theme_bits[slug] for slug in slugs if theme_bits.get(slug) is not None)
    overflow = [slug for slug in slugs if slug in theme_bits and theme_bits[slug] is None]
    conditions = ["({alias}.theme_bits & %s) <> 0"]
    conditions += ["{alias}.theme_overflow LIKE %s ESCAPE '!'"] * len(overflow)
    patterns = [f"% {_like_escaped(slug)} %" for slug in overflow]
    return f"({' OR '.join(conditions)})", [mask, *patterns]


def _like_escaped(text: str) -> str:
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def _page_of_hits(
    query: SearchQuery, filters: dict, match: FullTextMatch | None
) -> tuple[str, list]:
    """The requested page of hit ids with a `sort_key` column. Ranked by relevance, the
    engine scores only the rows that pass every filter."""
    where, params = _where(filters)
    if not (match and query.sort == "relevance"):
        sql = (
            f"SELECT page_id, ROW_NUMBER() OVER (ORDER BY {_NEWEST_FIRST}) AS sort_key FROM"
            f" (SELECT page_id, date FROM m WHERE {where} ORDER BY {_NEWEST_FIRST}"
            " LIMIT %s OFFSET %s) newest"
        )
        return sql, [*params, query.per_page, query.offset]
    if _ranks_with_matches(match, filters):
        sql = (
            f"SELECT page_id, score AS sort_key FROM m WHERE {where}"
            " ORDER BY sort_key, page_id LIMIT %s OFFSET %s"
        )
        return sql, [*params, query.per_page, query.offset]
    sql = (
        f"SELECT f.page_id AS page_id, {match.rank} AS sort_key FROM search_searchfilter f"
        f" {match.join} WHERE {match.where}"
    )
    params = [*match.rank_params, *match.params]
    if filters:
        sql += f" AND f.page_id IN (SELECT page_id FROM m WHERE {where})"
        params += _where(filters)[1]
    return f"{sql} ORDER BY sort_key, page_id LIMIT %s OFFSET %s", [
        *params,
        query.per_page,
        query.offset,
    ]


def _ranks_with_matches(match: FullTextMatch | None, filters: dict) -> bool:
    """Rank every match while finding them only where the engine prefers it and no filter
    would leave most of that ranking unused."""
    return bool(match and match.rank_with_matches and not filters)


def _where(filters: dict, exclude: str | None = None, alias: str = "m") -> tuple[str, list]:
    conditions = [condition for facet, condition in filters.items() if facet != exclude]
    if not conditions:
        return "1 = 1", []
    sql = " AND ".join(condition.format(alias=alias) for condition, _ in conditions)
    return sql, [param for _, params in conditions for param in params]


def _empty_facets() -> dict[str, dict[str, int]]:
    return {facet: {} for facet in FACETS}


def _groupings(filters: dict) -> list[tuple[str, tuple[str, ...], str | None]]:
    """(row kind, columns grouped by, the facet whose filter is left out) for each pass over
    the matches. The column facets not filtered share one pass (each then applies every
    filter), named after them ("type+municipality"); a filtered one has a pass of its own.
    The total needs a pass of its own only when every facet is filtered."""
    unfiltered = tuple(facet for facet in _COLUMN_FACETS if facet not in filters)
    groupings = [(facet, (facet,), facet) for facet in _COLUMN_FACETS if facet in filters]
    if unfiltered:
        groupings.append(("+".join(unfiltered), unfiltered, None))
    groupings += [
        ("goal", ("goal_bits",), "goal"),
        ("theme", ("theme_bits", "theme_overflow"), "theme"),
    ]
    if _total_kind(filters) == "count":
        groupings.append(("count", (), None))
    return groupings


def _total_kind(filters: dict) -> str:
    """A pass whose counts add up to the total: one whose facets' filters are not set."""
    unfiltered = [facet for facet in _COLUMN_FACETS if facet not in filters]
    if unfiltered:
        return "+".join(unfiltered)
    return next((facet for facet in FACETS if facet not in filters), "count")


def _read_rows(rows, theme_slugs: dict[int, str], total_kind: str):
    """Count, facets and hit ids from the rows of `_matches`. Goal and theme rows are bit
    sets, each counted once per set bit."""
    facets = {facet: Counter() for facet in FACETS}
    per_bit = {"goal": Counter(), "theme": Counter()}
    count, hits = 0, []
    for kind, *values, number in rows:
        value, second_value = values[:2]
        if kind == total_kind:
            count += number
        if kind == "hit":
            hits.append((number, int(value)))
        elif kind in per_bit:
            counter = per_bit[kind]
            for bit in numbers_in(int(value)):
                counter[bit] += number
            for slug in (second_value or "").split():  # themes without a bit
                facets["theme"][slug] += number
        elif kind != "count":  # column facets: "type", or shared: "type+municipality"
            for facet, facet_value in zip(kind.split("+"), values, strict=False):
                facets[facet][facet_value] += number
    result = {facet: {value: n for value, n in facets[facet].items() if value} for facet in FACETS}
    result["goal"] = {str(bit): number for bit, number in sorted(per_bit["goal"].items())}
    result["theme"].update(
        (theme_slugs[bit], number) for bit, number in per_bit["theme"].items() if bit in theme_slugs
    )
    return count, result, [page_id for _, page_id in sorted(hits)]


def _hit(entry: SearchEntry, terms: list[str]) -> SearchHit:
    source = f"{entry.summary}\n{entry.body}"[:HIGHLIGHT_SOURCE_CHARS]
    return SearchHit(
        page_id=entry.page_id,
        title=entry.title,
        url=entry.url,
        type=entry.type,
        highlight=highlight(source, terms),
        goals=list(entry.goal_numbers),
        themes=list(entry.theme_names),
        municipality=entry.municipality_name or None,
        date=entry.date,
    )
