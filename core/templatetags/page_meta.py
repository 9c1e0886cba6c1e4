"""What the <head> says about the page: its title, description, canonical address, and the
Open Graph and Twitter card tags that sharing on social media reads."""

from dataclasses import dataclass

from django import template
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from core.models import SearchablePage, site_root_url

register = template.Library()

SITE_NAME = _("Verdensmål i kommunerne")

# The shape social media crop a shared link's picture to (1.91:1); JPEG, which every reader takes.
SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg"


@dataclass(frozen=True)
class PageMeta:
    site_name: str
    title: str  # the page's own title, without the site name
    is_home: bool
    description: str
    url: str | None  # absolute and canonical; None on an error page
    type: str  # og:type
    image_url: str | None
    image_alt: str


@register.simple_tag(takes_context=True)
def page_meta(context) -> PageMeta:
    request = context.get("request")
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    is_home = page is not None and page.depth == 2 and not context.get("subpage_title")
    site_name = str(SITE_NAME)
    image = getattr(page, "lead_image", None)
    return PageMeta(
        site_name=site_name,
        title=_title(context, page, is_home) or site_name,
        is_home=is_home,
        description=_description(page, context),
        url=_canonical_url(request) if request and "exception" not in context else None,
        type="article" if isinstance(page, SearchablePage) else "website",
        image_url=_share_image_url(image, request) if image else None,
        image_alt=getattr(page, "lead_image_alt", "") if image else "",
    )


def _title(context, page: Page | None, is_home: bool) -> str:
    if context.get("subpage_title"):
        return str(context["subpage_title"])
    if page is not None:
        if is_home:
            return page.seo_title
        return page.seo_title or page.title
    return str(context.get("current_title") or "")


def _description(page: Page | None, context) -> str:
    """The SEO description, else the page's summary (or intro), as plain text."""
    if page is None or context.get("subpage_title"):
        return ""
    if page.search_description:
        return page.search_description
    summary_field = getattr(page, "search_summary_field", None) or "summary"
    for field in (summary_field, "intro"):
        text = strip_tags(str(getattr(page, field, "") or "")).strip()
        if text:
            return text
    return ""


def _canonical_url(request) -> str:
    return site_root_url(request) + request.path


def _share_image_url(image, request) -> str | None:
    """None when the image's file is gone from storage: the page is shared without a picture
    (and still answers) rather than failing."""
    try:
        url = image.get_rendition(SHARE_IMAGE_SPEC).url
    except SourceImageIOError:
        return None
    return url if url.startswith(("http://", "https://")) else site_root_url(request) + url
