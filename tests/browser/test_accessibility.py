"""axe-core, injected into the demo site's pages in Chromium, finds no serious or critical
violation, on a desktop and a phone width.

axe-core comes from npm (package.json, package-lock.json; `npm ci`, which scripts/test runs).
Without it the tests are skipped, and with CI=true they fail.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("critical", "serious")
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
    "event": CheckedPage("/arrangementer/verdensmaalene-i-den-kommunale-virksomhed/"),
    "search": CheckedPage("/soeg/?q=verdensm%C3%A5l", shows=".search-result"),
    "research": CheckedPage("/forskning/"),
}


@pytest.fixture(scope="session")
def axe_script():
    if not AXE_SCRIPT.exists():
        message = f"axe-core is missing ({AXE_SCRIPT}); run `npm ci` in the project folder"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_SCRIPT


def axe_violations(page, axe_script) -> list[dict]:
    """Inject axe-core into the page and run its default rules (WCAG 2.x A and AA, and best
    practices); the violations it reports."""
    page.add_script_tag(path=str(axe_script))
    return page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")["violations"]


def described(violations: list[dict]) -> str:
    """Violations as a person reads them: rule, impact, help, and where."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {' > '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


def blocking(violations: list[dict]) -> list[dict]:
    return [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("page_name", CHECKED_PAGES)
def test_page_has_no_serious_or_critical_accessibility_violation(
    demo_site, page, axe_script, page_name, width_name
):
    checked = CHECKED_PAGES[page_name]
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    response = page.goto(demo_site.url + checked.path)
    assert response.status == 200, checked.path
    expect(page.locator(checked.shows).first).to_be_visible()

    found = blocking(axe_violations(page, axe_script))

    assert not found, (
        f"axe-core found {len(found)} serious or critical violation(s) on {checked.path} "
        f"at {WIDTHS[width_name]} px:\n{described(found)}"
    )


def test_the_check_reports_an_image_without_alternative_text(page, axe_script):
    """The check itself works: a page with a nameless image and button fails it."""
    page.set_content(
        '<!DOCTYPE html><html lang="da"><head><title>Prøve</title></head>'
        '<body><main><h1>Prøve</h1><img src="data:,"><button></button></main></body></html>'
    )
    found = blocking(axe_violations(page, axe_script))

    assert {violation["id"] for violation in found} >= {"image-alt", "button-name"}
    assert "image-alt (critical)" in described(found)
