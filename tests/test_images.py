"""Content images reach readers as WebP renditions at several widths, cropped around the
focal point, lazy below the fold, with their alternative text."""

import re
from html.parser import HTMLParser

import pytest
from django.core import checks
from django.core.files.storage import default_storage
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from core import images
from core.images import IMAGE_ROLES

from .factories import (
    CasePageFactory,
    ImageFactory,
    StandardPageFactory,
    picture_file,
    rich_text_section,
)

pytestmark = pytest.mark.django_db


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def images_on(client, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _Images()
    parser.feed(response.content.decode())
    return parser.images


def srcset_candidates(img: dict[str, str]) -> list[tuple[str, int]]:
    """[(url, width)] of an img's srcset, in order."""
    candidates = []
    for candidate in img["srcset"].split(","):
        url, descriptor = candidate.split()
        assert re.fullmatch(r"\d+w", descriptor), candidate
        candidates.append((url, int(descriptor[:-1])))
    return candidates


def rendition_at(url: str):
    """The rendition a URL serves, read from storage."""
    rendition_model = get_image_model().get_rendition_model()
    name = url.removeprefix("/media/")
    rendition = rendition_model.objects.get(file=name)
    assert default_storage.exists(rendition.file.name)
    return rendition


def open_rendition(url: str) -> PillowImage.Image:
    with rendition_at(url).file.open("rb") as file:
        picture = PillowImage.open(file)
        picture.load()
    return picture


def figure(image, alt_text: str = "", caption: str = "", decorative: bool = False) -> dict:
    return {
        "type": "figure",
        "value": {
            "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative},
            "caption": caption,
        },
    }


def case_with_lead_image(site_tree, image=None, **kwargs):
    return CasePageFactory(
        parent=site_tree.cases,
        lead_image=image or ImageFactory(file=picture_file(2400, 1350)),
        lead_image_alt="Borgere planter træer i Gladsaxe",
        **kwargs,
    )


# The lead image -------------------------------------------------------------------------


def test_case_lead_image_is_offered_as_webp_at_several_widths(client, site_tree):
    case = case_with_lead_image(site_tree)
    [lead] = [img for img in images_on(client, case.url) if img.get("fetchpriority")]

    candidates = srcset_candidates(lead)
    assert [width for _, width in candidates] == [480, 800, 1200, 1600, 2400]
    assert all(url.endswith(".webp") for url, _ in candidates)
    assert lead["src"].endswith(".webp")
    assert lead["sizes"] == IMAGE_ROLES["lead"].sizes
    assert lead["alt"] == "Borgere planter træer i Gladsaxe"


def test_lead_image_loads_at_once_with_high_priority_and_keeps_its_place(client, site_tree):
    case = case_with_lead_image(site_tree)
    [lead] = [img for img in images_on(client, case.url) if "srcset" in img]

    assert (lead["loading"], lead["fetchpriority"]) == ("eager", "high")
    assert "decoding" not in lead
    # width and height reserve the space before the file arrives: the 2:1 crop of the role
    assert (int(lead["width"]), int(lead["height"])) == (1200, 600)


def test_rendition_files_are_webp_of_the_width_the_srcset_promises(client, site_tree):
    case = case_with_lead_image(site_tree)
    [lead] = [img for img in images_on(client, case.url) if "srcset" in img]

    for url, width in srcset_candidates(lead):
        picture = open_rendition(url)
        assert picture.format == "WEBP"
        assert picture.size == (width, width // 2)


def test_a_small_image_gets_one_rendition_instead_of_enlarged_copies(client, site_tree):
    case = case_with_lead_image(site_tree, ImageFactory(file=picture_file(300, 200)))
    [lead] = [img for img in images_on(client, case.url) if img.get("fetchpriority")]

    assert "srcset" not in lead
    assert (int(lead["width"]), int(lead["height"])) == (300, 150)
    assert open_rendition(lead["src"]).format == "WEBP"


def test_a_missing_image_file_leaves_the_page_answering_without_it(client, site_tree):
    image = ImageFactory(file=picture_file(1200, 800))
    case = case_with_lead_image(site_tree, image)
    default_storage.delete(image.file.name)

    assert images_on(client, case.url) == []


# The focal point ------------------------------------------------------------------------

# A square picture with a black square near its bottom: the 2:1 lead crop keeps the middle
# band (rows 400-1200) unless the focal point moves it down to the square.
SQUARE_PICTURE = dict(width=1600, height=1600, dark_square=(700, 1300, 200), name="punkt.png")


def darkest_value(url: str) -> int:
    return open_rendition(url).convert("L").getextrema()[0]


def test_the_crop_follows_the_focal_point(client, site_tree):
    image = ImageFactory(file=picture_file(**SQUARE_PICTURE))
    case = case_with_lead_image(site_tree, image)
    [centred] = [img for img in images_on(client, case.url) if "srcset" in img]
    assert darkest_value(centred["src"]) > 60  # the square lies outside a centred crop

    image.focal_point_x, image.focal_point_y = 800, 1400
    image.focal_point_width = image.focal_point_height = 200
    image.save()
    [focused] = [img for img in images_on(client, case.url) if "srcset" in img]

    assert focused["src"] != centred["src"]
    picture = open_rendition(focused["src"]).convert("L")
    assert picture.size == (1200, 600)
    # the crop is rows 800-1600 scaled by 3/4: the square's middle (800, 1400) lands at (600, 450)
    assert picture.getpixel((600, 450)) < 40


# Cards and bodies -----------------------------------------------------------------------


def test_case_cards_show_a_lazy_card_image_in_the_listing_and_on_the_home_page(client, site_tree):
    case_with_lead_image(site_tree, title="Skovrejsning i Gladsaxe")
    for url in ("/cases/", "/"):
        [card] = [img for img in images_on(client, url) if "srcset" in img]
        assert card["loading"] == "lazy"
        assert card["decoding"] == "async"
        assert card["sizes"] == IMAGE_ROLES["card"].sizes
        assert [width for _, width in srcset_candidates(card)] == [400, 640, 800]
        assert all(url.endswith(".webp") for url, _ in srcset_candidates(card))
        assert card["alt"] == "Borgere planter træer i Gladsaxe"


def test_an_image_in_a_body_is_lazy_keeps_its_shape_and_shows_alt_text_and_caption(
    client, site_tree
):
    image = ImageFactory(file=picture_file(1500, 1000))
    page = StandardPageFactory(
        parent=site_tree.home,
        body=[
            rich_text_section("section", "Brødtekst.", "Afsnit"),
            figure(image, alt_text="Byrådssalen i Gladsaxe", caption="Byrådet vedtog målene"),
        ],
    )
    response = client.get(page.url)
    [img] = images_on(client, page.url)

    assert img["alt"] == "Byrådssalen i Gladsaxe"
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    assert [width for _, width in srcset_candidates(img)] == [400, 640, 960, 1280]
    assert (int(img["width"]), int(img["height"])) == (640, 426)  # the picture's own 3:2
    assert "<figcaption>Byrådet vedtog målene</figcaption>" in response.content.decode()


def test_a_decorative_image_in_a_body_has_an_empty_alt_text(client, site_tree):
    image = ImageFactory(file=picture_file(800, 600), title="Mønster")
    case = CasePageFactory(parent=site_tree.cases, body=[figure(image, decorative=True)])

    [img] = images_on(client, case.url)
    assert img["alt"] == ""


def test_the_site_checks_at_start_that_pillow_writes_webp(monkeypatch):
    assert "core.E001" not in {message.id for message in checks.run_checks()}
    monkeypatch.setattr(images, "pillow_writes_webp", lambda: False)
    assert "core.E001" in {message.id for message in checks.run_checks()}


def test_a_body_image_deleted_from_the_library_leaves_no_empty_frame(client, site_tree):
    image = ImageFactory(file=picture_file(800, 600))
    case = CasePageFactory(parent=site_tree.cases, body=[figure(image, alt_text="Et billede")])
    assert 'class="figure-block"' in client.get(case.url).content.decode()

    image.delete()

    response = client.get(case.url)
    assert response.status_code == 200
    assert 'class="figure-block"' not in response.content.decode()
