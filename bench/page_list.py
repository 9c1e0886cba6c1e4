"""The pages `make bench` measures: name -> address, found on the site in the database.

bench/pages.py (the page list of the query-count tests and page benchmarks), when present,
is the one list and this module only picks from it; without it, these few are found here.
Django must be set up.
"""

from __future__ import annotations

# What the issue names: home, listing, case, event, goal page, search page and the API.
MEASURED = {
    "home": "home",
    "listing": "case_listing",
    "case": "case",
    "event": "event_upcoming",
    "goal": "goal",
    "search": "search",
    "api": "search_api",
}
TRIVIAL_URL = "/robots.txt"


def fallback_urls() -> dict[str, str | None]:
    from cases.models import CaseIndexPage, CasePage, GoalIndexPage
    from core.models import newest_first
    from events.models import EventPage
    from taxonomy.models import SDGGoal

    def first(model):
        return model.objects.live().public().order_by("path").first()

    listing, goals = first(CaseIndexPage), first(GoalIndexPage)
    case = newest_first(CasePage.objects.live().public()).first()
    event = EventPage.objects.live().public().order_by("-start").first()
    return {
        "home": "/",
        "listing": listing.url if listing else None,
        "case": case.url if case else None,
        "event": event.url if event else None,
        "goal": goals.object_url(SDGGoal.objects.get(number=13)) if goals else None,
        "search": "/soeg/?q=kommunen",
        "api": "/api/search/?q=kommunen&goal=13",
    }


def measured_urls() -> dict[str, str]:
    """name -> address of each measured page the site has."""
    try:
        from pages import page_urls  # bench/pages.py
    except ImportError:
        found = fallback_urls()
    else:
        named = page_urls(list(MEASURED.values()))
        found = {name: named.get(key) for name, key in MEASURED.items()}
    return {name: url for name, url in found.items() if url}
