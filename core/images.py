"""How content images are shown: one role per kind of image, with its crop, the widths the
browser may choose from (WebP renditions) and how wide the layout draws it (`sizes`).

Templates name a role (`{% responsive_image image "lead" alt=… %}`, core/templatetags) and
never a filter spec, so a crop or a width changes here only.

A role with a `ratio` crops to it around the image's focal point with Wagtail's `fill` at the
default closeness (c0): the largest area of that shape, moved to centre the focal point.
Every width then shows the same framing, as `srcset` requires; a closeness such as c100 would
zoom in further on the small widths than on the large ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import checks
from django.db.models import Prefetch, QuerySet
from PIL import features
from wagtail.images import get_image_model

IMAGE_FORMAT = "webp"


@dataclass(frozen=True)
class ImageRole:
    widths: tuple[int, ...]  # ascending; the candidates of `srcset`
    sizes: str  # how wide the layout draws the image, for the browser's choice
    ratio: tuple[int, int] | None = None  # (width, height) to crop to; None keeps the shape
    fallback_width: int = 800  # the `src` for browsers without `srcset` (and the width/height)

    def spec(self, width: int) -> str:
        if self.ratio is None:
            resize = f"width-{width}"
        else:
            ratio_width, ratio_height = self.ratio
            resize = f"fill-{width}x{round(width * ratio_height / ratio_width)}"
        return f"{resize}|format-{IMAGE_FORMAT}"

    def all_specs(self) -> list[str]:
        return [self.spec(width) for width in self.widths]

    def widths_for(self, image) -> list[int]:
        """The widths worth making of `image`: those it can fill, and the next one up (Wagtail
        never enlarges, so that one comes out at the image's own width). A small image gets
        one rendition instead of several copies of the same pixels."""
        available = self._available_width(image)
        fitting = [width for width in self.widths if width <= available]
        larger = [width for width in self.widths if width > available][:1]
        return fitting + larger

    def _available_width(self, image) -> float:
        if self.ratio is None:
            return image.width
        ratio_width, ratio_height = self.ratio
        return min(image.width, image.height * ratio_width / ratio_height)


# The layout's widths these `sizes` follow (static/css/site.css): the container is at most
# 72rem with 1rem on each side; running text (.prose) is at most 70ch, about 40rem; cards sit
# in a grid of columns of at least 17-19rem, so one card is at most about 26rem wide.
IMAGE_ROLES: dict[str, ImageRole] = {
    # The image that opens a page, across the whole content column.
    "lead": ImageRole(
        widths=(480, 800, 1200, 1600, 2400),
        ratio=(2, 1),
        sizes="(min-width: 74rem) 72rem, calc(100vw - 2rem)",
        fallback_width=1200,
    ),
    # A card in a listing or on the home page.
    "card": ImageRole(
        widths=(400, 640, 800),
        ratio=(16, 9),
        sizes="(min-width: 40rem) 26rem, calc(100vw - 2rem)",
        fallback_width=640,
    ),
    # An image in running text (a StreamField body): the editor's own framing is kept.
    "figure": ImageRole(
        widths=(400, 640, 960, 1280),
        sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)",
        fallback_width=640,
    ),
}


def image_role(name: str) -> ImageRole:
    try:
        return IMAGE_ROLES[name]
    except KeyError:
        known = sorted(IMAGE_ROLES)
        raise ValueError(f"Unknown image role {name!r}; the roles are {known}") from None


def rendition_prefetch(image_lookup: str, *roles: str) -> Prefetch:
    """A Prefetch of the renditions `roles` use, for the images at `image_lookup` (a relation
    of the objects prefetched on; "" for images themselves). A list of pages then costs one
    query for all their renditions instead of one per image."""
    rendition_model = get_image_model().get_rendition_model()
    specs = [spec for role in roles for spec in image_role(role).all_specs()]
    return Prefetch(
        f"{image_lookup}__renditions" if image_lookup else "renditions",
        queryset=rendition_model.objects.filter(filter_spec__in=specs),
    )


def with_lead_images(pages: QuerySet, *roles: str) -> QuerySet:
    """`pages` (with LeadImageFields) with their lead images and those images' renditions
    for `roles`: two queries however many pages there are."""
    return pages.select_related("lead_image").prefetch_related(
        rendition_prefetch("lead_image", *roles)
    )


def pillow_writes_webp() -> bool:
    return bool(features.check("webp"))


@checks.register()
def check_pillow_writes_webp(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Every content image is a WebP rendition: a Pillow built without libwebp would fail
    on the first page with an image, so say it when the site starts."""
    if pillow_writes_webp():
        return []
    return [
        checks.Error(
            "Pillow cannot write WebP, and every content image is rendered as WebP.",
            hint="Install a Pillow wheel from PyPI (it bundles libwebp) or build it with libwebp.",
            id="core.E001",
        )
    ]
