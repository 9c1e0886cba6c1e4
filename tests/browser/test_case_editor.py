"""An editor works on a case in the real admin: choosers for research and contacts, preview."""

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import build_site_tree
from tests.factories import (
    CasePageFactory,
    EventPageFactory,
    PersonFactory,
    ResearchFindingPageFactory,
    ThemeFactory,
)

PASSWORD = "redaktoer-kodeord"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture
def case_to_edit():
    tree = build_site_tree()
    get_user_model().objects.create_superuser("redaktoer", "r@example.dk", PASSWORD)
    ResearchFindingPageFactory(parent=tree.research, title="Værdiskabende organisering")
    return CasePageFactory(
        parent=tree.cases,
        title="Guldborgsund: verdensmål nedefra",
        goals=[11, 13],
        themes=[ThemeFactory(name="Organisering")],
        contacts=[PersonFactory(name="Lone Gjerulff Bak")],
        related_research=[
            ResearchFindingPageFactory(parent=tree.research, title="Samskabelse i kommunerne")
        ],
        presented_at=EventPageFactory(parent=tree.events, title="Symposium om organisering"),
    )


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "redaktoer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


# The live server answers from another thread: the data must be committed (and the reference
# data of the migrations restored afterwards for the tests that follow).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("size", WIDTHS)
def test_an_editor_chooses_research_and_previews_the_case(browser, live_server, case_to_edit, size):
    width, height = WIDTHS[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK")
    page = context.new_page()
    shots = pytest.importorskip("tests.browser.conftest").SCREENSHOTS
    shots.mkdir(parents=True, exist_ok=True)
    try:
        log_in(page, live_server)
        page.goto(f"{live_server.url}/admin/pages/{case_to_edit.pk}/edit/")

        page.click("#id_research_links-OPEN_MODAL")
        modal = page.locator(".modal-content")
        modal.get_by_text("Værdiskabende organisering").wait_for()
        page.wait_for_timeout(500)  # the modal fades in
        page.screenshot(path=str(shots / f"case-editor-research-chooser-{size}.png"))
        page.keyboard.press("Escape")

        page.click("#id_contact_links-OPEN_MODAL")
        page.locator(".modal-content").get_by_text("Lone Gjerulff Bak").wait_for()
        page.wait_for_timeout(500)
        page.screenshot(path=str(shots / f"case-editor-contact-chooser-{size}.png"))
        page.keyboard.press("Escape")
        page.screenshot(path=str(shots / f"case-editor-{size}.png"), full_page=True)

        page.click('[data-side-panel-toggle="preview"]')
        preview = page.frame_locator("iframe[id*=preview]")
        preview.get_by_text("Samskabelse i kommunerne").wait_for()
        page.screenshot(path=str(shots / f"case-editor-preview-panel-{size}.png"))

        page.goto(f"{live_server.url}/admin/pages/{case_to_edit.pk}/edit/preview/")
        html = page.content()
        page.screenshot(path=str(shots / f"case-preview-{size}.png"), full_page=True)
    finally:
        context.close()

    assert "Guldborgsund: verdensmål nedefra" in html
    assert "Lone Gjerulff Bak" in html
    assert "Samskabelse i kommunerne" in html
