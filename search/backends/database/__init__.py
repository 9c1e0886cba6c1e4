"""The database search backend: our own index tables, full text by the database's own engine.

A search costs three SQL queries whatever the number of hits: the index version (to know
whether this process's facet bitmaps are current, see .facets); one full-text
statement returning the ids of the pages matching the text and the requested page of them,
ranked by the engine among the pages the filters let through; and those hits' entries. A
browse without text needs only the first and the last. Filters, the count and every facet's
counts are bitmap operations; snippets are highlighted in Python for the page of hits only.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Greatest

from search.audience import ANONYMOUS
from search.documents import SearchDocument
from search.facets import FACET_NAMES
from search.models import (
    SearchEntry,
    SearchFilter,
    SearchIndexVersion,
    SearchThemeBit,
    SearchWord,
)
from search.query_plan import QueryPlan, terms_of
from search.text import (
    closest_word,
    highlight,
    index_terms,
    normalise,
    query_words,
    words,
)

from ..base import (
    BackendHealth,
    ProgressCallback,
    SearchBackend,
    SearchHit,
    SearchQuery,
    SearchResults,
)
from .facets import FacetSnapshot, bits_of, current_snapshot, numbers_in
from .full_text import FullText, Ranking, TermQuery
from .postgres import PostgresFullText
from .sqlite import SqliteFullText

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
HIGHLIGHT_SOURCE_CHARS = 20_000  # highlighting reads at most this much of a page's text
THEME_BITS = 63  # theme_bits is a signed 64-bit integer
_TERM_COLUMNS = ("title_terms", "summary_terms", "tags_terms", "body_terms")
_UPSERT_ROWS = 300  # three parameters a row: within SQLite's oldest limit of 999 a statement
_UNKNOWN_TOKEN = object()  # never equal to a version token: a rebuild without one reports a change


def full_text_for_connection() -> FullText:
    if connection.vendor == "sqlite":
        return SqliteFullText()
    if connection.vendor == "postgresql":
        return PostgresFullText()
    raise ImproperlyConfigured(f"The database search backend does not support {connection.vendor}.")


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# Writing ----------------------------------------------------------------------------------


def goal_term(number: int) -> str:
    """The term a page tagged with a goal holds in its taxonomy column, so that "mål 11"
    finds it; a reader may type it too ("sdg11"), and means the same."""
    return f"sdg{number}"


def _term_query(plan: QueryPlan) -> TermQuery | None:
    """The plan's words as stems, and each goal it names as its term."""
    groups = [tuple(dict.fromkeys(map(terms_of, group))) for group in plan.groups]
    groups += [((goal_term(number),),) for number in plan.goals]
    return TermQuery(tuple(groups)) if groups else None


def _tags_text(document: SearchDocument) -> str:
    return " ".join(
        [
            document.municipality_name or "",
            *document.goal_names,
            *document.theme_names,
            document.approach or "",
            *document.people,
        ]
    )


def audience_text(audience: Iterable[int]) -> str:
    """The groups that may find a page as the index stores them: " 3 7 ", or "" for all."""
    return f" {' '.join(map(str, audience))} " if audience else ""


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
        tags_terms=" ".join([index_terms(_tags_text(document)), *map(goal_term, document.goals)]),
        body_terms=index_terms(document.body),
        # "did you mean" offers only words of pages everyone may find
        words="" if document.audience else " ".join(sorted(_vocabulary(document))),
        audience=audience_text(document.audience),
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
        audience=audience_text(document.audience),
    )


def _vocabulary(document: SearchDocument) -> set[str]:
    text = " ".join([document.title, document.summary, _tags_text(document)])
    return {word for word in words(text) if 3 <= len(word) <= 100}


def _count_words(changes: Counter) -> None:
    """Add to each word's count of entries holding it (a negative change: entries gone).

    The counts change in SQL (`documents = documents + n`), never read-modify-write, so two
    transactions publishing or unpublishing pages with the same word cannot lose each
    other's change: a count too high would let "did you mean" reveal a removed page's word.
    Rows are inserted at 0 before the increment for the same reason."""
    changes = Counter({word: change for word, change in changes.items() if change})
    if not changes:
        return
    new_words = [word for word, change in changes.items() if change > 0]
    SearchWord.objects.bulk_create(
        (SearchWord(word=word, length=len(word), documents=0) for word in new_words),
        ignore_conflicts=True,
    )
    words_by_change = defaultdict(list)
    for word, change in changes.items():
        words_by_change[change].append(word)
    for change, changed_words in words_by_change.items():
        for batch in _batches(sorted(changed_words), BATCH_SIZE):
            SearchWord.objects.filter(word__in=batch).update(
                documents=Greatest(F("documents") + change, 0)
            )


def _add_word_counts(counts: Counter) -> None:
    """Add to each word's count in one upsert a batch of words, not an update per count: a
    rebuild's counts, into the table it emptied. Adding (rather than setting) keeps the
    increment of a page change that wrote a word the rebuild's delete did not hold back."""
    table = SearchWord._meta.db_table
    with connection.cursor() as cursor:
        for batch in _batches(sorted(counts.items()), _UPSERT_ROWS):
            cursor.execute(
                f"INSERT INTO {table} (word, length, documents) VALUES "
                + ", ".join(["(%s, %s, %s)"] * len(batch))
                + f" ON CONFLICT (word) DO UPDATE SET documents = {table}.documents"
                " + excluded.documents",
                [value for word, count in batch for value in (word, len(word), count)],
            )


def _words_of_entries(page_ids: list[int]) -> Counter:
    """How many of the entries of `page_ids` hold each word."""
    stored = SearchEntry.objects.filter(page_id__in=page_ids).values_list("words", flat=True)
    return Counter(word for words_of_entry in stored for word in words_of_entry.split())


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


def _bulk_insert(model, rows: list) -> None:
    """bulk_create, or on PostgreSQL a COPY: the index's rows are wide (a page's whole text
    and its stems), and bulk_create prepares and quotes every value in Python."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create(rows)
        return
    fields = model._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    json_fields = {
        field.attname: field.encoder for field in fields if field.get_internal_type() == "JSONField"
    }
    copy_sql = f"COPY {model._meta.db_table} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
        for row in rows:
            copy.write_row(
                [
                    json.dumps(value, cls=json_fields[field.attname])
                    if field.attname in json_fields
                    else value
                    for field in fields
                    for value in (getattr(row, field.attname),)
                ]
            )


def _new_version() -> None:
    """Tell every process that the index changed (see .facets): a new token in the
    one row, created if need be (an upsert, so two first writers cannot make two rows)."""
    SearchIndexVersion.objects.bulk_create(
        [SearchIndexVersion(pk=SearchIndexVersion.ROW, token=uuid.uuid4().hex)],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["token"],
    )


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
            wrote = False
            for batch in _batches(documents, BATCH_SIZE):
                self._remove(batch_ids := [document.page_id for document in batch])
                _count_words(self._insert(batch))
                with connection.cursor() as cursor:
                    self.full_text.learn(cursor, batch_ids)
                wrote = True
            if wrote:
                _new_version()

    def remove_pages(self, page_ids: Iterable[int]) -> None:
        with transaction.atomic():
            wrote = False
            for batch in _batches(page_ids, BATCH_SIZE):
                self._remove(batch)
                wrote = True
            if wrote:
                _new_version()

    def rebuild(
        self, documents: Iterable[SearchDocument], total: int, progress: ProgressCallback | None
    ) -> None:
        self.rebuild_read_at(documents, total, progress, token=_UNKNOWN_TOKEN)

    def rebuild_read_at(
        self,
        documents: Iterable[SearchDocument],
        total: int,
        progress: ProgressCallback | None,
        token: str | None | object,
    ) -> bool:
        """Rebuild from documents made of the pages as they were while `token` was the
        index's version token (None: no token yet); returns whether a page may have changed
        since, which the caller must then reconcile: whether another write replaced the token.

        The token is compared inside the rebuild's transaction, after every entry was deleted
        and before the rebuild writes its own: a page change committed since the pages were
        read has replaced it by then (one that wrote its entries before the delete, which
        waited for it to commit, too); one writing its entries after the delete waits for the
        rebuild's commit on the rows it deleted, or writes a page the rebuild does not."""
        with transaction.atomic():
            with connection.cursor() as cursor:
                self.full_text.forget_all(cursor)
            for model in (SearchFilter, SearchEntry, SearchThemeBit, SearchWord):
                model.objects.all()._raw_delete(connection.alias)
            done, words_used = 0, Counter()
            for batch in _batches(documents, BATCH_SIZE):
                words_used += self._insert(batch)
                done += len(batch)
                if progress:
                    progress(done, total)
            _add_word_counts(words_used)
            with connection.cursor() as cursor:
                self.full_text.learn_all(cursor)
                self.full_text.optimise(cursor)
            current = SearchIndexVersion.objects.filter(pk=SearchIndexVersion.ROW)
            changed = current.values_list("token", flat=True).first() != token
            _new_version()
        return changed

    def _remove(self, page_ids: list[int]) -> None:
        _count_words(Counter({word: -n for word, n in _words_of_entries(page_ids).items()}))
        with connection.cursor() as cursor:
            self.full_text.forget(cursor, page_ids)
        SearchFilter.objects.filter(page_id__in=page_ids)._raw_delete(connection.alias)
        SearchEntry.objects.filter(page_id__in=page_ids)._raw_delete(connection.alias)

    def _insert(self, documents: list[SearchDocument]) -> Counter:
        """Write the documents' entries and filter rows (not the full-text structure: the
        caller has it learn them); returns how many of them hold each word, for the caller to
        count (once per batch, or once for a whole rebuild)."""
        entries = [_entry(document) for document in documents]
        _bulk_insert(SearchEntry, entries)
        theme_bits = _theme_bits(documents)
        _bulk_insert(SearchFilter, [_filter_row(doc, theme_bits) for doc in documents])
        return Counter(word for entry in entries for word in entry.words.split())

    # Reading ------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        terms = _term_query(query.plan())
        if query.text.strip() and not terms:
            return SearchResults(backend=self.name, count=0, hits=[], facets=_empty_facets())
        snapshot = current_snapshot()
        visible = snapshot.visible(query.audience)
        selections = _selections(query, snapshot)
        ranked = bool(terms) and query.sort == "relevance"
        matches, best = visible, []
        if terms:
            ranking = _ranking(query, snapshot, selections, visible) if ranked else None
            with connection.cursor() as cursor:
                matching_ids, best = self.full_text.search(cursor, terms, ranking)
            matches = snapshot.bitmap_of(matching_ids) & visible
        allowed, facets = snapshot.counts(matches, selections)
        count = allowed.bit_count()
        if ranked:
            page_ids = _visible_page(best, query, snapshot, visible)
        else:  # newest first: the order of the snapshot's bits
            stop = query.offset + query.per_page
            page_ids = list(islice(snapshot.page_ids_in(allowed), query.offset, stop))
        entries = SearchEntry.objects.defer(*_TERM_COLUMNS).in_bulk(page_ids) if page_ids else {}
        marked = terms.terms() if terms else []
        hits = [_hit(entries[page_id], marked) for page_id in page_ids if page_id in entries]
        suggestion = self._did_you_mean(query.text) if terms and count == 0 else None
        return SearchResults(
            backend=self.name, count=count, hits=hits, facets=facets, suggestion=suggestion
        )

    def _did_you_mean(self, text: str) -> str | None:
        """The query with each unknown word replaced by the nearest known one, if any was."""
        asked = query_words(text)[:5]
        known = set(
            SearchWord.objects.filter(word__in=asked, documents__gt=0).values_list(
                "word", flat=True
            )
        )
        corrected = [word if word in known else self._closest_known(word) or word for word in asked]
        return " ".join(corrected) if corrected != asked else None

    def _closest_known(self, word: str) -> str | None:
        if len(word) < 3:
            return None
        candidates = SearchWord.objects.filter(
            documents__gt=0,
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
            SearchEntry.objects.filter(audience="")  # titles of pages everyone may find
            .filter(Q(title_key__startswith=prefix) | Q(title_key__contains=" " + prefix))
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
        municipalities = (
            SearchEntry.objects.filter(audience="")
            .exclude(municipality_name="")
            .values_list("municipality_name", flat=True)
        )
        names = set(municipalities.distinct()) | set(self._theme_names_in_use())
        return sorted(name for name in names if normalise(name).startswith(prefix))

    def _theme_names_in_use(self) -> list[str]:
        """Names of the themes some indexed page has now: SearchThemeBit keeps a theme after
        its last page went, and its name must not be offered then."""
        snapshot = current_snapshot()
        public = snapshot.visible(ANONYMOUS)
        in_use = [slug for slug, pages in snapshot.bitmaps["theme"].items() if pages & public]
        return list(SearchThemeBit.objects.filter(slug__in=in_use).values_list("name", flat=True))

    def health(self) -> BackendHealth:
        try:
            return BackendHealth(self.name, True, SearchEntry.objects.count())
        except DatabaseError as error:
            return BackendHealth(self.name, False, None, str(error))

    def index_state(self) -> dict[int, str]:
        return dict(SearchEntry.objects.values_list("page_id", "fingerprint"))

    def document_count(self) -> int:
        return SearchEntry.objects.count()


# Reading helpers --------------------------------------------------------------------------


def _selections(query: SearchQuery, snapshot: FacetSnapshot) -> dict[str, int]:
    """facet -> the pages its active filter lets through (the bitmaps' values are strings)."""
    return {
        facet: snapshot.selection(facet, [str(value) for value in values])
        for facet, values in query.filters.items()
    }


def _ranking(
    query: SearchQuery, snapshot: FacetSnapshot, selections: dict[str, int], visible: int
) -> Ranking | None:
    """What the engine ranks: only the pages the filters let through that the asker may find
    (none: nothing). Without filters it ranks every page, and asks for as many more as the
    asker may not find, so that a page of them remains when those are left out (there are
    few: the network's confidential pages)."""
    hidden = (snapshot.everything & ~visible).bit_count()
    if selections:
        among = list(snapshot.page_ids_in(snapshot.passing(selections) & visible))
        return Ranking(among, query.per_page, query.offset) if among else None
    if not hidden:
        return Ranking(None, query.per_page, query.offset)
    return Ranking(None, query.offset + query.per_page + hidden, 0)


def _visible_page(
    best: list[int], query: SearchQuery, snapshot: FacetSnapshot, visible: int
) -> list[int]:
    """The requested page of ranked ids: as ranked when the engine ranked only what the asker
    may find, else without the hidden ones (see _ranking)."""
    if visible == snapshot.everything or query.filters:
        return best
    shown = [page_id for page_id in best if snapshot.holds(visible, page_id)]
    return shown[query.offset : query.offset + query.per_page]


def _empty_facets() -> dict[str, dict[str, int]]:
    return {facet: {} for facet in FACET_NAMES}


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
