"""Every public page costs at most 15 SQL queries, and as many with 60 more cases, research,
events and people as without them (no query per case). The pages are those the benchmarks
measure (bench/pages.py)."""

import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Site

from bench.pages import PAGES, page_urls
from demo.pages import load_demo_content

from .factories import ContentMaker, ImageFactory, StandardPageFactory, picture_file

# Marked for the database although the counts are taken in a module fixture: unmarked, the
# tests would run after the transactional ones, which empty the reference data.
pytestmark = pytest.mark.django_db

QUERY_BUDGET = 15


def query_count(client, url: str) -> int:
    client.get(url)  # the first visit makes image renditions and fills the caches
    # Renditions are then looked up as after a restart: from the database, not the cache
    # (the default cache, which also holds Wagtail's site root paths: read again here).
    get_image_model().get_rendition_model().cache_backend.clear()
    Site.get_site_root_paths()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@dataclass
class Counts:
    urls: dict[str, str]
    small: dict[str, int]
    big: dict[str, int]


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker) -> Counts:
    """The queries of each page on the demo site with five more cases, then with 60 more
    (measured in one transaction, rolled back at the end)."""
    client = Client()
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_content()
        maker = ContentMaker()
        maker.add(5)
        call_command("search_index", "--rebuild", stdout=io.StringIO(), stderr=io.StringIO())
        urls = page_urls()  # the same addresses on both sites
        small = {name: query_count(client, url) for name, url in urls.items()}
        maker.add(60)
        StandardPageFactory(parent=maker.cases.get_parent())
        call_command("search_index", "--rebuild", stdout=io.StringIO(), stderr=io.StringIO())
        big = {name: query_count(client, url) for name, url in urls.items()}
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()
    return Counts(urls, small, big)


@pytest.mark.parametrize("page", PAGES)
def test_page_costs_at_most_15_queries(counts, page):
    assert page in counts.urls, f"the test site has no {page} page"
    assert counts.small[page] <= QUERY_BUDGET, counts.urls[page]
    assert counts.big[page] <= QUERY_BUDGET, counts.urls[page]


@pytest.mark.parametrize("page", PAGES)
def test_page_costs_as_many_queries_with_60_more_cases(counts, page):
    assert counts.big[page] == counts.small[page], counts.urls[page]


@pytest.mark.django_db
def test_a_body_with_six_images_uses_as_many_queries_as_one_with_one(client, site_tree):
    def figure():
        image = ImageFactory(file=picture_file(700, 400))
        alt = {"image": image.pk, "alt_text": "Et billede", "decorative": False}
        return {"type": "figure", "value": {"image": alt, "caption": ""}}

    one = StandardPageFactory(parent=site_tree.home, body=[figure()])
    six = StandardPageFactory(parent=site_tree.home, body=[figure() for _ in range(6)])
    assert query_count(client, six.url) == query_count(client, one.url)
