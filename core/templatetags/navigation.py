"""The site's header navigation and breadcrumb trail."""

from django import template
from wagtail.models import Page

from core.models import navigation_page_types, one_per_site_pages

register = template.Library()


def _section_links(request) -> list[tuple[str, str]]:
    """The header's sections: the page types that are NavigationSections, found by type so
    editors may rename slugs; the first of each type in the site's tree."""
    by_type = one_per_site_pages(request)
    return [
        (str(model.navigation_label), by_type[model].get_url(request))
        for model in navigation_page_types()
        if model in by_type
    ]


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    links = _section_links(request)
    return {
        "links": [
            {"label": label, "url": url, "current": request.path.startswith(url)}
            for label, url in links
        ]
    }


def page_trail(page, request) -> list[tuple[str, str]]:
    """(title, url) of the live ancestors below the home page: the parents routing found the
    page through (Wagtail keeps each on its child), asking the database only for the others."""
    ancestors = []
    while page.depth > 3:  # the home page is at depth 2
        page = page.get_parent()
        ancestors.insert(0, page)
    return [(ancestor.title, ancestor.get_url(request)) for ancestor in ancestors if ancestor.live]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Pages get the trail of their ancestors. A routed sub-page of a page (a goal on the goal
    index page) puts its title in the context as `subpage_title`: the page becomes the last
    link and the sub-page the current crumb. Views that are not pages pass `breadcrumbs`
    [(title, url), ...] and `current_title`."""
    trail, current = context.get("breadcrumbs"), context.get("current_title")
    page, request = context.get("page"), context.get("request")
    if trail is None and isinstance(page, Page) and not page.is_root() and page.depth > 2:
        trail, current = page_trail(page, request), page.title
        subpage_title = context.get("subpage_title")
        if subpage_title:
            trail, current = [*trail, (page.title, page.get_url(request))], subpage_title
    return {"trail": trail or [], "current": current}
