"""/indsend/: a municipality proposes a case; it becomes a draft in moderation, never live."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from cases.models import CasePage
from editorial.roles import MODERATORS
from submissions.models import Submission

from .factories import ThemeFactory, UserFactory, goal, municipality

URL = "/indsend/"


def form_data(**changes) -> dict:
    data = {
        "municipality": municipality("guldborgsund").pk,
        "contact_name": "Hanne Hansen",
        "contact_email": "hanne@guldborgsund.example",
        "title": "Borgerne driver verdensmålene",
        "summary": "Foreninger og borgere sætter selv mål for kommunen.",
        "goals": [goal(11).pk, goal(17).pk],
        "approach": "bottom-up",
        "what_they_did": "Vi inviterede foreningerne.\n\nOg de kom.",
        "results": "Tyve nye projekter.",
        "lessons": "Lad borgerne tage styringen.",
        "confirm": "on",
        "website": "",
    }
    data.update(changes)
    return data


def submit(client, **changes):
    return client.post(URL, form_data(**changes), REMOTE_ADDR="192.0.2.7")


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", groups=[MODERATORS])


def test_the_form_shows_its_fields_and_the_networks_criteria(client, site_tree):
    html = client.get(URL).content.decode()
    assert "<h1>Del jeres erfaringer</h1>" in html
    assert "Netværkets kriterier for cases" in html
    assert "ikke reklame" in html
    assert html.count('name="goals"') == 17
    assert html.count("<option") == 98 + 1  # the municipalities and "Vælg kommune"
    assert '<legend>Verdensmål <span class="form-field__required">' in html
    assert 'aria-describedby="id_contact_email_helptext"' in html


def test_the_case_listing_and_every_goal_page_link_to_the_form(client, site_tree):
    assert 'href="/indsend/"' in client.get(site_tree.cases.url).content.decode()
    assert 'href="/indsend/"' in client.get(f"{site_tree.goals.url}7/").content.decode()


def test_a_submission_becomes_a_draft_case_in_moderation_and_thanks_the_visitor(
    client, site_tree, after_commit
):
    theme = ThemeFactory(name="Demokrati")
    with after_commit():
        response = submit(client, themes=[theme.pk])
    assert response.status_code == 302
    assert response["Location"] == "/indsend/tak/"
    assert "Tak for jeres case" in client.get(response["Location"]).content.decode()

    case = CasePage.objects.get(title="Borgerne driver verdensmålene")
    assert case.get_parent().pk == site_tree.cases.pk
    assert not case.live
    assert case.workflow_in_progress
    assert case.municipality == municipality("guldborgsund")
    assert case.approach == "bottom-up"
    assert sorted(g.number for g in case.goals.all()) == [11, 17]
    assert list(case.themes.all()) == [theme]
    sections = {block.block_type: block.value["text"].source for block in case.body}
    assert sections == {
        "approach": "<p>Vi inviterede foreningerne.</p>\n\n<p>Og de kom.</p>",
        "results": "<p>Tyve nye projekter.</p>",
        "lessons": "<p>Lad borgerne tage styringen.</p>",
    }
    submission = Submission.objects.get()
    assert submission.page.pk == case.pk
    assert submission.contact_email == "hanne@guldborgsund.example"
    assert len(submission.ip_hash) == 64
    assert "192.0.2.7" not in submission.ip_hash


def test_the_moderators_and_the_sender_get_e_mails_through_smtp(
    client, site_tree, moderator, smtp_mailbox, after_commit
):
    with after_commit():
        submit(client)
    to_moderator = smtp_mailbox.to(moderator.email)
    assert len(to_moderator) == 1
    assert "Borgerne driver verdensmålene" in to_moderator[0]["Subject"]
    receipt = smtp_mailbox.to("hanne@guldborgsund.example")
    assert len(receipt) == 1
    assert receipt[0]["Subject"] == "Tak for jeres case: Borgerne driver verdensmålene"
    body = receipt[0].get_content()
    assert "Kære Hanne Hansen" in body
    assert "ikke offentlig, før redaktionen har godkendt den" in body


def test_a_submitted_draft_is_not_public(client, site_tree):
    submit(client)
    case = CasePage.objects.get(title="Borgerne driver verdensmålene")
    assert client.get(f"{site_tree.cases.url}{case.slug}/").status_code == 404
    assert "Borgerne driver" not in client.get(site_tree.cases.url).content.decode()
    assert client.get("/api/search/", {"q": "Borgerne driver"}).json()["count"] == 0


def test_a_filled_honeypot_makes_nothing_but_looks_the_same(client, site_tree):
    response = submit(client, website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == "/indsend/tak/"
    assert not CasePage.objects.filter(title="Borgerne driver verdensmålene").exists()
    assert not Submission.objects.exists()


def test_the_sixth_submission_in_an_hour_from_one_address_is_refused_with_its_text_kept(
    client, site_tree
):
    for number in range(5):
        assert submit(client, title=f"Case nummer {number}").status_code == 302
    response = submit(client, title="Den sjette case")
    assert response.status_code == 429
    html = response.content.decode()
    assert "højst indsendes 5 cases i timen" in html
    assert 'value="Den sjette case"' in html
    assert not CasePage.objects.filter(title="Den sjette case").exists()
    other_address = client.post(URL, form_data(title="Fra en anden"), REMOTE_ADDR="192.0.2.8")
    assert other_address.status_code == 302


def test_submissions_older_than_an_hour_do_not_count(client, site_tree):
    for number in range(5):
        submit(client, title=f"Case nummer {number}")
    Submission.objects.update(submitted_at=timezone.now() - datetime.timedelta(minutes=61))
    assert submit(client, title="Næste time").status_code == 302


def test_html_is_stripped_from_every_text(client, site_tree):
    submit(
        client,
        title="<b>Borgerne</b> driver verdensmålene",
        summary='Foreninger <script>alert("x")</script>sætter mål.',
        results='<a href="http://spam.example">Tyve</a> nye projekter.',
        contact_name="<i>Hanne</i> Hansen",
    )
    case = CasePage.objects.get()
    assert case.title == "Borgerne driver verdensmålene"
    assert case.summary == 'Foreninger alert("x")sætter mål.'
    results = next(block for block in case.body if block.block_type == "results")
    assert results.value["text"].source == "<p>Tyve nye projekter.</p>"
    assert Submission.objects.get().contact_name == "Hanne Hansen"


def test_a_too_long_text_gets_a_clear_message_and_makes_nothing(client, site_tree):
    response = submit(client, summary="x" * 601)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Denne værdi må højst have 600 tegn (den har 601)." in html
    assert 'href="#id_summary"' in html  # the error summary links to the field
    assert 'aria-describedby="id_summary_helptext id_summary_error"' in html
    assert 'maxlength="600"' in html
    assert not CasePage.objects.exists()


def test_missing_answers_are_listed_in_a_summary_linked_to_the_fields(client, site_tree):
    response = client.post(URL, {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Formularen er ikke sendt" in html
    assert 'href="#id_goals_0"' in html
    assert 'href="#id_municipality"' in html
    assert 'aria-describedby="id_goals_helptext id_goals_error"' in html
    assert not Submission.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(site_tree):
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, form_data()).status_code == 403
    assert not CasePage.objects.exists()


def test_a_mail_server_that_is_down_still_thanks_the_visitor(
    client, site_tree, settings, after_commit
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on discard
    settings.EMAIL_TIMEOUT = 2
    with after_commit():
        response = submit(client)
    assert response.status_code == 302
    assert Submission.objects.get().page.title == "Borgerne driver verdensmålene"
