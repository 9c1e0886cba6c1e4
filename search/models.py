"""The database search backend's own index, and the outbox of updates Elasticsearch has yet
to receive.

The full-text structures live beside these tables, created by migrations for the database
in use: an FTS5 table `search_fts` on SQLite (rowid = page id, migration 0002) and a narrow,
GIN-indexed table of tsvectors `search_vector` on PostgreSQL (migration 0004). Both read the
`*_terms` columns, which hold the stems from `search.text.index_terms`. Only
`search.backends.database` writes these tables: page deletions do not cascade here (no
foreign key to the page), because the FTS5 table must be told about every row that goes.
Filters and facets come from SearchFilter, as bitmaps (search.backends.database.facets).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class SearchEntry(models.Model):
    page_id = models.IntegerField(primary_key=True)
    type = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=255)
    title_key = models.CharField(max_length=255, db_index=True)  # lower-cased, for suggestions
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True)
    municipality = models.CharField(max_length=100, blank=True, db_index=True)  # slug
    municipality_name = models.CharField(max_length=100, blank=True)
    approach = models.CharField(max_length=20, blank=True)
    goal_numbers = models.JSONField(default=list)
    theme_names = models.JSONField(default=list)
    fingerprint = models.CharField(max_length=40)
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    tags_terms = models.TextField(blank=True)  # municipality, goals, themes, approach
    body_terms = models.TextField(blank=True)
    # The page's "did you mean" words (see SearchWord), space-separated: what to forget when
    # the entry goes.
    words = models.TextField(blank=True, default="")
    # the groups that may find the page, as " 3 7 " (search.audience); "": everyone
    audience = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("søgeindeks-post")
        verbose_name_plural = _("søgeindeks")

    def __str__(self):
        return self.title


class SearchFilter(models.Model):
    """The narrow twin of SearchEntry: what filters, facets and sorting read.

    Kept apart from the wide text rows so that loading the facet bitmaps of every page
    (search.backends.database.facets) reads a few compact pages. Goals and themes are bit
    sets (goal n is bit n; a theme's bit is in SearchThemeBit).
    """

    page_id = models.IntegerField(primary_key=True)
    type = models.CharField(max_length=20)
    municipality = models.CharField(max_length=100, blank=True)  # slug
    date = models.DateField(null=True, db_index=True)
    approach = models.CharField(max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    goal_bits = models.BigIntegerField(default=0)
    theme_bits = models.BigIntegerField(default=0)
    # The slugs of the page's themes that have no bit, space-separated with a space either
    # side (" a b "), so that a filter is `LIKE '% a %'`. Empty unless there are more than
    # THEME_BITS themes in use.
    theme_overflow = models.TextField(blank=True, default="")
    audience = models.CharField(max_length=200, blank=True, default="")  # as SearchEntry's

    def __str__(self):
        return str(self.page_id)


class SearchThemeBit(models.Model):
    """Which bit of SearchFilter.theme_bits stands for a theme. There are 63 bits; a theme
    without one (`bit` null) is kept in SearchFilter.theme_overflow instead."""

    slug = models.CharField(max_length=100, primary_key=True)
    name = models.CharField(max_length=100)
    bit = models.PositiveSmallIntegerField(unique=True, null=True)

    def __str__(self):
        return f"{self.slug}: {self.bit}"


class SearchWord(models.Model):
    """Words of titles, summaries and taxonomy names, for "did you mean" on misspellings.

    `documents` counts the entries holding the word, so that a word is forgotten (0) when
    the last live, public page using it leaves the index: a suggestion must never reveal
    words of an unpublished or private page. Rows at 0 are kept rather than deleted, so a
    concurrent writer's increment is never lost; `search_index --rebuild` drops them.
    """

    word = models.CharField(max_length=100, primary_key=True)
    length = models.PositiveSmallIntegerField(db_index=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word


class SearchIndexVersion(models.Model):
    """One row (id ROW) whose token every write to the database index replaces, in the same
    transaction: a process holding facet bitmaps of an older token rebuilds them."""

    ROW = 1

    token = models.CharField(max_length=32)

    def __str__(self):
        return self.token


class IndexUpdate(models.Model):
    """The outbox: a page whose entry in the Elasticsearch index must be brought in line with
    the page as it is when the update is applied (indexed if live and public, else removed).

    Written in the transaction that changed the page, so a rolled-back change leaves none
    and a crash after the commit loses none. Deleted only by the process that applied it to
    Elasticsearch (search.index_sync); see ExternalIndex for when rows are written at all.
    """

    page_id = models.IntegerField(db_index=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("indeksopdatering")
        verbose_name_plural = _("indeksopdateringer")

    def __str__(self):
        return str(self.page_id)


class ExternalIndex(models.Model):
    """An index outside the database (Elasticsearch) that was built for this site's pages.

    While a row exists, every process records its page changes in the outbox (IndexUpdate),
    even one started without ELASTICSEARCH_URL (a shell, a cron job), so that the index can
    catch up. A site that never built one writes no outbox rows, so none pile up.
    `search_index --forget-elasticsearch` removes the row and the outbox.
    """

    backend = models.CharField(max_length=50, primary_key=True)
    built = models.DateTimeField()

    class Meta:
        verbose_name = _("eksternt søgeindeks")
        verbose_name_plural = _("eksterne søgeindekser")

    def __str__(self):
        return self.backend


def _synonym_words(text: str) -> list[str]:
    """The words or phrases of a comma-separated list, each once, as written."""
    found = (" ".join(part.split()) for part in text.replace("\n", ",").split(","))
    return list(dict.fromkeys(word for word in found if word))


class SynonymSet(models.Model):
    """Words editors say mean the same: a search for one also finds the pages holding another
    (search.synonyms hands them to every backend at query time; nothing is re-indexed)."""

    words = models.TextField(
        _("ord"),
        help_text=_(
            "Ord eller udtryk med samme betydning, adskilt af komma, fx »kontingent, pris, "
            "medlemskab«. En søgning på ét af dem finder også sider med de andre."
        ),
    )

    panels = [FieldPanel("words")]

    class Meta:
        verbose_name = _("synonymer")
        verbose_name_plural = _("synonymer")
        ordering = ["words"]

    def __str__(self) -> str:
        return ", ".join(self.word_list())

    def word_list(self) -> list[str]:
        return _synonym_words(self.words)

    def clean(self):
        if len(self.word_list()) < 2:
            raise ValidationError(
                {"words": _("Skriv mindst to ord eller udtryk, adskilt af komma.")}
            )
