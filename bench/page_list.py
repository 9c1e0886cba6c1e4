"""The pages `make bench` measures, by the names the issue gives them, picked from the one
list of public pages (bench/pages.py, also the query-count tests' list). Django must be set up.
"""

from __future__ import annotations

from pages import page_urls  # bench/pages.py

# What the issue names: home, listing, case, event, goal page, search page and the API. Each
# name takes the first of its pages the site has (the demo's events are all past).
MEASURED = {
    "home": ("home",),
    "listing": ("case_listing",),
    "case": ("case",),
    "event": ("event_upcoming", "event_past"),
    "goal": ("goal",),
    "search": ("search",),
    "api": ("search_api",),
}
TRIVIAL_URL = "/robots.txt"


def measured_urls() -> dict[str, str]:
    """name -> address of each measured page the site has."""
    found = page_urls([key for keys in MEASURED.values() for key in keys])
    urls = {
        name: next((found[key] for key in keys if key in found), None)
        for name, keys in MEASURED.items()
    }
    return {name: url for name, url in urls.items() if url}
