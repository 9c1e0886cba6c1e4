"""The database search backend's own index, and the updates Elasticsearch has yet to receive.

The full-text structures live beside these tables, created by migrations for the database
in use: an FTS5 table `search_fts` on SQLite (rowid = page id, migration 0002) and a narrow,
GIN-indexed table of tsvectors `search_vector` on PostgreSQL (migration 0004). Both read the
`*_terms` columns, which hold the stems from `search.text.index_terms`. Only
`search.backends.database` writes these tables: page deletions do not cascade here (no
foreign key to the page), because the FTS5 table must be told about every row that goes.
Filters and facets come from SearchFilter, as bitmaps (search.backends.database.facets).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
    """Words of titles, summaries and taxonomy names, for "did you mean" on misspellings."""

    word = models.CharField(max_length=100, primary_key=True)
    length = models.PositiveSmallIntegerField(db_index=True)

    def __str__(self):
        return self.word


class SearchIndexVersion(models.Model):
    """One row (id ROW) whose token every write to the database index replaces, in the same
    transaction: a process holding facet bitmaps of an older token rebuilds them."""

    ROW = 1

    token = models.CharField(max_length=32)

    def __str__(self):
        return self.token


class PendingIndexUpdate(models.Model):
    """A page change Elasticsearch missed because it did not answer; applied when it does."""

    class Action(models.TextChoices):
        INDEX = "index", _("indeksér")
        REMOVE = "remove", _("fjern")

    page_id = models.IntegerField(db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("ventende indeksopdatering")
        verbose_name_plural = _("ventende indeksopdateringer")

    def __str__(self):
        return f"{self.action} {self.page_id}"
