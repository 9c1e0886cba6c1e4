"""sitemap.xml: Wagtail's, in three queries however many types of page the site has, and
built once per content version for every process: it names every page of the site."""

from django.http import HttpResponse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap

from .content_version import digest, shared
from .models import pages


class PageSitemap(Sitemap):
    def items(self):
        """Wagtail's pages (live, public, in tree order), specific but deferred: each page's
        `get_sitemap_urls` reads only what every page has (its address, when it was published),
        so no query per type of page is needed."""
        root = self.get_wagtail_site().root_page
        return pages().live().public().descendant_of(root, inclusive=True).specific(defer=True)


SITEMAPS = {"pages": PageSitemap}


def sitemap_view(request) -> HttpResponse:
    """Wagtail's sitemap view, kept until content changes: at 10,000 cases it takes a second
    and a half. The addresses in it are absolute, so the key holds the scheme and host."""

    def render() -> tuple[int, bytes, dict]:
        response = sitemap(request, sitemaps=SITEMAPS)
        response.render()
        return response.status_code, response.content, dict(response.headers)

    key = "sitemap:" + digest(request.scheme, request.get_host(), request.GET.get("p", ""))
    status, content, headers = shared(key, render)
    return HttpResponse(content, status=status, headers=headers)
