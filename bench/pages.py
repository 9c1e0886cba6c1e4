"""The public pages worth measuring, one place for every page benchmark and the query-count
tests: name -> a function that finds the page's address on the site in the database.

Each builder looks the address up (a case, an event, a municipality with cases, ...) so it
works on the demo content and on generated content alike; it returns None when the site has
no such page. `page_urls()` resolves them all (Django must be set up).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Count

TRIVIAL = "robots"  # the trivial response that pages are measured beside


def _first_url(model, **filters) -> str | None:
    page = model.objects.live().public().filter(**filters).order_by("path").first()
    return page.url if page else None


def _index_url(model_path: str, query: str = "") -> Callable[[], str | None]:
    def url() -> str | None:
        from django.apps import apps

        found = _first_url(apps.get_model(model_path))
        return found + query if found else None

    return url


def _case() -> str | None:
    """The newest live case that has contacts, research or an event: the richest kind."""
    from cases.models import CasePage
    from core.models import newest_first

    cases = newest_first(CasePage.objects.live().public())
    page = (
        cases.filter(contact_links__isnull=False, research_links__isnull=False).first()
        or cases.first()
    )
    return page.url if page else None


def _research() -> str | None:
    from cases.models import ResearchFindingPage

    return _first_url(ResearchFindingPage)


def _event(past: bool) -> Callable[[], str | None]:
    def url() -> str | None:
        from events.models import EventPage

        events = EventPage.past() if past else EventPage.upcoming()
        page = events.first()
        return page.url if page else None

    return url


def _network() -> str | None:
    from home.models import NetworkPage

    return _first_url(NetworkPage)


def _standard() -> str | None:
    from home.models import StandardPage

    return _first_url(StandardPage)


def _goal() -> str | None:
    from cases.models import GoalIndexPage

    index = GoalIndexPage.objects.live().public().first()
    if index is None:
        return None
    from taxonomy.models import SDGGoal

    return index.object_url(SDGGoal.objects.get(number=13))


def _goal_filtered() -> str | None:
    url = _goal()
    return url + "?theme=klima&level=1" if url else None


def _municipality() -> str | None:
    """The municipality with the most cases."""
    from cases.models import MunicipalityIndexPage
    from taxonomy.models import Municipality

    index = MunicipalityIndexPage.objects.live().public().first()
    if index is None:
        return None
    busiest = Municipality.objects.annotate(n=Count("cases")).order_by("-n", "name").first()
    return index.object_url(busiest)


def _fixed(url: str) -> Callable[[], str]:
    return lambda: url


PAGES: dict[str, Callable[[], str | None]] = {
    "home": _fixed("/"),
    "case_listing": _index_url("cases.CaseIndexPage"),
    "case_listing_filtered": _index_url(
        "cases.CaseIndexPage", "?goal=13&goal=11&theme=klima&approach=top-down"
    ),
    "case_listing_page_2": _index_url("cases.CaseIndexPage", "?page=2&sort=municipality"),
    "case": _case,
    "research_index": _index_url("cases.ResearchIndexPage"),
    "research": _research,
    "event_index": _index_url("events.EventIndexPage"),
    "event_upcoming": _event(past=False),
    "event_past": _event(past=True),
    "goal_index": _index_url("cases.GoalIndexPage"),
    "goal": _goal,
    "goal_filtered": _goal_filtered,
    "municipality_index": _index_url("cases.MunicipalityIndexPage"),
    "municipality": _municipality,
    "network": _network,
    "standard": _standard,
    "search": _fixed("/soeg/?q=kommunen"),
    "search_filtered": _fixed("/soeg/?q=klima&goal=13&type=case&municipality=gladsaxe"),
    "search_api": _fixed("/api/search/?q=kommunen&goal=13"),
    "rss": _fixed("/rss/cases/"),
    "sitemap_xml": _fixed("/sitemap.xml"),
    "site_map": _fixed("/sideoversigt/"),
    TRIVIAL: _fixed("/robots.txt"),
}


def page_urls(names=None) -> dict[str, str]:
    """name -> address of each page (of `names`, else all) the site has."""
    found = {}
    for name in names or PAGES:
        url = PAGES[name]()
        if url:
            found[name] = url
    return found
