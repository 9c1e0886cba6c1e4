"""A page scheduled in the admin goes live when `publish_scheduled` (cron, every minute) runs
after its go-live time: public, answering 200, and found by the search."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from home.models import StandardPage

from .admin_forms import standard_page_form

pytestmark = pytest.mark.django_db
TITLE = "Klimatilpasning i Vordingborg"


def admin_time(moment) -> str:
    """How the admin's date-time field reads a time: the editor's (Copenhagen) local time."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def scheduled_page(admin_client, home_page) -> StandardPage:
    """Scheduled in the admin to go live in an hour; then the hour passes."""
    go_live_at = timezone.now() + timedelta(hours=1)
    response = admin_client.post(
        f"/admin/pages/add/home/standardpage/{home_page.pk}/",
        standard_page_form(TITLE, go_live_at=admin_time(go_live_at)),
    )
    assert response.status_code == 302, response.context["form"].errors
    page = StandardPage.objects.get(title=TITLE)
    let_the_hour_pass(page)
    return page


def let_the_hour_pass(page: StandardPage) -> None:
    """Move the page's go-live time (on the page, its revision and the approval) a minute into
    the past, as if the clock had run on."""
    passed = timezone.now() - timedelta(minutes=1)
    revision = Revision.page_revisions.get(object_id=str(page.pk))
    assert revision.approved_go_live_at is not None  # the admin scheduled it
    revision.approved_go_live_at = passed
    revision.content["go_live_at"] = passed.isoformat()
    revision.save()
    StandardPage.objects.filter(pk=page.pk).update(go_live_at=passed)


def search_titles(client, query: str) -> list[str]:
    answer = client.get("/api/search/", {"q": query}).json()
    return [result["title"] for result in answer["results"]]


def test_a_scheduled_page_waits_for_its_time(scheduled_page, client):
    assert not scheduled_page.live
    assert scheduled_page.url is None or client.get(scheduled_page.url).status_code == 404
    assert TITLE not in search_titles(client, "Vordingborg")


def test_publish_scheduled_publishes_a_page_whose_time_has_passed(scheduled_page, client):
    call_command("publish_scheduled", verbosity=0)

    scheduled_page.refresh_from_db()
    assert scheduled_page.live and not scheduled_page.has_unpublished_changes
    response = client.get(scheduled_page.url)
    assert response.status_code == 200
    assert TITLE in response.content.decode()
    assert TITLE in search_titles(client, "Vordingborg")
