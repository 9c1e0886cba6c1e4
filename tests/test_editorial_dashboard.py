"""The admin's dashboard shows the secretariat what needs doing, at a bounded cost."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from editorial.dashboard import PANELS
from editorial.roles import MODERATORS

from .factories import CasePageFactory, EventPageFactory, StandardPageFactory, UserFactory
from .test_submissions import form_data


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", groups=[MODERATORS])


def submit_case(client, title: str) -> None:
    response = client.post("/indsend/", form_data(title=title), REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 302


def make_old(page) -> None:
    two_years_ago = timezone.now() - datetime.timedelta(days=730)
    Page.objects.filter(pk=page.pk).update(
        last_published_at=two_years_ago, latest_revision_created_at=two_years_ago
    )


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, panel_id: str) -> str:
    """The HTML of one dashboard panel, up to the next one."""
    start = html.index(f'id="{panel_id}-section"')
    return html[start:].split('<section class="w-panel', 1)[0]


def test_the_dashboard_shows_new_submissions_linked_to_their_drafts(client, site_tree, moderator):
    submit_case(client, "Klimaråd for unge")
    html = dashboard(client, moderator)
    panel = section(html, "new-submissions")
    assert "Nye indsendte cases" in panel
    assert "Klimaråd for unge" in panel
    draft = Page.objects.get(title="Klimaråd for unge")
    assert f'href="/admin/pages/{draft.pk}/edit/"' in panel
    assert "Hanne Hansen" in panel
    assert "Klimaråd for unge" in section(html, "awaiting-review")
    assert html.index("awaiting-review-section") < html.index("new-submissions-section")


def test_the_dashboard_lists_upcoming_events_but_not_past_ones(client, site_tree, moderator):
    EventPageFactory(parent=site_tree.events, title="Symposium om vand")
    EventPageFactory(
        parent=site_tree.events,
        title="Sidste års symposium",
        start=timezone.now() - datetime.timedelta(days=300),
    )
    panel = section(dashboard(client, moderator), "upcoming-events")
    assert "Kommende arrangementer" in panel
    assert "Symposium om vand" in panel
    assert "Sidste års symposium" not in panel


def test_the_dashboard_lists_pages_not_reviewed_for_a_year(client, site_tree, moderator):
    old = StandardPageFactory(parent=site_tree.home, title="Om netværket")
    make_old(old)
    StandardPageFactory(parent=site_tree.home, title="Nyt om netværket")
    panel = section(dashboard(client, moderator), "pages-not-reviewed")
    assert "Ikke gennemgået i over et år" in panel
    assert "Om netværket" in panel
    assert "Nyt om netværket" not in panel


def test_the_dashboard_shows_the_search_index_and_its_drift(client, site_tree, moderator):
    case = CasePageFactory(parent=site_tree.cases)
    EventPageFactory(parent=site_tree.events)
    call_command("search_index", "--rebuild", stdout=io.StringIO(), stderr=io.StringIO())
    panel = section(dashboard(client, moderator), "search-health")
    assert "Søgeindeksets tilstand" in panel
    assert "Databasen" in panel
    assert "<td>2</td>" in panel  # the case and the event
    assert "indekset er i takt med siderne" in panel
    assert "Elasticsearch" not in panel  # a site without it is not told of its updates

    Page.objects.filter(pk=case.pk).update(title="Ny titel")  # behind search's back
    panel = section(dashboard(client, moderator), "search-health")
    assert "0 mangler, 1 forældede, 0 i overskud" in panel


def test_the_dashboard_costs_as_many_queries_with_many_items_as_with_few(
    client, site_tree, moderator, rf
):
    def add(count: int, start: int) -> None:
        for number in range(start, start + count):
            EventPageFactory(parent=site_tree.events, title=f"Symposium {number}")
            make_old(StandardPageFactory(parent=site_tree.home, title=f"Gammel side {number}"))
            CasePageFactory(parent=site_tree.cases, title=f"Case {number}")
            submit_case(client, f"Indsendt case {number}")

    def dashboard_queries() -> int:
        client.get("/admin/")  # fills caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/").status_code == 200
        return len(captured)

    def portal_panel_queries() -> int:
        request = rf.get("/admin/")
        request.user = moderator
        with CaptureQueriesContext(connection) as captured:
            for panel in PANELS:
                panel().render_html({"request": request, "csrf_token": ""})
        return len(captured)

    add(2, 0)
    client.force_login(moderator)
    few, few_in_panels = dashboard_queries(), portal_panel_queries()
    add(3, 2)  # 5 of each now
    many, many_in_panels = dashboard_queries(), portal_panel_queries()
    assert many_in_panels == few_in_panels
    # Wagtail's own "awaiting your review" panel asks one query more per page in moderation.
    assert many <= few + 3, (few, many)


def test_on_a_large_site_the_dashboard_leaves_the_full_check_to_the_command(
    client, site_tree, moderator, monkeypatch
):
    monkeypatch.setattr("editorial.dashboard.FULL_CHECK_MAX_PAGES", 1)
    CasePageFactory(parent=site_tree.cases)
    EventPageFactory(parent=site_tree.events)
    panel = section(dashboard(client, moderator), "search-health")
    assert "2 sider at søge i: for mange til at tjekke her" in panel
    assert "search_index --check" in panel


def test_the_dashboard_is_danish_and_named_after_the_site(client, site_tree, moderator):
    """Wagtail's Danish lacks the review panel's column headings and its title says "Wagtail"."""
    submit_case(client, "Klimaråd for unge")
    html = dashboard(client, moderator)
    panel = section(html, "awaiting-review")
    assert "<th>Sprog</th>" in panel and "<th>Privatliv og adgang</th>" in panel
    assert "Language" not in panel and "Privacy and access" not in panel
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.strip().endswith("Verdensmål i kommunerne") and "Wagtail" not in title
