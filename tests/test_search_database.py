"""The database backend's cost: a constant number of SQL queries, whatever the number of hits,
and facet bitmaps rebuilt only when the index has changed (on SQLite or PostgreSQL)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import index_sync
from search.backends import get_backend
from search.backends.base import SearchQuery
from search.models import SearchIndexVersion

from .factories import CasePageFactory, ThemeFactory, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.SEARCH_BACKEND = "database"
    return get_backend("database")


def add_cases(site_tree, count, theme, start=0):
    for number in range(start, start + count):
        CasePageFactory(
            parent=site_tree.cases,
            title=f"Klimaplan {number}",
            summary="Kommunen arbejder med klimaplanen.",
            municipality=municipality("aarhus" if number % 2 else "gladsaxe"),
            goals=[13] if number % 3 else [11, 13],
            themes=[theme],
        )


def rebuild(backend):
    documents = index_sync.all_documents()
    backend.rebuild(documents, len(documents), None)


def queries_of(backend, query):
    backend.search(query)  # the first search after a write builds the facet bitmaps
    with CaptureQueriesContext(connection) as captured:
        results = backend.search(query)
    return len(captured), results


SEARCHES = {
    "ranked text with filters": SearchQuery(
        text="klimaplan", filters={"goal": (13,), "municipality": ("aarhus",)}
    ),
    "ranked text": SearchQuery(text="kommunen"),
    "newest first": SearchQuery(text="klimaplan", sort="newest", page=2, per_page=2),
    "browse": SearchQuery(filters={"goal": (13,)}),
}


@pytest.mark.parametrize("name", SEARCHES)
def test_the_number_of_queries_does_not_grow_with_the_number_of_hits(backend, site_tree, name):
    theme = ThemeFactory(name="Klima")
    add_cases(site_tree, 3, theme)
    rebuild(backend)
    few, few_results = queries_of(backend, SEARCHES[name])
    add_cases(site_tree, 27, theme, start=3)
    rebuild(backend)
    many, many_results = queries_of(backend, SEARCHES[name])
    assert many_results.count > few_results.count > 0
    assert many == few <= 3


def test_a_search_after_a_write_sees_it_and_later_ones_reuse_the_bitmaps(backend, site_tree):
    theme = ThemeFactory(name="Klima")
    add_cases(site_tree, 4, theme)
    rebuild(backend)
    query = SearchQuery(text="klimaplan", filters={"theme": (theme.slug,)})
    warm, results = queries_of(backend, query)
    assert results.count == 4

    newcomer = CasePageFactory(parent=site_tree.cases, title="Klimaplan ny", themes=[theme])
    backend.index_page(newcomer)
    with CaptureQueriesContext(connection) as captured:
        results = backend.search(query)
    assert results.count == 5
    assert results.facets["theme"] == {theme.slug: 5}
    assert len(captured) > warm  # the bitmaps were rebuilt

    again, results = queries_of(backend, query)
    assert (again, results.count) == (warm, 5)


def test_writes_without_a_version_row_make_one_that_searches_follow(backend, site_tree):
    SearchIndexVersion.objects.all().delete()  # as after a flush
    query = SearchQuery(text="klimaplan")
    for number, expected in ((1, 1), (2, 2)):
        page = CasePageFactory(parent=site_tree.cases, title=f"Klimaplan {number}")
        backend.index_page(page)
        assert backend.search(query).count == expected
    assert SearchIndexVersion.objects.count() == 1


def ranked_titles(backend, query) -> list[str]:
    return [hit.title for hit in backend.search(query).hits]


@pytest.mark.parametrize("look_up_at_most", [0, 1000])
def test_filtered_text_search_ranks_the_same_whether_allowed_pages_are_looked_up_or_scanned(
    backend, site_tree, monkeypatch, look_up_at_most
):
    """PostgreSQL ranks a filtered search either by looking the allowed pages up by id or by
    ranking every match and keeping the allowed ones (many allowed pages); both answer alike
    (SQLite has one way: the test holds there too)."""
    from search.backends.database import postgres

    monkeypatch.setattr(postgres, "LOOK_UP_AT_MOST", look_up_at_most)
    theme = ThemeFactory(name="Klima")
    add_cases(site_tree, 9, theme)
    CasePageFactory(
        parent=site_tree.cases,
        title="Klimaplan klimaplan",
        goals=[13],
        municipality=municipality("aarhus"),
        summary="Klimaplan om klimaplanen.",
    )
    rebuild(backend)
    query = SearchQuery(text="klimaplan", filters={"goal": (11,)}, per_page=2)
    assert ranked_titles(backend, query) == ["Klimaplan 0", "Klimaplan 3"]
    query = SearchQuery(text="klimaplan", filters={"municipality": ("aarhus",)}, per_page=3)
    assert ranked_titles(backend, query)[0] == "Klimaplan klimaplan"
    assert backend.search(query).count == 5
