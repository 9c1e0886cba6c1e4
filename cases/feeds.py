"""RSS feed of newly published cases."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from .models import CaseIndexPage, CasePage

FEED_LENGTH = 20


class LatestCasesFeed(Feed):
    feed_type = Rss201rev2Feed
    title = _("Nye cases – Verdensmål i kommunerne")
    description = _("De nyeste cases om kommunernes arbejde med FN's verdensmål.")
    language = "da"

    def get_object(self, request, *args, **kwargs):
        """The request itself: page URLs depend on the site it was made to."""
        return request

    def link(self, request):
        index = CaseIndexPage.objects.live().public().first()
        return index.get_full_url(request) if index else reverse("wagtail_serve", args=[""])

    def items(self, request):
        return (
            CasePage.objects.live()
            .public()
            .select_related("municipality")
            .prefetch_related("goals")
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, case):
        return case.title

    def item_description(self, case):
        return case.summary

    def item_link(self, case):
        """The Wagtail site's address, as in sitemap.xml, whichever host the feed was read on."""
        return case.full_url

    def item_pubdate(self, case):
        return case.first_published_at

    def item_updateddate(self, case):
        return case.last_published_at

    def item_categories(self, case):
        return [case.municipality.name] + [str(goal) for goal in case.sorted_goals]
