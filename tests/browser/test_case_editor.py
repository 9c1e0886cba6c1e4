"""An editor works on a case in the real admin: choosers for research and contacts, preview."""

import re

import pytest
from playwright.sync_api import expect

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
CASE = "Guldborgsund: bottom-up organisering"


@pytest.mark.parametrize("size", WIDTHS)
def test_an_editor_chooses_research_and_previews_the_case(demo_site, admin_page, screenshot, size):
    """On the demo site as `make run` serves it; nothing is saved."""
    page = admin_page
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[size], strict=True)))
    page.goto(demo_site.url + "/admin/pages/search/?q=Guldborgsund")
    page.get_by_role("link", name=re.compile(CASE)).first.click()
    expect(page.locator("#id_title")).to_have_value(re.compile("Guldborgsund"))

    page.click("#id_research_links-OPEN_MODAL")
    modal = page.locator(".modal-content")
    expect(modal.get_by_text("Samskabelse omkring verdensmålene i kommunerne")).to_be_visible()
    expect(modal.get_by_role("button", name="Bekræft valg")).to_be_attached()
    page.wait_for_timeout(500)  # the modal fades in
    screenshot(f"case-editor-research-chooser-{size}")
    page.keyboard.press("Escape")

    page.click("#id_contact_links-OPEN_MODAL")
    expect(page.locator(".modal-content").get_by_text("Lone Gjerulff Bak")).to_be_visible()
    page.wait_for_timeout(500)
    screenshot(f"case-editor-contact-chooser-{size}")
    page.keyboard.press("Escape")

    page.click('[data-side-panel-toggle="preview"]')
    preview = page.frame_locator("iframe[id*=preview]")
    research = preview.get_by_text("Samskabelse omkring verdensmålene i kommunerne")
    expect(research.first).to_be_visible()
    expect(preview.get_by_text("Lone Gjerulff Bak").first).to_be_visible()
    screenshot(f"case-editor-preview-panel-{size}")
