"""The network's place in the site's frame: the link to the confidential room for those who
may enter it, and logging in and out."""

from django import template
from wagtail.models import Site

from core.content_version import remembered

from ..models import MembersAreaPage

register = template.Library()


def _members_area(request) -> MembersAreaPage | None:
    site = Site.find_for_request(request)

    def find():
        pages = MembersAreaPage.objects.live()
        if site:
            pages = pages.filter(path__startswith=site.root_page.path)
        return pages.first()

    return remembered(("members-area", site and site.pk), find)


def may_enter(page, request) -> bool:
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


@register.simple_tag(takes_context=True)
def members_area(context) -> MembersAreaPage | None:
    """The confidential room, if the person asking may enter it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    page = _members_area(request)
    return page if page is not None and may_enter(page, request) else None


@register.inclusion_tag("network/account_links.html", takes_context=True)
def account_links(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "request": request,
        "user": user,
        "area": members_area(context),
    }
