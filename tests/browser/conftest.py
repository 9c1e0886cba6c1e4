"""Real Chromium (Debian's package) driven by Playwright against pytest-django's live server."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

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
PROJECT = Path(__file__).resolve().parents[2]
ADMIN_USER, ADMIN_PASSWORD = "admin", "browser-test-admin-1"
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve_demo_site(
    folder: Path, search_env: dict[str, str], extra_env: dict[str, str] | None = None
):
    """The site as a new user runs it: its own SQLite file, migrated, the demo content loaded
    and indexed, served by `manage.py runserver` on 127.0.0.1 (its admin's links in e-mails
    point there). Browser tests only read, or put back what they changed (`manage` runs a
    command on the site's database), or serve a site of their own (`extra_env`)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **{key: value for key, value in os.environ.items() if key != "ELASTICSEARCH_URL"},
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "ADMIN_USERNAME": ADMIN_USER,
        "ADMIN_PASSWORD": ADMIN_PASSWORD,
        "WAGTAILADMIN_BASE_URL": url,
        **search_env,
        **(extra_env or {}),
    }
    manage = [sys.executable, str(PROJECT / "manage.py")]

    def run_manage(*command: str) -> str:
        """Run a management command on the demo site's database; its output, or a failure."""
        done = subprocess.run(
            manage + list(command), env=env, cwd=PROJECT, capture_output=True, text=True
        )
        if done.returncode:
            pytest.fail(
                f"manage.py {command[0]} failed ({done.returncode}):\n"
                f"{done.stdout[-3000:]}{done.stderr[-3000:]}"
            )
        return done.stdout

    _copy_migrated_database(folder, env)
    setup = (
        ["migrate", "--noinput", "-v0"],  # finds the copy up to date, as on a site set up before
        ["load_demo_content"],
        ["search_index", "--rebuild"],
        ["ensure_admin"],
    )
    for command in setup:
        run_manage(*command)
    log = folder / "runserver.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            manage + ["runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            cwd=PROJECT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    _wait_until_it_answers(server, url, log)
    try:
        yield SimpleNamespace(
            url=url,
            backend=search_env["SEARCH_BACKEND"],
            manage=run_manage,
            admin=SimpleNamespace(username=ADMIN_USER, password=ADMIN_PASSWORD),
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


def _copy_migrated_database(folder: Path, env: dict[str, str]) -> None:
    """Put an empty database, migrated once per test session, at the site's DATABASE_URL:
    every served demo site starts from the same migrated schema, and migrating the three
    sites' databases from nothing costs some 40 s of CPU each."""
    template = folder.parent / "migrated.sqlite3"  # the session's base temporary folder
    if not template.exists():
        partial = template.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        env_for_template = {**env, "DATABASE_URL": f"sqlite:///{partial}"}
        done = subprocess.run(
            [sys.executable, str(PROJECT / "manage.py"), "migrate", "--noinput", "-v0"],
            env=env_for_template,
            cwd=PROJECT,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            pytest.fail(f"manage.py migrate failed ({done.returncode}):\n{done.stderr[-3000:]}")
        partial.rename(template)
    shutil.copyfile(template, folder / "db.sqlite3")


def _wait_until_it_answers(server: subprocess.Popen, url: str, log: Path) -> None:
    """Poll the home page; if the server dies or never answers, fail with what it printed."""
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            return
        except OSError as error:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                server.wait(timeout=10)
                pytest.fail(
                    f"the demo site did not start at {url} ({error}); the server printed:\n"
                    f"{log.read_text()[-5000:]}"
                )
            time.sleep(0.3)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    yield from _serve_demo_site(
        tmp_path_factory.mktemp("demo-site"), {"SEARCH_BACKEND": "database"}
    )


@pytest.fixture(scope="session")
def demo_site_on_elasticsearch(tmp_path_factory, elasticsearch_url):
    url = elasticsearch_url
    from elasticsearch import Elasticsearch

    prefix = f"sdgportal-browser-{os.getpid()}"
    yield from _serve_demo_site(
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
