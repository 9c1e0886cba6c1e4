"""The admin's dashboard as the secretariat needs it: what waits for moderation, what came in
through /indsend/, the events ahead, the pages nobody has looked at for a year, and whether
search is in step with the pages. Each panel costs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from events.models import EventPage
from search import index_sync
from search.backends import configured_backend_names, get_backend
from search.documents import indexable_pages
from search.models import IndexUpdate
from submissions.models import Submission

SUBMISSIONS_DAYS = 14
# The full comparison builds every page's document (about 6 ms a page on SQLite, measured at
# 2,000 cases): the dashboard runs it only for sites up to this size, and says otherwise.
FULL_CHECK_MAX_PAGES = 300
REVIEW_AFTER_DAYS = 365
ROWS = 10


class DashboardPanel(Component):
    """A panel of the dashboard; its template reads what `panel_context` returns."""

    name: str
    order: int

    class Media:
        css = {"all": ["css/admin-dashboard.css"]}

    def get_context_data(self, parent_context):
        return {**super().get_context_data(parent_context), **self.panel_context()}

    def panel_context(self) -> dict:
        raise NotImplementedError


class NewSubmissionsPanel(DashboardPanel):
    name = "new_submissions"
    template_name = "editorial/dashboard/new_submissions.html"
    order = 110

    def panel_context(self):
        since = timezone.now() - timedelta(days=SUBMISSIONS_DAYS)
        recent = Submission.objects.filter(submitted_at__gte=since)
        return {
            "submissions": recent.select_related("page__municipality")[:ROWS],
            "submission_count": recent.count(),
            "days": SUBMISSIONS_DAYS,
        }


class UpcomingEventsPanel(DashboardPanel):
    name = "upcoming_events"
    template_name = "editorial/dashboard/upcoming_events.html"
    order = 130

    def panel_context(self):
        events = EventPage.upcoming(EventPage.objects.all())
        return {"events": events[:ROWS], "event_count": events.count()}


def pages_not_reviewed(now=None):
    """Live pages neither published nor revised for REVIEW_AFTER_DAYS, oldest first."""
    cutoff = (now or timezone.now()) - timedelta(days=REVIEW_AFTER_DAYS)
    return (
        Page.objects.live()
        .filter(depth__gt=1, last_published_at__lt=cutoff)
        .filter(Q(latest_revision_created_at__lt=cutoff) | Q(latest_revision_created_at=None))
        .order_by("last_published_at")
    )


class PagesNotReviewedPanel(DashboardPanel):
    name = "pages_not_reviewed"
    template_name = "editorial/dashboard/pages_not_reviewed.html"
    order = 140

    def panel_context(self):
        pages = pages_not_reviewed()
        return {"pages": pages[:ROWS], "page_count": pages.count()}


@dataclass
class IndexHealth:
    backend: str
    reachable: bool
    documents: int | None
    check: index_sync.IndexCheck | None


class SearchHealthPanel(DashboardPanel):
    """Each index's backend, documents and drift from the pages: `search_index --check`'s own
    comparison, without applying the outbox first (a page view does not write)."""

    name = "search_health"
    template_name = "editorial/dashboard/search_health.html"
    order = 150

    def panel_context(self):
        pages = indexable_pages().count()
        checks = {}
        if pages <= FULL_CHECK_MAX_PAGES:
            checks = {check.backend: check for check in index_sync.check_indexes(False)}
        indexes = []
        for name in configured_backend_names():
            health = get_backend(name).health()
            check = checks.get(name)
            indexes.append(IndexHealth(name, health.reachable, health.document_count, check))
        return {
            "indexes": indexes,
            "pages": pages,
            "pending_updates": IndexUpdate.objects.count(),
            "elasticsearch": any(index.backend == "elasticsearch" for index in indexes),
        }


PANELS = (NewSubmissionsPanel, UpcomingEventsPanel, PagesNotReviewedPanel, SearchHealthPanel)

# Wagtail's own panels, by name -> their place among ours: what waits for the user's review
# first, then the new submissions, then the user's own pages in moderation.
BUILT_IN_ORDER = {
    "workflow_objects_to_moderate": 100,
    "user_objects_in_workflow_moderation": 120,
}


def arrange_panels(request, panels: list) -> None:
    for panel in panels:
        if getattr(panel, "name", "") in BUILT_IN_ORDER:
            panel.order = BUILT_IN_ORDER[panel.name]
    panels.extend(panel() for panel in PANELS)
