"""The editor's preview panel shows every page type of the demo site, at desktop and phone
width, in the real admin (the preview is built from the edit form, as Wagtail does it); and
the dashboard and the submission form at both widths, for a person to look at."""

import json

import pytest
from playwright.sync_api import expect

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
ONE_PAGE_OF_EACH_TYPE = """
import json
from wagtail.models import Page
pages = {}
for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
    pages.setdefault(type(page).__name__, page.pk)
print(json.dumps(pages))
"""


@pytest.fixture(scope="module")
def pages_by_type(demo_site) -> dict:
    output = demo_site.manage("shell", "-c", ONE_PAGE_OF_EACH_TYPE)
    return json.loads(output.strip().splitlines()[-1])  # after any log lines


@pytest.mark.parametrize("size", WIDTHS)
def test_every_page_type_previews_in_the_editor(
    demo_site, admin_page, screenshot, pages_by_type, size
):
    page = admin_page
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[size], strict=True)))
    assert len(pages_by_type) >= 12, pages_by_type  # the demo has every type
    for type_name, page_id in pages_by_type.items():
        page.goto(f"{demo_site.url}/admin/pages/{page_id}/edit/")
        toggle = page.locator('[data-side-panel-toggle="preview"]')
        if toggle.get_attribute("aria-expanded") != "true":  # the admin may keep it open
            toggle.click()
        preview = page.frame_locator("iframe[id*=preview]")
        expect(preview.locator("h1").first).to_be_visible(timeout=20_000)
        expect(preview.locator("body")).not_to_contain_text("Traceback")
        screenshot(f"preview-{type_name}-{size}")


@pytest.mark.parametrize("size", WIDTHS)
def test_the_dashboard_and_the_submission_form_at_both_widths(
    demo_site, admin_page, screenshot, size
):
    page = admin_page
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[size], strict=True)))
    page.goto(demo_site.url + "/admin/")
    expect(page.get_by_role("heading", name="Søgeindeks")).to_be_visible()
    screenshot(f"dashboard-{size}")
    page.goto(demo_site.url + "/indsend/")
    expect(page.get_by_role("heading", name="Del jeres erfaringer", level=1)).to_be_visible()
    screenshot(f"submission-form-{size}")
