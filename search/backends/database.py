"""The database search backend: our own index tables, full text by the database's own engine.

A search costs three SQL queries whatever the number of hits: one for the count and every
facet at once, one for the ids of the requested page of hits (ranked and limited by the
engine), one for those entries. Snippets are highlighted in Python for those hits only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, IntegerField, Q, Value, When

from search.documents import SearchDocument
from search.models import SearchEntry, SearchEntryGoal, SearchEntryTheme, SearchWord
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

BATCH_SIZE = 500
# Highlighting reads at most this much of a page's text.
HIGHLIGHT_SOURCE_CHARS = 20_000
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


def _vocabulary(document: SearchDocument) -> set[str]:
    text = " ".join([document.title, document.summary, _tags_text(document)])
    return {word for word in words(text) if 3 <= len(word) <= 100}


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
            for model in (SearchEntryGoal, SearchEntryTheme, SearchEntry, SearchWord):
                model.objects.all()._raw_delete(model.objects.db)
            done = 0
            for batch in _batches(documents, BATCH_SIZE):
                self._insert(batch, [document.page_id for document in batch])
                done += len(batch)
                if progress:
                    progress(done, total)

    def _remove(self, page_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            self.full_text.forget(cursor, page_ids)
        SearchEntryGoal.objects.filter(entry_id__in=page_ids)._raw_delete(connection.alias)
        SearchEntryTheme.objects.filter(entry_id__in=page_ids)._raw_delete(connection.alias)
        SearchEntry.objects.filter(page_id__in=page_ids)._raw_delete(connection.alias)

    def _insert(self, documents: list[SearchDocument], page_ids: list[int]) -> None:
        SearchEntry.objects.bulk_create(_entry(document) for document in documents)
        SearchEntryGoal.objects.bulk_create(
            SearchEntryGoal(entry_id=document.page_id, goal=goal)
            for document in documents
            for goal in set(document.goals)
        )
        SearchEntryTheme.objects.bulk_create(
            SearchEntryTheme(entry_id=document.page_id, theme=slug, name=name)
            for document in documents
            for slug, name in dict(zip(document.themes, document.theme_names, strict=False)).items()
        )
        words = set().union(*(_vocabulary(document) for document in documents))
        SearchWord.objects.bulk_create(
            (SearchWord(word=word, length=len(word)) for word in words), ignore_conflicts=True
        )
        with connection.cursor() as cursor:
            self.full_text.learn(cursor, page_ids)

    # Reading ------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        terms = query_terms(query.text)
        if query.text.strip() and not terms:
            return SearchResults(backend=self.name, count=0, hits=[], facets=_empty_facets())
        match = self.full_text.match(terms) if terms else None
        count, facets = self._count_and_facets(query, match)
        hits = self._hits(query, match, terms) if count > query.offset else []
        suggestion = self._did_you_mean(query.text) if terms and count == 0 else None
        return SearchResults(
            backend=self.name, count=count, hits=hits, facets=facets, suggestion=suggestion
        )

    def _count_and_facets(
        self, query: SearchQuery, match: FullTextMatch | None
    ) -> tuple[int, dict[str, dict[str, int]]]:
        """One statement: the matching set once, then each facet's counts with every filter
        but its own (so ticking another value shows what it would add), and the total."""
        filters = _filters(query, "m")
        matched_sql = "SELECT e.page_id, e.type, e.municipality FROM search_searchentry e"
        params: list = []
        if match:
            matched_sql += f" {match.join} WHERE {match.where}"
            params += match.params
        parts = []
        for facet, source, value in _FACET_SOURCES:
            where, where_params = _where(filters, exclude=facet)
            parts.append(
                f"SELECT '{facet}', {value}, COUNT(*) FROM {source} WHERE {value} <> ''"
                f" AND {where} GROUP BY {value}"
            )
            params += where_params
        where, where_params = _where(filters)
        parts.append(f"SELECT 'count', '', COUNT(*) FROM m WHERE {where}")
        params += where_params
        sql = f"WITH m AS MATERIALIZED ({matched_sql}) " + " UNION ALL ".join(parts)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        facets = _empty_facets()
        count = 0
        for facet, value, number in rows:
            if facet == "count":
                count = number
            else:
                facets[facet][str(value)] = number
        return count, facets

    def _hits(
        self, query: SearchQuery, match: FullTextMatch | None, terms: list[str]
    ) -> list[SearchHit]:
        page_ids = self._ranked_page_ids(query, match)
        entries = SearchEntry.objects.defer(*_TERM_COLUMNS).in_bulk(page_ids)
        return [_hit(entries[page_id], terms) for page_id in page_ids if page_id in entries]

    def _ranked_page_ids(self, query: SearchQuery, match: FullTextMatch | None) -> list[int]:
        where, params = _where(_filters(query, "e"))
        sql = "SELECT e.page_id FROM search_searchentry e"
        if match:
            sql += f" {match.join}"
            where = f"{match.where} AND {where}"
            params = match.params + params
        if match and query.sort == "relevance":
            order = f"{match.rank}, e.page_id"
            params += match.rank_params
        else:
            order = "e.date DESC NULLS LAST, e.page_id DESC"
        sql += f" WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, query.per_page, query.offset])
            return [row[0] for row in cursor.fetchall()]

    def _did_you_mean(self, text: str) -> str | None:
        """The query with each unknown word replaced by the nearest known one, if any was."""
        words = query_words(text)[:5]
        known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
        corrected = [word if word in known else self._closest_known(word) or word for word in words]
        return " ".join(corrected) if corrected != words else None

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
        themes = SearchEntryTheme.objects.values_list("name", flat=True)
        names = set(municipalities.distinct()) | set(themes.distinct())
        return sorted(name for name in names if normalise(name).startswith(prefix))

    def health(self) -> BackendHealth:
        try:
            return BackendHealth(self.name, True, SearchEntry.objects.count())
        except DatabaseError as error:
            return BackendHealth(self.name, False, None, str(error))

    def index_state(self) -> dict[int, str]:
        return dict(SearchEntry.objects.values_list("page_id", "fingerprint"))


# SQL building -----------------------------------------------------------------------------

# facet, the rows it counts (joined to the matching set m), the value counted
_FACET_SOURCES = (
    ("type", "m", "m.type"),
    ("municipality", "m", "m.municipality"),
    (
        "goal",
        "m JOIN search_searchentrygoal g ON g.entry_id = m.page_id",
        "CAST(g.goal AS VARCHAR(10))",
    ),
    ("theme", "m JOIN search_searchentrytheme t ON t.entry_id = m.page_id", "t.theme"),
)


def _filters(query: SearchQuery, alias: str) -> dict[str, tuple[str, list]]:
    """facet -> (SQL condition on the entry `alias`, params), for the facets with a filter."""
    filters: dict[str, tuple[str, list]] = {}
    if query.types:
        filters["type"] = (f"{alias}.type IN ({_placeholders(query.types)})", list(query.types))
    if query.municipalities:
        filters["municipality"] = (
            f"{alias}.municipality IN ({_placeholders(query.municipalities)})",
            list(query.municipalities),
        )
    if query.goals:
        filters["goal"] = (
            f"{alias}.page_id IN (SELECT entry_id FROM search_searchentrygoal"
            f" WHERE goal IN ({_placeholders(query.goals)}))",
            list(query.goals),
        )
    if query.themes:
        filters["theme"] = (
            f"{alias}.page_id IN (SELECT entry_id FROM search_searchentrytheme"
            f" WHERE theme IN ({_placeholders(query.themes)}))",
            list(query.themes),
        )
    return filters


def _where(filters: dict[str, tuple[str, list]], exclude: str | None = None) -> tuple[str, list]:
    conditions = [condition for facet, condition in filters.items() if facet != exclude]
    if not conditions:
        return "1 = 1", []
    return " AND ".join(sql for sql, _ in conditions), [p for _, ps in conditions for p in ps]


def _empty_facets() -> dict[str, dict[str, int]]:
    return {facet: {} for facet in FACETS}


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
