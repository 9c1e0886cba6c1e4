"""sitemap.xml: every live, public Wagtail page, plus the goal and municipality pages."""

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from .models import CasePage, Municipality, SDGGoal


class GoalSitemap(Sitemap):
    def items(self):
        return SDGGoal.objects.all()


class MunicipalitySitemap(Sitemap):
    """Only municipalities with a published case; the others' pages say nothing yet."""

    def items(self):
        return Municipality.objects.filter(
            pk__in=CasePage.objects.live().public().values("municipality_id")
        )


SITEMAPS = {"pages": PageSitemap, "goals": GoalSitemap, "municipalities": MunicipalitySitemap}
