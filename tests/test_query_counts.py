"""Pages cost the same number of SQL queries with 5 cases as with 50 (no query per case)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from .factories import (
    CasePageFactory,
    EventPageFactory,
    ImageFactory,
    PersonFactory,
    ResearchFindingPageFactory,
    StandardPageFactory,
    ThemeFactory,
    municipality,
    picture_file,
)


def query_count(client, url: str) -> int:
    client.get(url)  # the first visit makes image renditions and fills Wagtail's caches
    # Renditions are then looked up as after a restart: from the database, not the cache.
    get_image_model().get_rendition_model().cache_backend.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


class CaseMaker:
    """Cases as rich as real ones: goals, themes, contacts, an image each, an event, research."""

    def __init__(self, site_tree):
        self.site_tree = site_tree
        self.theme = ThemeFactory(name="Klima")
        self.person = PersonFactory()
        self.event = EventPageFactory(parent=site_tree.events)
        self.research = ResearchFindingPageFactory(parent=site_tree.research, goals=[13])

    def add(self, count: int):
        return [
            CasePageFactory(
                parent=self.site_tree.cases,
                municipality=municipality("gladsaxe"),
                goals=[11, 13],
                themes=[self.theme],
                work_levels=[1],
                contacts=[self.person],
                presented_at=self.event,
                related_research=[self.research],
                lead_image=ImageFactory(file=picture_file(480, 270)),
                lead_image_alt="Et billede",
            )
            for _ in range(count)
        ]


@pytest.mark.django_db
def test_public_pages_use_as_many_queries_with_50_cases_as_with_5(client, site_tree):
    maker = CaseMaker(site_tree)
    first_case = maker.add(5)[0]
    urls = [
        "/",
        "/cases/",
        "/cases/?goal=13&theme=klima&municipality=gladsaxe&approach=top-down",
        "/cases/?page=2",
        "/cases/?sort=municipality&level=1",
        first_case.url,
        maker.event.url,
        maker.research.url,
        "/verdensmaal/",
        "/verdensmaal/13/",
        "/verdensmaal/13/?municipality=gladsaxe&theme=klima",
        "/kommuner/gladsaxe/",
        "/kommuner/",
        "/rss/cases/",
    ]
    with_5 = {url: query_count(client, url) for url in urls}
    maker.add(45)
    with_50 = {url: query_count(client, url) for url in urls}
    assert with_50 == with_5


@pytest.mark.django_db
def test_case_listing_page_stays_within_a_small_query_budget(client, site_tree):
    CaseMaker(site_tree).add(13)
    # 22 for the page and its listing (of which 5 count the options of its 5 filters), 3 for
    # the footer (site settings, organisations, links)
    assert query_count(client, "/cases/?goal=13&goal=11&theme=klima") <= 25


@pytest.mark.django_db
def test_a_body_with_six_images_uses_as_many_queries_as_one_with_one(client, site_tree):
    def figure():
        image = ImageFactory(file=picture_file(700, 400))
        alt = {"image": image.pk, "alt_text": "Et billede", "decorative": False}
        return {"type": "figure", "value": {"image": alt, "caption": ""}}

    one = StandardPageFactory(parent=site_tree.home, body=[figure()])
    six = StandardPageFactory(parent=site_tree.home, body=[figure() for _ in range(6)])
    assert query_count(client, six.url) == query_count(client, one.url)
