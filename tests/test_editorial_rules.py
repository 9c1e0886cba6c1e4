"""Rules that keep editors from breaking the site: fixed colours, alt text, event timing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from taxonomy.models import SDGGoal

from .factories import CasePageFactory, EventPageFactory, ImageFactory


@pytest.mark.django_db
def test_a_goal_colour_that_is_not_hex_is_refused():
    goal = SDGGoal.objects.get(number=7)
    goal.colour = "gul"
    with pytest.raises(ValidationError) as refused:
        goal.full_clean()
    assert "colour" in refused.value.message_dict


@pytest.mark.django_db
def test_a_case_with_an_image_but_no_alt_text_is_refused(site_tree):
    case = CasePageFactory(parent=site_tree.cases)
    case.lead_image = ImageFactory()
    case.lead_image_alt = " "
    with pytest.raises(ValidationError) as refused:
        case.full_clean()
    assert "lead_image_alt" in refused.value.message_dict


@pytest.mark.django_db
def test_an_event_in_progress_is_upcoming_on_the_listing_and_not_past_on_its_page(
    client, site_tree
):
    now = timezone.now()
    event = EventPageFactory(
        parent=site_tree.events,
        title="Symposium i gang",
        start=now - datetime.timedelta(minutes=30),
        end=now + datetime.timedelta(minutes=90),
    )
    html = client.get(site_tree.events.url).content.decode()
    upcoming, _, past = html.partition('id="past-heading"')
    assert "Symposium i gang" in upcoming
    assert "Symposium i gang" not in past
    assert "Datoen for arrangementet er passeret." not in client.get(event.url).content.decode()


@pytest.mark.django_db
def test_an_event_dated_today_without_a_known_time_is_still_next_on_the_home_page(
    client, site_tree
):
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    EventPageFactory(
        parent=site_tree.events, title="Dagens møde", start=midnight, end=None, time_is_known=False
    )
    assert "Dagens møde" in client.get("/").content.decode()
