"""The network from end to end in a real browser, on a served demo site that sends its e-mail
to a real SMTP server: the secretariat invites a participant from the admin; the participant
chooses a password from the e-mail, logs in, finds a confidential page through search,
registers for an event and receives the confirmation with the calendar file."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.served_site import serve_demo_site
from tests.browser.test_editorial_flow import screenshot
from tests.conftest import running_smtp_server

PERSON = ("Ida Iversen", "ida.iversen@gladsaxe.example")
PASSWORD = "grøn-omstilling-2026"
RARE = "bæverdæmning"
NOTES = "Referat fra netværksmødet i marts"
EVENT = "Netværksmøde om klimatilpasning"
# What the secretariat did before: a membership for Gladsaxe with Ida in a seat, a page in the
# network's room, and an event taking registrations. (The browser does what follows.)
SET_UP = """
import datetime
from django.utils import timezone
from events.models import EventIndexPage, EventPage
from home.models import StandardPage
from network.models import MembersAreaPage, Membership, Participant, Seat
from taxonomy.models import Municipality
person = Participant.objects.create(name={name!r}, email={email!r})
membership = Membership.objects.create(
    municipality=Municipality.objects.get(slug="gladsaxe"),
    contact_name="Kontakt", contact_email="kontakt@gladsaxe.example",
)
Seat.objects.create(membership=membership, participant=person)
room = MembersAreaPage.objects.get()
room.add_child(instance=StandardPage(
    title={notes!r}, slug="referat-marts", intro="Fortroligt: vi drøftede {rare} og klimaplaner.",
))
room.get_children().get(slug="referat-marts").specific.save_revision().publish()
start = timezone.now() + datetime.timedelta(days=20)
index = EventIndexPage.objects.get()
index.add_child(instance=EventPage(
    title={event!r}, slug="netvaerksmoede", summary="For netværkets deltagere.",
    start=start, end=start + datetime.timedelta(hours=2), takes_registrations=True,
    capacity=25, members_only=True,
))
index.get_children().get(slug="netvaerksmoede").specific.save_revision().publish()
"""


@pytest.fixture(scope="module", autouse=True)
def patient_expectations():
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture(scope="module")
def mailbox():
    with running_smtp_server() as mailbox:
        yield mailbox


@pytest.fixture(scope="module")
def network_site(tmp_path_factory, mailbox):
    mail_env = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mailbox.port),
    }
    sites = serve_demo_site(
        tmp_path_factory.mktemp("network-site"), {"SEARCH_BACKEND": "database"}, mail_env
    )
    site = next(sites)
    site.manage(
        "shell",
        "-c",
        SET_UP.format(name=PERSON[0], email=PERSON[1], notes=NOTES, rare=RARE, event=EVENT),
    )
    yield site
    sites.close()


def new_person(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    return context, context.new_page()


def test_an_invited_participant_logs_in_finds_the_room_and_registers(
    network_site, mailbox, browser
):
    site = network_site
    secretariat_context, secretariat = new_person(browser)
    secretariat.goto(site.url + "/admin/login/")
    secretariat.get_by_role("textbox", name="Brugernavn*").fill(site.admin.username)
    secretariat.get_by_label("Password*").fill(site.admin.password)
    secretariat.get_by_role("button", name="Log Ind").click()
    secretariat.wait_for_url(site.url + "/admin/")
    secretariat.goto(site.url + "/admin/snippets/network/participant/")
    row = secretariat.get_by_role("row").filter(has_text=PERSON[0])
    row.get_by_role("button", name=re.compile("Flere muligheder|More options")).click()
    secretariat.get_by_role("link", name="Send invitation").click()
    screenshot(secretariat, "network-invite-confirm")
    secretariat.get_by_role("button", name="Send invitationen").click()
    expect(secretariat.locator(".messages")).to_contain_text(PERSON[1])
    secretariat_context.close()

    [invitation] = mailbox.wait_for(PERSON[1], about="invitation")
    link = re.search(
        re.escape(site.url) + r"/invitation/\S+/", invitation.get_body(("plain",)).get_content()
    ).group()

    context, page = new_person(browser)
    page.goto(link)
    expect(page.get_by_role("heading", name="Velkommen i netværket")).to_be_visible()
    page.get_by_label("Vælg en adgangskode").fill(PASSWORD)
    page.get_by_label("Gentag adgangskoden").fill(PASSWORD)
    screenshot(page, "network-choose-password")
    page.get_by_role("button", name="Gem adgangskoden og log ind").click()
    expect(page.get_by_role("heading", name="Du er logget ind")).to_be_visible()
    expect(page.get_by_role("link", name="Netværkets rum", exact=True)).to_be_visible()

    page.get_by_role("searchbox", name="Søg på sitet").fill(RARE)
    page.get_by_role("searchbox", name="Søg på sitet").press("Enter")
    expect(page.get_by_role("link", name=NOTES)).to_be_visible()
    screenshot(page, "network-member-search")
    page.get_by_role("link", name=NOTES).click()
    expect(page.get_by_text(RARE)).to_be_visible()

    page.goto(site.url + "/arrangementer/netvaerksmoede/")
    page.get_by_role("link", name=re.compile("Tilmeld dig")).click()
    expect(page.get_by_label("E-mail")).to_have_value(PERSON[1])
    page.get_by_label("Organisation").fill("Gladsaxe Kommune")
    page.get_by_label(re.compile("Jeg accepterer")).check()
    screenshot(page, "network-registration-form")
    page.get_by_role("button", name="Tilmeld mig").click()
    expect(page.get_by_role("heading", name="Tak for din tilmelding")).to_be_visible()

    [confirmation] = mailbox.wait_for(PERSON[1], about="Tilmeldt")
    [calendar] = [
        part
        for part in confirmation.iter_attachments()
        if (part.get_filename() or "").endswith(".ics")
    ]
    assert EVENT in calendar.get_content()
    context.close()

    _anonymous_context, anonymous = new_person(browser)
    anonymous.goto(site.url + f"/soeg/?q={RARE}")
    expect(anonymous.get_by_role("link", name=NOTES)).to_have_count(0)
    _anonymous_context.close()
