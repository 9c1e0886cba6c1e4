"""Registration for events on the site: seats, the waiting list, cancelling, closing when the
event begins, members-only events, bad input, the race for the last seat (PostgreSQL) and
deleting registrations after the event. E-mails go through a real local SMTP server."""

import datetime
import io
import os
import re
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from events.models import Registration

from .factories import EventPageFactory, member

Status = Registration.Status


@pytest.fixture
def event(site_tree):
    return EventPageFactory(
        parent=site_tree.events,
        title="Online symposium om verdensmålene",
        takes_registrations=True,
        capacity=2,
    )


def form(name: str, email: str, **extra) -> dict:
    return {
        "name": name,
        "email": email,
        "organisation": "Gladsaxe Kommune",
        "consent": "on",
        **extra,
    }


def register(client, event, name, email, **extra):
    return client.post(f"/tilmelding/{event.pk}/", form(name, email, **extra))


def cancel_link(message) -> str:
    body = message.get_body(("plain",)).get_content()
    return re.search(r"http://testserver(/tilmelding/\d+/afmeld/[^\s]+/)", body).group(1)


@pytest.mark.django_db
def test_the_event_page_links_to_the_registration_form(client, event):
    html = client.get(event.url).content.decode()
    assert f'href="/tilmelding/{event.pk}/"' in html
    form_page = client.get(f"/tilmelding/{event.pk}/").content.decode()
    assert "Der er 2 ledige pladser." in form_page


@pytest.mark.django_db
def test_registrations_fill_the_seats_then_the_waiting_list_with_e_mails_and_a_calendar_file(
    client, event, smtp_mailbox, after_commit
):
    with after_commit():
        first = register(client, event, "Anna", "anna@x.example").content.decode()
        register(client, event, "Bo", "bo@x.example")
        waiting = register(client, event, "Cai", "cai@x.example").content.decode()
    assert "Tak for din tilmelding" in first
    assert "Du er på ventelisten" in waiting
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "anna@x.example": Status.CONFIRMED,
        "bo@x.example": Status.CONFIRMED,
        "cai@x.example": Status.WAITING,
    }
    [confirmation] = smtp_mailbox.wait_for("anna@x.example", "Tilmeldt")
    [ics] = [
        part for part in confirmation.iter_attachments() if part.get_filename().endswith(".ics")
    ]
    assert "BEGIN:VEVENT" in ics.get_content() and "Online symposium" in ics.get_content()
    assert confirmation.get_body(("html",)) is not None
    assert smtp_mailbox.wait_for("cai@x.example", "Venteliste")


@pytest.mark.django_db
def test_cancelling_moves_the_first_on_the_waiting_list_up_and_tells_them(
    client, event, smtp_mailbox, after_commit
):
    with after_commit():
        for name in ("anna", "bo", "cai", "dan"):
            register(client, event, name.title(), f"{name}@x.example")
    link = cancel_link(smtp_mailbox.wait_for("anna@x.example", "Tilmeldt")[0])
    assert "Vil du melde Anna fra" in client.get(link).content.decode()
    with after_commit():
        assert "Du er meldt fra" in client.post(link).content.decode()
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "bo@x.example": Status.CONFIRMED,
        "cai@x.example": Status.CONFIRMED,
        "dan@x.example": Status.WAITING,
    }
    assert smtp_mailbox.wait_for("cai@x.example", "Du har fået en plads")
    assert client.post(link).status_code == 404  # the link is spent


@pytest.mark.django_db
def test_registration_closes_when_the_event_begins(client, site_tree):
    started = EventPageFactory(
        parent=site_tree.events,
        takes_registrations=True,
        start=timezone.now() - datetime.timedelta(minutes=5),
    )
    assert f"/tilmelding/{started.pk}/" not in client.get(started.url).content.decode()
    response = register(client, started, "Sen", "sen@x.example")
    assert "Tilmeldingen er lukket" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_members_only_event_accepts_members_only(client, event):
    event.members_only = True
    event.save_revision().publish()
    refused = register(client, event, "Gæst", "gaest@x.example")
    assert "kun for deltagerne i SDG-leadership-netværket" in refused.content.decode()
    participant = member("gladsaxe")
    client.force_login(participant.user)
    prefilled = client.get(f"/tilmelding/{event.pk}/").content.decode()
    assert f'value="{participant.email}"' in prefilled
    register(client, event, participant.name, participant.email)
    assert Registration.objects.get().email == participant.email


@pytest.mark.django_db
def test_bad_input_gets_clear_answers_and_never_a_500(client, event):
    missing = client.post(f"/tilmelding/{event.pk}/", {"name": "", "email": "ikke-en-adresse"})
    assert missing.status_code == 400
    html = missing.content.decode()
    assert "Formularen er ikke sendt" in html and "Sæt flueben for at tilmelde dig." in html
    register(client, event, "Anna", "anna@x.example")
    twice = register(client, event, "Anna igen", "ANNA@x.example").content.decode()
    assert "allerede tilmeldt" in twice
    assert Registration.objects.count() == 1
    assert client.get("/tilmelding/999999/").status_code == 404


@pytest.mark.django_db
def test_a_robot_filling_the_honeypot_is_not_registered(client, event):
    response = register(client, event, "Robot", "robot@x.example", website="http://spam.example")
    assert response.status_code == 302
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_registrations_from_one_address_are_limited(client, site_tree):
    event = EventPageFactory(parent=site_tree.events, takes_registrations=True)
    for number in range(10):
        register(client, event, f"Person {number}", f"p{number}@x.example")
    assert register(client, event, "Elleve", "p11@x.example").status_code == 429
    assert Registration.objects.count() == 10


@pytest.mark.django_db
def test_registrations_are_deleted_the_set_number_of_days_after_the_event(site_tree, client):
    now = timezone.now()
    old = EventPageFactory(parent=site_tree.events, takes_registrations=True)
    recent = EventPageFactory(parent=site_tree.events, takes_registrations=True)
    register(client, old, "Gammel", "gammel@x.example")
    register(client, recent, "Ny", "ny@x.example")
    for event, days_ago in ((old, 31), (recent, 29)):
        event.start = now - datetime.timedelta(days=days_ago, hours=3)
        event.end = now - datetime.timedelta(days=days_ago, hours=1)
        event.save()
    call_command("delete_old_registrations", stdout=io.StringIO())
    assert list(Registration.objects.values_list("email", flat=True)) == ["ny@x.example"]


@pytest.mark.postgres
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL's row locks are what this tests (scripts/test runs it there)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_taking_the_last_seat_at_the_same_moment_cannot_both_get_it(site_tree):
    event = EventPageFactory(parent=site_tree.events, takes_registrations=True, capacity=1)
    start = threading.Barrier(8)
    answers = []

    def take_the_seat(number: int):
        client = Client(REMOTE_ADDR=f"10.0.0.{number}")
        start.wait()
        response = register(client, event, f"Person {number}", f"p{number}@x.example")
        answers.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=take_the_seat, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200] * 8
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 1
    assert Registration.objects.filter(status=Status.WAITING).count() == 7


@pytest.mark.django_db
def test_the_organisers_see_and_export_the_registrations_in_the_admin(client, event):
    from django.urls import reverse

    from .factories import UserFactory

    for name in ("Anna", "Bo", "Cai"):
        register(client, event, name, f"{name.lower()}@x.example")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailsnippets_events_registration:list")
    listing = client.get(url, {"event": event.pk}).content.decode()
    assert "anna@x.example" in listing and "cai@x.example" in listing
    export = client.get(url, {"event": event.pk, "export": "csv"})
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert len(rows) == 4
    assert "Venteliste" in rows[3] and "cai@x.example" in rows[3]


@pytest.mark.django_db
def test_more_seats_move_the_waiting_list_up_and_a_newcomer_never_passes_it(
    client, event, smtp_mailbox, after_commit
):
    with after_commit():
        for name in ("anna", "bo", "cai", "dan"):
            register(client, event, name.title(), f"{name}@x.example")
        event.capacity = 3
        event.save_revision().publish()
    assert Registration.objects.get(email="cai@x.example").status == Status.CONFIRMED
    assert smtp_mailbox.wait_for("cai@x.example", "Du har fået en plads")
    with after_commit():
        register(client, event, "Eva", "eva@x.example")
    assert Registration.objects.get(email="eva@x.example").status == Status.WAITING


@pytest.mark.django_db
def test_deleting_a_registration_in_the_admin_gives_the_seat_on(client, event, after_commit):
    for name in ("anna", "bo", "cai"):
        register(client, event, name.title(), f"{name}@x.example")
    with after_commit():
        Registration.objects.get(email="anna@x.example").delete()
    assert Registration.objects.get(email="cai@x.example").status == Status.CONFIRMED


@pytest.mark.django_db
def test_a_mail_server_that_fails_loses_no_registration_and_shows_the_cancel_link(
    client, event, settings, after_commit
):
    from tests.ports import closed_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with closed_port() as port, after_commit():
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        response = register(client, event, "Anna", "anna@x.example")
    assert response.status_code == 200
    assert "/afmeld/" in response.content.decode()
    assert Registration.objects.filter(email="anna@x.example").exists()


@pytest.mark.django_db
def test_organisers_cannot_add_registrations_in_the_admin(client):
    from django.urls import reverse

    from .factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    add = client.get(reverse("wagtailsnippets_events_registration:add"))
    assert add.status_code in (302, 403)
