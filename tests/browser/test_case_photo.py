"""A case with a real photograph, as Chromium shows it on a desktop and a phone: the browser
picks a WebP rendition that fits the width, and the page does not jump when images arrive."""

import re

import pytest
from playwright.sync_api import expect

CASE_PATH = "/cases/gladsaxe-top-down-organisering/"

# Run on the demo site's database (`manage.py shell -c`). The photo is drawn by
# tests/factories.picture_file; its focal point is the sun in the upper left.
GIVE_THE_CASE_A_PHOTO = """
from cases.models import CasePage
from tests.factories import picture_file
from wagtail.images import get_image_model
from wagtail.models import Collection

images = get_image_model().objects
root = Collection.get_first_root_node()
case = CasePage.objects.get(url_path__endswith="{slug}/")
before = case.save_revision()
photo = images.create(
    title="Skovrejsning i Gladsaxe", collection=root, file=picture_file(2400, 1600),
    focal_point_x=400, focal_point_y=320, focal_point_width=320, focal_point_height=320,
)
field = images.create(title="Marken", collection=root, file=picture_file(1500, 1000))
field.contextual_alt_text, field.decorative = "En grøn mark under en blå himmel", False
case.lead_image = photo
case.lead_image_alt = "Solen over en nyplantet skov i Gladsaxe"
case.body.append(("figure", {{"image": field, "caption": "Marken, hvor skoven skal stå"}}))
case.save_revision().publish()
print("REVISION-BEFORE", before.pk)
"""

PUT_BACK = """
from wagtail.models import Revision
Revision.objects.get(pk={revision}).publish()
"""

LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) { if (!entry.hadRecentInput) total += entry.value; }
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 500);
})"""


@pytest.fixture(scope="module")
def case_with_photo(demo_site):
    """The Gladsaxe case with a photograph as its lead image and another in its body; the
    case's earlier revision is published again afterwards."""
    slug = CASE_PATH.rstrip("/").rsplit("/", 1)[-1]
    output = demo_site.manage("shell", "-c", GIVE_THE_CASE_A_PHOTO.format(slug=slug))
    revision = re.search(r"REVISION-BEFORE (\d+)", output).group(1)
    yield demo_site.url + CASE_PATH
    demo_site.manage("shell", "-c", PUT_BACK.format(revision=revision))


def lead_image_as_shown(page) -> dict:
    lead = page.locator(".lead-image img")
    expect(lead).to_be_visible()
    page.wait_for_function("() => document.querySelector('.lead-image img').complete")
    return lead.evaluate(
        """img => ({src: img.currentSrc, natural: img.naturalWidth,
                   shown: img.getBoundingClientRect().width,
                   height: img.getBoundingClientRect().height,
                   alt: img.alt, loading: img.loading, priority: img.fetchPriority})"""
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_case_photo_is_a_webp_rendition_that_fits_the_screen(
    case_with_photo, page, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(case_with_photo)
    shown = lead_image_as_shown(page)

    assert shown["src"].endswith(".webp")
    assert shown["alt"] == "Solen over en nyplantet skov i Gladsaxe"
    assert (shown["loading"], shown["priority"]) == ("eager", "high")
    # sharp (at least as many pixels as it is wide) without fetching the largest file
    assert shown["shown"] <= shown["natural"] <= max(2 * shown["shown"], 480)
    assert shown["height"] == pytest.approx(shown["shown"] / 2, abs=1)
    figure = page.locator(".figure-block img")
    expect(figure).to_have_attribute("loading", "lazy")
    expect(page.locator(".figure-block figcaption")).to_have_text("Marken, hvor skoven skal stå")
    figure.scroll_into_view_if_needed()  # a lazy image loads when it comes near the screen
    page.wait_for_function("() => document.querySelector('.figure-block img').naturalWidth > 0")
    screenshot(f"case-photo-{width}")


def test_case_with_photos_has_no_serious_accessibility_violation(
    case_with_photo, page, axe, describe_violations
):
    page.goto(case_with_photo)
    page.locator(".figure-block img").scroll_into_view_if_needed()

    found = axe(page)
    assert not found, describe_violations(found)


def test_the_page_does_not_jump_while_the_images_load(case_with_photo, page):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(case_with_photo)
    lead_image_as_shown(page)
    page.locator(".figure-block img").scroll_into_view_if_needed()

    assert page.evaluate(LAYOUT_SHIFT) < 0.01
