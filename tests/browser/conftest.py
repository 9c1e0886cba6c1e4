"""Real Chromium (Debian's package) driven by Playwright, against the demo site served as a new user
runs it (served_site.py) or pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.served_site import PROJECT, SERVER_LOGS, serve_demo_site

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = PROJECT / ".run" / "screenshots"
AXE_SCRIPT = PROJECT / "node_modules" / "axe-core" / "axe.min.js"  # `npm ci` puts it there
AXE_BLOCKING_IMPACTS = ("critical", "serious")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM}; scripts/chromium installs it")
        pytest.skip(f"Chromium not found at {CHROMIUM}; run scripts/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def served_sites_answer_without_server_errors():
    """After each browser test, no served site may have logged an error (a 500) while the
    test ran: a page, a preview or an autosave the browser asked for in the background fails
    there without showing in what the test asserts."""
    read_up_to = {log: log.stat().st_size for log in SERVER_LOGS if log.exists()}
    yield
    for log in SERVER_LOGS:
        with log.open(errors="replace") as output:
            output.seek(read_up_to.get(log, 0))
            printed = output.read()
        if "Internal Server Error" in printed or "Traceback" in printed:
            pytest.fail(f"the demo site at {log.parent} answered with an error:\n{printed[-6000:]}")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    yield from serve_demo_site(tmp_path_factory.mktemp("demo-site"), {"SEARCH_BACKEND": "database"})


@pytest.fixture(scope="session")
def demo_site_on_elasticsearch(tmp_path_factory, elasticsearch_url):
    url = elasticsearch_url
    from elasticsearch import Elasticsearch

    prefix = f"sdgportal-browser-{os.getpid()}"
    yield from serve_demo_site(
        tmp_path_factory.mktemp("demo-site-es"),
        {
            "SEARCH_BACKEND": "elasticsearch",
            "ELASTICSEARCH_URL": url,
            "SEARCH_INDEX_PREFIX": prefix,
        },
    )
    Elasticsearch(url).options(ignore_status=404).indices.delete(index=f"{prefix}-*")


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under .run/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def axe():
    """`axe(page)`: inject axe-core into the page, run its default rules (WCAG 2.x A and AA,
    and best practices) and return the serious and critical violations, with a readable
    `described(violations)` for the failure message. Skipped without axe-core; with CI=true
    its absence fails."""
    if not AXE_SCRIPT.exists():
        message = f"axe-core is missing ({AXE_SCRIPT}); run `npm ci` in the project folder"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)

    def blocking_violations(page) -> list[dict]:
        # Evaluated through the DevTools protocol: an injected <script> would be inline code,
        # which the site's Content-Security-Policy forbids.
        page.evaluate(AXE_SCRIPT.read_text())
        found = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        return [item for item in found["violations"] if item["impact"] in AXE_BLOCKING_IMPACTS]

    return blocking_violations


def described(violations: list[dict]) -> str:
    """axe-core's violations as a person reads them: rule, impact, help, and where."""
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


@pytest.fixture(scope="session")
def describe_violations():
    return described


@pytest.fixture
def admin_page(demo_site, page):
    """Signed in as the admin `make run` creates, in a browser asking for English."""
    page.set_extra_http_headers({"Accept-Language": "en-US,en;q=0.9"})
    page.goto(demo_site.url + "/admin/login/")
    page.locator("#id_username").fill(demo_site.admin.username)
    page.locator("#id_password").fill(demo_site.admin.password)
    page.locator("button[type=submit]").click()
    from playwright.sync_api import expect

    expect(page.locator("html")).to_have_attribute("lang", "da")
    return page
