"""axe-core, injected into the demo site's pages in Chromium, finds no serious or critical
violation, on a desktop and a phone width.

axe-core comes from npm (package.json, package-lock.json; `npm ci`, which scripts/test runs);
the `axe` fixture (conftest.py) skips without it, and fails with CI=true.
"""

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

WIDTHS = {"desktop": 1280, "phone": 390}


@dataclass(frozen=True)
class CheckedPage:
    path: str
    shows: str = "main h1"  # a selector the page must show, so axe checks the real page


# The pages axe checks: one line each.
CHECKED_PAGES = {
    "home": CheckedPage("/"),
    "case-listing": CheckedPage("/cases/", shows=".case-card"),
    "case": CheckedPage("/cases/gladsaxe-top-down-organisering/", shows=".case__body"),
    "goal": CheckedPage("/verdensmaal/11/", shows=".case-card"),
    "municipality": CheckedPage("/kommuner/gladsaxe/", shows=".case-card"),
    "event": CheckedPage("/arrangementer/verdensmaalene-i-den-kommunale-virksomhed/"),
    "past-event-with-recap": CheckedPage(
        "/arrangementer/vaerdiskabende-organisering-for-kommunal-handling/", shows="#recap-heading"
    ),
    "site-map": CheckedPage("/sideoversigt/", shows=".site-map"),
    "search": CheckedPage("/soeg/?q=verdensm%C3%A5l", shows=".search-result"),
    "research": CheckedPage("/forskning/"),
    "research-finding": CheckedPage(
        "/forskning/samskabelse-omkring-verdensmaalene-i-kommunerne/", shows=".findings"
    ),
    "network": CheckedPage("/netvaerket/"),
    "submission-form": CheckedPage("/indsend/", shows=".submission-form"),
}


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("page_name", CHECKED_PAGES)
def test_page_has_no_serious_or_critical_accessibility_violation(
    demo_site, page, axe, describe_violations, page_name, width_name
):
    checked = CHECKED_PAGES[page_name]
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    response = page.goto(demo_site.url + checked.path)
    assert response.status == 200, checked.path
    expect(page.locator(checked.shows).first).to_be_visible()

    found = axe(page)

    assert not found, (
        f"axe-core found {len(found)} serious or critical violation(s) on {checked.path} "
        f"at {WIDTHS[width_name]} px:\n{describe_violations(found)}"
    )


def test_the_check_reports_an_image_without_alternative_text(page, axe, describe_violations):
    """The check itself works: a page with a nameless image and button fails it."""
    page.set_content(
        '<!DOCTYPE html><html lang="da"><head><title>Prøve</title></head>'
        '<body><main><h1>Prøve</h1><img src="data:,"><button></button></main></body></html>'
    )
    found = axe(page)

    assert {violation["id"] for violation in found} >= {"image-alt", "button-name"}
    assert "image-alt (critical)" in describe_violations(found)
