"""The site's own addresses that are not pages: robots.txt, the favicon and the HTML sitemap."""

from dataclasses import dataclass, field

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from core.content_version import digest, shared
from core.models import site_root_url

ROBOTS_DISALLOWED = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/soeg/?",  # search results: endless combinations of queries (the empty page stays)
)


@require_GET
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOWED]
    lines += ["", f"Sitemap: {site_root_url(request)}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def favicon_ico(request):
    """Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says."""
    return redirect(static("favicon.ico"), permanent=True)


@dataclass
class SiteMapEntry:
    title: str
    url: str
    children: list["SiteMapEntry"] = field(default_factory=list)


def site_map_tree(request) -> SiteMapEntry | None:
    """The site's live, public pages as a tree under its home page, in the editors' order:
    one query however many pages there are."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .order_by("path")
        .only("id", "title", "path", "depth", "url_path")
    )
    entries: dict[str, SiteMapEntry] = {}
    root = None
    for page in pages:
        entry = SiteMapEntry(page.title, page.get_url(request))
        parent = entries.get(page.path[: -Page.steplen])
        if parent is not None:
            parent.children.append(entry)
        elif root is None:
            root = entry
        else:  # below a page that is not shown (a draft or private section): left out
            continue
        entries[page.path] = entry
    return root


def site_map_html(entry: SiteMapEntry) -> str:
    """The entry and the pages below it as nested lists, written here rather than by a
    recursive template: a template include per page takes a quarter of a second at 10,000."""
    children = "".join(site_map_html(child) for child in entry.children)
    nested = format_html("\n    <ul>{}</ul>", mark_safe(children)) if children else ""  # noqa: S308 - escaped above
    return format_html('<li><a href="{}">{}</a>{}</li>', entry.url, entry.title, nested)


def kept_site_map_html(request) -> str:
    """The site map's lists, kept until content changes (core.content_version)."""

    def build() -> str:
        root = site_map_tree(request)
        return site_map_html(root) if root else ""

    return mark_safe(shared("site-map:" + digest(request.get_host()), build))  # noqa: S308


def site_map(request):
    return render(
        request,
        "home/site_map.html",
        {
            "site_map": kept_site_map_html(request),
            "current_title": _("Oversigt over siden"),
            "breadcrumbs": [],
        },
    )
