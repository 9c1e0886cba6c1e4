"""What machines read: the RSS feed of new cases, sitemap.xml and the events' calendar files."""

import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cases.feeds import FEED_LENGTH

from .factories import CasePageFactory, EventPageFactory, municipality

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def rss_items(client) -> list[ET.Element]:
    response = client.get(reverse("case_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


def sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).findall(".//s:loc", SITEMAP_NS)]


@pytest.mark.django_db
def test_rss_feed_lists_new_cases_newest_first_with_full_links(client, site_tree):
    CasePageFactory(parent=site_tree.cases, title="Ældre case")
    newest = CasePageFactory(
        parent=site_tree.cases,
        title="Nyeste case",
        summary="Guldborgsund arbejder bottom-up.",
        municipality=municipality("guldborgsund"),
        goals=[13],
    )
    items = rss_items(client)
    assert [item.findtext("title") for item in items] == ["Nyeste case", "Ældre case"]
    first = items[0]
    assert first.findtext("link") == newest.full_url
    assert first.findtext("description") == "Guldborgsund arbejder bottom-up."
    assert [c.text for c in first.findall("category")] == ["Guldborgsund", "13. Klimaindsats"]
    assert first.findtext("pubDate")


@pytest.mark.django_db
def test_rss_items_are_dated_and_ordered_by_the_case_date_not_its_publication(client, site_tree):
    a_year_ago = timezone.now() - datetime.timedelta(days=365)
    CasePageFactory(
        parent=site_tree.cases,
        title="Fortalt i 2024",
        date=datetime.date(2024, 3, 1),
        first_published_at=a_year_ago,
    )
    CasePageFactory(parent=site_tree.cases, title="Fortalt i 2021", date=datetime.date(2021, 1, 28))
    CasePageFactory(parent=site_tree.cases, title="Uden dato", date=None)
    items = {item.findtext("title"): item for item in rss_items(client)}
    assert list(items) == ["Fortalt i 2024", "Fortalt i 2021", "Uden dato"]
    # midnight of the day in Copenhagen (winter time)
    assert items["Fortalt i 2021"].findtext("pubDate") == "Thu, 28 Jan 2021 00:00:00 +0100"
    assert items["Fortalt i 2024"].findtext("pubDate") == "Fri, 01 Mar 2024 00:00:00 +0100"
    assert items["Uden dato"].find("pubDate") is None


@pytest.mark.django_db
def test_rss_feed_leaves_out_drafts_and_private_cases(client, site_tree):
    CasePageFactory(parent=site_tree.cases, title="Kladde", live=False)
    private = CasePageFactory(parent=site_tree.cases, title="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    CasePageFactory(parent=site_tree.cases, title="Offentlig")
    assert [item.findtext("title") for item in rss_items(client)] == ["Offentlig"]


@pytest.mark.django_db
def test_rss_feed_holds_only_the_latest_cases(client, site_tree):
    for number in range(FEED_LENGTH + 2):
        CasePageFactory(parent=site_tree.cases, title=f"Case {number}")
    titles = [item.findtext("title") for item in rss_items(client)]
    assert len(titles) == FEED_LENGTH
    assert titles[0] == f"Case {FEED_LENGTH + 1}" and "Case 0" not in titles


@pytest.mark.django_db
def test_rss_channel_is_danish_and_links_to_the_case_listing(client, site_tree):
    channel = ET.fromstring(client.get(reverse("case_feed")).content).find("channel")
    assert channel.findtext("language") == "da"
    assert channel.findtext("link") == site_tree.cases.full_url
    assert channel.findtext("title") == "Nye cases – Verdensmål i kommunerne"


@pytest.mark.django_db
def test_sitemap_lists_live_pages_and_the_goal_and_municipality_pages_with_cases(client, site_tree):
    case = CasePageFactory(
        parent=site_tree.cases, municipality=municipality("gladsaxe"), goals=[11, 13]
    )
    draft = CasePageFactory(parent=site_tree.cases, live=False, municipality=municipality("vejle"))
    root = site_tree.home.full_url  # the Wagtail site's address, for pages and views alike
    locations = sitemap_locations(client)
    assert root in locations
    assert case.full_url in locations
    assert site_tree.cases.full_url in locations
    assert f"{root}cases/{draft.slug}/" not in locations
    assert [loc for loc in locations if "/verdensmaal/" in loc] == [
        f"{root}verdensmaal/",
        f"{root}verdensmaal/11/",
        f"{root}verdensmaal/13/",
    ]
    assert [loc for loc in locations if "/kommuner/" in loc] == [
        f"{root}kommuner/",
        f"{root}kommuner/gladsaxe/",
    ]


@pytest.mark.django_db
def test_sitemap_lastmod_is_the_last_publication_not_the_content_date(client, site_tree):
    """A case told in 2021 and corrected on the site in 2025 changed in 2025: crawlers should
    read it again (core.models.ContentDateFields.get_sitemap_urls)."""
    case = CasePageFactory(
        parent=site_tree.cases,
        date=datetime.date(2021, 1, 28),
        first_published_at=datetime.datetime(2024, 3, 1, 12, tzinfo=datetime.UTC),
        last_published_at=datetime.datetime(2025, 6, 2, 12, tzinfo=datetime.UTC),
    )
    urls = ET.fromstring(client.get("/sitemap.xml").content).findall("s:url", SITEMAP_NS)
    lastmod = {url.findtext("s:loc", namespaces=SITEMAP_NS): url for url in urls}[case.full_url]
    assert lastmod.findtext("s:lastmod", namespaces=SITEMAP_NS).startswith("2025-06-02")


@pytest.fixture
def symposium(site_tree):
    return EventPageFactory(
        parent=site_tree.events,
        title="Symposium: implementering, i den kommunale virksomhed",
        slug="symposium-maj",
        summary="Fokus på implementering.",
        start=datetime.datetime(2021, 5, 4, 13, 30, tzinfo=COPENHAGEN),
        end=datetime.datetime(2021, 5, 4, 15, 30, tzinfo=COPENHAGEN),
    )


@pytest.mark.django_db
def test_calendar_file_downloads_with_the_event_in_utc(client, symposium):
    response = client.get(f"{symposium.url}kalender/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="symposium-maj.ics"'
    lines = response.content.decode().split("\r\n")
    assert "DTSTART:20210504T113000Z" in lines  # 13.30 summer time in Copenhagen
    assert "DTEND:20210504T133000Z" in lines
    assert "SUMMARY:Symposium: implementering\\, i den kommunale virksomhed" in lines
    assert "LOCATION:Online" in lines
    assert f"URL:{symposium.full_url}" in lines


@pytest.mark.django_db
def test_calendar_file_of_a_winter_event_uses_the_winter_offset(client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events,
        start=datetime.datetime(2021, 1, 28, 13, 0, tzinfo=COPENHAGEN),
        end=None,
        is_online=False,
        location="Frederiksberg Rådhus",
    )
    lines = client.get(f"{event.url}kalender/").content.decode().split("\r\n")
    assert "DTSTART:20210128T120000Z" in lines
    assert "DTEND:20210128T140000Z" in lines  # no end given: two hours
    assert "LOCATION:Frederiksberg Rådhus" in lines


@pytest.mark.django_db
def test_calendar_file_of_an_event_without_a_known_time_is_an_all_day_entry(client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events,
        start=datetime.datetime(2021, 6, 10, 0, 0, tzinfo=COPENHAGEN),
        end=None,
        time_is_known=False,
    )
    lines = client.get(f"{event.url}kalender/").content.decode().split("\r\n")
    assert "DTSTART;VALUE=DATE:20210610" in lines
    assert "DTEND;VALUE=DATE:20210611" in lines
