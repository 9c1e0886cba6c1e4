"""Rules that keep editors from breaking the site: fixed colours, alt text, event timing."""

import datetime
import html
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cases.models import CASE_NEEDS_A_BODY, CASE_NEEDS_A_GOAL, CASE_NEEDS_A_MUNICIPALITY, CasePage
from events.models import EVENT_ENDS_BEFORE_IT_STARTS
from taxonomy.models import Approach, SDGGoal

from .admin_forms import add_form_data, add_url, edit_form_data, edit_url
from .factories import CasePageFactory, EventPageFactory, ImageFactory, goal, municipality


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
    assert "blev afholdt" not in client.get(event.url).content.decode()


@pytest.mark.django_db
def test_an_event_dated_today_without_a_known_time_is_still_next_on_the_home_page(
    client, site_tree
):
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    EventPageFactory(
        parent=site_tree.events, title="Dagens møde", start=midnight, end=None, time_is_known=False
    )
    assert "Dagens møde" in client.get("/").content.decode()


# Through the admin: what an editor sees when a page is not complete -------------------------


def publish(data) -> dict:
    return {**data, "action-publish": "action-publish"}


def shows_error(response, message) -> bool:
    """The form came back with `message`, in the markup or in a StreamField's error data."""
    assert response.status_code == 200  # the form again, not a redirect to the explorer
    page = html.unescape(response.content.decode())
    return str(message) in page or json.dumps(str(message))[1:-1] in page


@pytest.mark.django_db
def test_an_event_that_ends_before_it_starts_is_refused_in_danish():
    start = timezone.now() + datetime.timedelta(days=3)
    event = EventPageFactory.build(start=start, end=start - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as refused:
        event.clean()
    assert refused.value.message_dict["end"] == [str(EVENT_ENDS_BEFORE_IT_STARTS)]


@pytest.mark.django_db
def test_the_admin_does_not_publish_an_event_that_ends_before_it_starts(admin_client, site_tree):
    event = EventPageFactory(parent=site_tree.events, title="Symposium")
    data = edit_form_data(admin_client, event)
    data["end"] = (timezone.localtime(event.start) - datetime.timedelta(hours=1)).strftime(
        "%Y-%m-%d %H:%M"
    )

    response = admin_client.post(edit_url(event), publish(data))

    assert shows_error(response, EVENT_ENDS_BEFORE_IT_STARTS)
    event.refresh_from_db()
    assert event.end > event.start


def new_case_data(admin_client, site_tree, **fields) -> dict:
    """A complete new case, as the create form posts it; `fields` change or remove parts."""
    complete = {
        "title": "Klimaplan",
        "slug": "klimaplan",
        "summary": "Et resumé.",
        "municipality": municipality("gladsaxe").pk,
        "approach": Approach.TOP_DOWN,
        "goals": [goal(13).pk],
        **nested_form_data(
            {
                "body": streamfield(
                    [("challenge", {"heading": "", "text": rich_text("<p>Udfordringen.</p>")})]
                )
            }
        ),
    }
    complete.update(fields)
    return add_form_data(
        admin_client,
        CasePage,
        site_tree.cases,
        {k: v for k, v in complete.items() if v is not None},
    )


@pytest.mark.django_db
def test_the_admin_publishes_a_complete_new_case(admin_client, site_tree):
    data = new_case_data(admin_client, site_tree)
    response = admin_client.post(add_url(CasePage, site_tree.cases), publish(data))
    assert response.status_code == 302
    assert CasePage.objects.get(slug="klimaplan").live


@pytest.mark.django_db
@pytest.mark.parametrize(
    "missing, message",
    [
        ({"goals": None}, CASE_NEEDS_A_GOAL),
        ({"body-count": "0"}, CASE_NEEDS_A_BODY),
        ({"municipality": ""}, CASE_NEEDS_A_MUNICIPALITY),
    ],
    ids=["without goals", "without body", "without municipality"],
)
def test_the_admin_does_not_publish_an_incomplete_new_case(
    admin_client, site_tree, missing, message
):
    data = new_case_data(admin_client, site_tree, **missing)
    response = admin_client.post(add_url(CasePage, site_tree.cases), publish(data))
    assert shows_error(response, message)
    assert not CasePage.objects.filter(slug="klimaplan").exists()


@pytest.mark.django_db
def test_the_admin_does_not_publish_a_case_whose_body_was_emptied(admin_client, site_tree):
    case = CasePageFactory(parent=site_tree.cases, goals=[13])
    data = edit_form_data(admin_client, case)
    data["body-count"] = "0"

    response = admin_client.post(edit_url(case), publish(data))

    assert shows_error(response, CASE_NEEDS_A_BODY)
    case.refresh_from_db()
    assert len(case.body) == 2


@pytest.mark.django_db
def test_a_draft_case_may_be_saved_without_goals_and_body(admin_client, site_tree):
    data = new_case_data(admin_client, site_tree, goals=None, **{"body-count": "0"})
    response = admin_client.post(add_url(CasePage, site_tree.cases), data)
    assert response.status_code == 302
    assert not CasePage.objects.get(slug="klimaplan").live


@pytest.mark.django_db
def test_a_case_published_in_code_without_a_body_is_refused(site_tree):
    case = CasePageFactory(parent=site_tree.cases, goals=[13])
    case.body = []
    with pytest.raises(ValidationError) as refused:
        case.save_revision().publish()
    [body_error] = refused.value.error_dict["body"]
    assert list(body_error.non_block_errors) == [CASE_NEEDS_A_BODY]
