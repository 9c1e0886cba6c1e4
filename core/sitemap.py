"""sitemap.xml: Wagtail's, in three queries however many types of page the site has."""

from wagtail.contrib.sitemaps import Sitemap

from .models import pages


class PageSitemap(Sitemap):
    def items(self):
        """Wagtail's pages (live, public, in tree order), specific but deferred: each page's
        `get_sitemap_urls` reads only what every page has (its address, when it was published),
        so no query per type of page is needed."""
        root = self.get_wagtail_site().root_page
        return pages().live().public().descendant_of(root, inclusive=True).specific(defer=True)
