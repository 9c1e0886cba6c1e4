"""sitemap.xml: every live, public Wagtail page, plus the goal and municipality pages."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from taxonomy.models import Municipality, SDGGoal

from .models import CasePage


class SiteSitemap(PageSitemap):
    """URLs of Django views, on the same host as the Wagtail site's pages.

    Subclassing Wagtail's Sitemap gets the request (for the site); the rest is Django's.
    """

    def location(self, obj):
        return obj.get_absolute_url()

    def lastmod(self, obj):
        return None

    def _urls(self, page, protocol, domain):
        return DjangoSitemap._urls(self, page, protocol, domain)

    def get_domain(self, site=None):
        return urlsplit(self.get_wagtail_site().root_url).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(self.get_wagtail_site().root_url).scheme


class GoalSitemap(SiteSitemap):
    def items(self):
        return SDGGoal.objects.all()


class MunicipalitySitemap(SiteSitemap):
    """Only municipalities with a published case; the others' pages say nothing yet."""

    def items(self):
        return Municipality.objects.filter(
            pk__in=CasePage.objects.live().public().values("municipality_id")
        )


SITEMAPS = {"pages": PageSitemap, "goals": GoalSitemap, "municipalities": MunicipalitySitemap}
