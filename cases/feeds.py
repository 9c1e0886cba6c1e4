"""RSS feed of the newest cases, by the date their content is about (`CasePage.date`)."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from core.models import newest_first

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
        return newest_first(
            CasePage.objects.live()
            .public()
            .select_related("municipality")
            .prefetch_related("goals")
        )[:FEED_LENGTH]

    def item_title(self, case):
        return case.title

    def item_description(self, case):
        return case.summary

    def item_link(self, case):
        """The Wagtail site's address, as in sitemap.xml, whichever host the feed was read on."""
        return case.full_url

    def item_pubdate(self, case):
        """The case's date, at midnight in Copenhagen (RSS wants a moment); an undated case has
        no pubDate. Not when it was published here: a case told in 2021 and put on the site
        today is dated 2021, as on its page."""
        if case.date is None:
            return None
        midnight = datetime.datetime.combine(case.date, datetime.time())
        return timezone.make_aware(midnight, timezone.get_default_timezone())

    def item_updateddate(self, case):
        return case.last_published_at

    def item_categories(self, case):
        return [case.municipality.name] + [str(goal) for goal in case.sorted_goals]
