"""`{% responsive_image image "role" alt="…" %}`: a content image as WebP renditions at the
widths of its role (core/images.py), with `srcset`, `sizes`, width and height.

Images load lazily unless `priority=True`, which is for the one image above the fold that is
likely the largest thing painted (a page's lead image): it loads at once, with high priority.
"""

import logging

from django import template
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from wagtail.images.models import SourceImageIOError

from core.images import image_role

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def responsive_image(image, role: str, alt: str, priority: bool = False, css_class: str = ""):
    """`alt` is required: "" says the image is decorative, and must be said on purpose."""
    if not image:
        return ""
    chosen_role = image_role(role)
    widths = chosen_role.widths_for(image)
    try:
        renditions = image.get_renditions(*(chosen_role.spec(width) for width in widths))
    except SourceImageIOError:
        # The file is gone from storage: a reader is better served by no image than a broken one.
        logger.warning("Image %s (%s) has no file; it is left out of the page", image.pk, image)
        return ""
    candidates = sorted(renditions.values(), key=lambda rendition: rendition.width)
    fallback = _fallback(candidates, chosen_role.fallback_width)
    attrs = {
        "src": fallback.url,
        "width": fallback.width,
        "height": fallback.height,
        "alt": alt,
        "class": css_class or None,
        "sizes": chosen_role.sizes if len(candidates) > 1 else None,
        "srcset": _srcset(candidates) if len(candidates) > 1 else None,
        **_loading(priority),
    }
    return mark_safe(f"<img{flatatt({k: v for k, v in attrs.items() if v is not None})}>")  # noqa: S308 - flatatt escapes


def _fallback(candidates, width: int):
    not_wider = [rendition for rendition in candidates if rendition.width <= width]
    return not_wider[-1] if not_wider else candidates[0]


def _srcset(candidates) -> str:
    """One candidate per width: renditions of a small image may come out alike."""
    by_width = {rendition.width: rendition for rendition in candidates}
    return ", ".join(f"{rendition.url} {width}w" for width, rendition in by_width.items())


def _loading(priority: bool) -> dict[str, str]:
    if priority:
        return {"loading": "eager", "fetchpriority": "high"}
    return {"loading": "lazy", "decoding": "async"}
