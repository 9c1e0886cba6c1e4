"""The admin in a real browser: Danish, calling no host but the site's own, ASCII slugs."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect


def record_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def foreign(requests: list[str]) -> list[str]:
    return [url for url in requests if urlsplit(url).hostname not in {"127.0.0.1", None}]


def test_admin_dashboard_and_case_editor_call_no_other_host(demo_site, admin_page, screenshot):
    requests = record_requests(admin_page)

    admin_page.goto(demo_site.url + "/admin/")
    admin_page.wait_for_load_state("networkidle")
    expect(admin_page.get_by_role("navigation").get_by_text("Billeder")).to_be_visible()
    screenshot("admin-dashboard")
    admin_page.goto(demo_site.url + "/admin/pages/search/?q=Gladsaxe")
    admin_page.get_by_role("link", name=re.compile("Gladsaxe: top-down")).first.click()
    expect(admin_page.locator("#id_title")).to_have_value(re.compile("Gladsaxe"))
    admin_page.wait_for_load_state("networkidle")
    screenshot("admin-case-edit")

    assert len(requests) > 10
    assert [url for url in requests if url.startswith("http")] == requests
    assert foreign(requests) == []


def test_live_slug_field_spells_out_danish_letters(demo_site, admin_page):
    admin_page.goto(demo_site.url + "/admin/pages/")
    home_id = admin_page.evaluate(
        "() => fetch('/admin/api/main/pages/?slug=forside').then(r => r.json())"
        ".then(d => d.items[0].id)"
    )
    admin_page.goto(f"{demo_site.url}/admin/pages/add/home/standardpage/{home_id}/")

    admin_page.locator("#id_title").fill("Grøn omstilling på Ærø")
    admin_page.locator("#id_title").blur()

    expect(admin_page.locator("#id_slug")).to_have_value("groen-omstilling-paa-aeroe")
