"""The network: memberships and the five-seat rule, invitations, the confidential room and who
may enter it (a membership of this year), in the admin and on the site."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from network.access import sync_user
from network.groups import MEMBERS_GROUP, PARTNERS_GROUP
from network.invitations import accept, invite
from network.models import (
    Invitation,
    MembersAreaPage,
    Membership,
    Participant,
    Seat,
    this_year,
)

from .factories import (
    OrganisationFactory,
    ParticipantFactory,
    StandardPageFactory,
    UserFactory,
    member,
    membership,
    municipality,
)

pytestmark = pytest.mark.django_db

SIXTH_SEAT = "højst 5 personer pr. kommune kan deltage i netværket"


@pytest.fixture
def room(site_tree):
    """The confidential room with one page of meeting notes."""
    area = MembersAreaPage(title="Netværkets rum", slug="netvaerksrum")
    site_tree.home.add_child(instance=area)
    notes = StandardPageFactory(
        parent=area, title="Referat fra netværksmødet", intro="Fortroligt referat."
    )
    return area, notes


# The five-seat rule --------------------------------------------------------------------------


def test_a_municipality_may_have_five_people_in_a_year_and_the_sixth_is_refused():
    found = membership("gladsaxe", seats=ParticipantFactory.create_batch(5))
    with pytest.raises(ValidationError, match=SIXTH_SEAT):
        Seat.objects.create(membership=found, participant=ParticipantFactory())
    assert found.seats.count() == 5


def test_the_five_seats_are_per_year_and_a_knowledge_partner_has_no_limit():
    people = ParticipantFactory.create_batch(6)
    membership("gladsaxe", year=this_year() - 1, seats=people[:5])
    membership("gladsaxe", seats=people[1:6])
    partner = Membership.objects.create(
        kind=Membership.Kind.PARTNER,
        organisation=OrganisationFactory(name="Roskilde Universitet"),
        fee=0,
        contact_name="Kontakt",
        contact_email="kontakt@ruc.example",
    )
    for person in people:
        Seat.objects.create(membership=partner, participant=person)
    assert partner.seats.count() == 6


def admin_membership_form(client, found=None, seats=()):
    """What the secretariat's browser posts from the membership form in the admin."""
    data = nested_form_data(
        {
            "kind": "municipality",
            "municipality": municipality("gladsaxe").pk,
            "organisation": "",
            "year": this_year(),
            "fee": "10000.00",
            "paid": "on",
            "invoice_reference": "F-2026-17",
            "contact_name": "Kontakt Person",
            "contact_email": "kontakt@gladsaxe.example",
            "seats": inline_formset([{"participant": person.pk} for person in seats], initial=0),
        }
    )
    return client.post(reverse("wagtailsnippets_network_membership:add"), data)


def test_the_admin_refuses_a_sixth_person_with_a_danish_message_and_saves_nothing(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = admin_membership_form(client, seats=ParticipantFactory.create_batch(6))
    assert response.status_code == 200
    assert SIXTH_SEAT in response.content.decode()
    assert not Membership.objects.exists()


def test_the_admin_saves_a_membership_with_five_people(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = admin_membership_form(client, seats=ParticipantFactory.create_batch(5))
    assert response.status_code == 302
    assert Membership.objects.get().seats.count() == 5


def exported_rows(client, **filters) -> list[str]:
    url = reverse("wagtailsnippets_network_membership:list")
    response = client.get(url, {**filters, "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    return b"".join(response.streaming_content).decode("utf-8-sig").splitlines()


def test_memberships_are_filtered_by_year_and_paid_and_exported_as_csv(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    membership("gladsaxe", seats=[ParticipantFactory(name="Anna Andersen")], paid=True)
    membership("guldborgsund", year=this_year() - 1)
    header, *rows = exported_rows(client)
    assert len(rows) == 2
    [row] = exported_rows(client, year=this_year(), paid="true")[1:]
    assert "Gladsaxe" in row and "Anna Andersen" in row and "F-" not in header


# Invitations ---------------------------------------------------------------------------------


def invitation_link(message) -> str:
    body = message.get_body(("plain",)).get_content()
    return re.search(r"http://testserver(/invitation/[^\s]+/)", body).group(1)


def test_an_invited_person_sets_a_password_from_the_e_mail_and_is_logged_in(client, smtp_mailbox):
    person = ParticipantFactory(name="Bo Bæk", email="bo@gladsaxe.example")
    membership("gladsaxe", seats=[person])
    invite(person)
    [message] = smtp_mailbox.wait_for("bo@gladsaxe.example", "invitation")
    assert message.get_body(("html",)) is not None  # a plain text and an HTML part
    link = invitation_link(message)
    assert "Hej Bo Bæk" in client.get(link).content.decode()
    response = client.post(
        link, {"password1": "grøn-omstilling-26", "password2": "grøn-omstilling-26"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("network_welcome")
    person.refresh_from_db()
    assert person.user.check_password("grøn-omstilling-26")
    assert person.user.groups.filter(name=MEMBERS_GROUP).exists()
    assert client.get(reverse("network_welcome")).context["user"] == person.user


def test_an_invitation_link_works_once(client, smtp_mailbox):
    person = ParticipantFactory()
    invite(person)
    link = invitation_link(smtp_mailbox.wait_for(person.email)[0])
    client.post(link, {"password1": "grøn-omstilling-26", "password2": "grøn-omstilling-26"})
    client.logout()
    again = client.post(link, {"password1": "en-anden-kode-99", "password2": "en-anden-kode-99"})
    assert again.status_code == 410
    assert "allerede brugt" in again.content.decode()
    person.refresh_from_db()
    assert person.user.check_password("grøn-omstilling-26")


def test_an_expired_invitation_is_refused(client, smtp_mailbox):
    person = ParticipantFactory()
    invite(person)
    Invitation.objects.update(created_at=timezone.now() - datetime.timedelta(days=15))
    link = invitation_link(smtp_mailbox.wait_for(person.email)[0])
    assert client.get(link).status_code == 410
    response = client.post(
        link, {"password1": "grøn-omstilling-26", "password2": "grøn-omstilling-26"}
    )
    assert response.status_code == 410
    person.refresh_from_db()
    assert person.user is None


def test_a_weak_or_mismatched_password_is_explained_in_danish(client, smtp_mailbox):
    person = ParticipantFactory()
    invite(person)
    link = invitation_link(smtp_mailbox.wait_for(person.email)[0])
    html = client.post(link, {"password1": "12345678", "password2": "12345678"}).content.decode()
    assert "Formularen er ikke sendt" in html
    html = client.post(link, {"password1": "grøn-omstilling-26", "password2": "x"}).content.decode()
    assert "De to adgangskoder er ikke ens." in html
    assert Invitation.objects.get().used_at is None


def test_guessing_invitation_links_is_paused_after_ten_tries(client):
    for _ in range(10):
        client.post("/invitation/gaet/", {"password1": "a", "password2": "a"})
    assert client.post("/invitation/gaet/", {}).status_code == 429


def test_the_secretariat_invites_from_the_participants_listing(client, smtp_mailbox):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    person = ParticipantFactory(email="ida@gladsaxe.example")
    listing = client.get(reverse("wagtailsnippets_network_participant:list")).content.decode()
    invite_url = reverse("network_invite", args=[person.pk])
    assert invite_url in listing
    assert client.post(invite_url).status_code == 302
    assert smtp_mailbox.wait_for("ida@gladsaxe.example", "invitation")


# The confidential room -----------------------------------------------------------------------


def test_the_room_is_always_restricted_to_the_network_groups(room):
    area, _notes = room
    restriction = PageViewRestriction.objects.get(page=area)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == {
        MEMBERS_GROUP,
        PARTNERS_GROUP,
    }
    restriction.delete()
    area.save_revision().publish()
    assert PageViewRestriction.objects.filter(page=area).exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, room):
    _area, notes = room
    response = client.get(notes.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/?next=")


def test_a_member_logs_in_by_e_mail_and_reads_the_room(client, room):
    area, notes = room
    person = member("gladsaxe")
    response = client.post(
        "/log-ind/",
        {"username": person.email.upper(), "password": "kodeord-123", "next": notes.url},
    )
    assert response.status_code == 302 and response["Location"] == notes.url
    assert "Fortroligt referat." in client.get(notes.url).content.decode()
    header = client.get("/").content.decode()
    assert f'<a href="{area.url}">Netværkets rum</a>' in header


def test_a_logged_in_person_without_a_seat_this_year_is_kept_out(client, room):
    _area, notes = room
    person = member("gladsaxe", year=this_year() - 1)
    client.force_login(person.user)
    response = client.get(notes.url)
    assert response.status_code == 302
    assert "Netværkets rum</a>" not in client.get("/").content.decode()


def test_a_lapsed_membership_closes_the_room_at_the_next_request(client, room):
    _area, notes = room
    person = member("gladsaxe")
    client.force_login(person.user)
    assert client.get(notes.url).status_code == 200
    Membership.objects.filter(seats__participant=person).update(year=this_year() - 1)
    session = client.session
    session["network_access_checked"] = "1999-01-01"  # the first request of a new day
    session.save()
    assert client.get(notes.url).status_code == 302
    assert not person.user.groups.filter(name=MEMBERS_GROUP).exists()


def test_removing_a_seat_takes_the_person_out_of_the_group(after_commit):
    person = member("gladsaxe")
    with after_commit():
        Seat.objects.filter(participant=person).delete()
    assert not person.user.groups.filter(name=MEMBERS_GROUP).exists()


def test_a_knowledge_partner_s_people_are_in_their_own_group():
    person = ParticipantFactory()
    person.user = UserFactory(username=person.email)
    person.save()
    partner = Membership.objects.create(
        kind=Membership.Kind.PARTNER,
        organisation=OrganisationFactory(name="CBS"),
        fee=0,
        contact_name="Kontakt",
        contact_email="kontakt@cbs.example",
    )
    Seat.objects.create(membership=partner, participant=person)
    sync_user(person.user)
    assert set(person.user.groups.values_list("name", flat=True)) == {PARTNERS_GROUP}
    assert Group.objects.filter(name=MEMBERS_GROUP).exists()


def test_accepting_gives_an_account_named_by_the_e_mail(smtp_mailbox):
    person = ParticipantFactory(email="Eva@Gladsaxe.example")
    invite(person)
    token = re.search(
        r"/invitation/([^/]+)/",
        smtp_mailbox.wait_for("eva@gladsaxe.example")[0].get_body(("plain",)).get_content(),
    ).group(1)
    user = accept(token, "grøn-omstilling-26")
    assert user.username == "eva@gladsaxe.example"


# Search that knows who asks, through every path a visitor has ------------------------------

RARE = "bæverdæmning"


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def confidential(request, site_tree, room):
    """A confidential case-like page in the room with a rare word, indexed by the backend."""
    import io

    from django.core.management import call_command

    if request.param == "elasticsearch":
        request.getfixturevalue("site_on_elasticsearch")
    area, notes = room
    notes.intro = f"Fortroligt referat om {RARE} og klimaplaner."
    notes.save_revision().publish()
    call_command("search_index", "--rebuild", stdout=io.StringIO(), stderr=io.StringIO())
    return notes


def test_a_member_finds_the_confidential_page_in_search_and_the_api(client, confidential):
    participant = member("gladsaxe")
    client.force_login(participant.user)
    page = client.get("/soeg/", {"q": RARE}).content.decode()
    assert "Referat fra netværksmødet" in page
    answer = client.get("/api/search/", {"q": RARE}).json()
    assert [hit["title"] for hit in answer["results"]] == ["Referat fra netværksmødet"]
    assert answer["count"] == 1 and answer["facets"]["type"] == {"page": 1}


def test_the_confidential_page_leaks_through_no_path_to_anyone_else(client, confidential):
    outsider = member("gladsaxe", year=this_year() - 1)  # logged in, membership lapsed
    for who in (None, outsider.user):
        if who:
            client.force_login(who)
        paths = [
            f"/soeg/?q={RARE}",
            f"/api/search/?q={RARE}",
            "/api/search/?q=referat",
            "/api/search/suggest/?q=referat",
            "/api/search/suggest/?q=bæv",
            "/soeg/?q=beverdemning",  # "did you mean"
            "/",
            "/sitemap.xml",
            "/sideoversigt/",
            "/rss/cases/",
        ]
        for path in paths:
            html = client.get(path).content.decode()
            assert "Referat fra netværksmødet" not in html, (who, path)
            assert "Fortroligt referat" not in html, (who, path)
            if RARE not in path:  # a search page says what was asked
                assert RARE not in html, (who, path)
        assert client.get(confidential.url).status_code == 302


def test_a_forgotten_password_is_reset_from_an_e_mail(client, smtp_mailbox):
    person = member("gladsaxe")
    response = client.post("/glemt-adgangskode/", {"email": person.email})
    assert response.status_code == 302
    [message] = smtp_mailbox.wait_for(person.email, "Ny adgangskode")
    body = message.get_body(("plain",)).get_content()
    link = re.search(r"http://testserver(/ny-adgangskode/\S+/)", body).group(1)
    form = client.get(link, follow=True)
    assert "Vælg en ny adgangskode" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "ny-grøn-kode-27", "new_password2": "ny-grøn-kode-27"},
    )
    assert done.status_code == 302
    person.user.refresh_from_db()
    assert person.user.check_password("ny-grøn-kode-27")


def test_five_wrong_passwords_pause_the_members_login_with_a_danish_page(client):
    person = member("gladsaxe")
    for _ in range(5):
        response = client.post("/log-ind/", {"username": person.email, "password": "forkert"})
    assert response.status_code == 429
    assert "Retry-After" in response
    right = client.post("/log-ind/", {"username": person.email, "password": "kodeord-123"})
    assert right.status_code == 429


def test_a_restricted_case_stays_out_of_listings_goal_and_municipality_pages(client, site_tree):
    from .factories import CasePageFactory

    secret = CasePageFactory(
        parent=site_tree.cases,
        title="Fortrolig klimaaftale",
        goals=[13],
        municipality=municipality("gladsaxe"),
    )
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=MEMBERS_GROUP)])
    client.force_login(member("gladsaxe").user)  # even a member's listings show public cases
    for path in ("/", "/cases/", "/verdensmaal/13/", "/kommuner/gladsaxe/", "/rss/cases/"):
        assert "Fortrolig klimaaftale" not in client.get(path).content.decode(), path
    assert client.get(secret.url).status_code == 200  # the member may read it


# What the review found -----------------------------------------------------------------------


def test_a_new_invitation_withdraws_the_old_one(client, smtp_mailbox):
    person = ParticipantFactory(email="ida@gladsaxe.example")
    invite(person)
    first = invitation_link(smtp_mailbox.wait_for(person.email)[0])
    invite(person)
    assert client.get(first).status_code == 410


def test_an_invitation_is_void_once_the_address_is_changed(client, smtp_mailbox):
    person = ParticipantFactory(email="forkert@gladsaxe.example")
    invite(person)
    link = invitation_link(smtp_mailbox.wait_for("forkert@gladsaxe.example")[0])
    person.email = "rigtig@gladsaxe.example"
    person.save()
    response = client.post(
        link, {"password1": "grøn-omstilling-26", "password2": "grøn-omstilling-26"}
    )
    assert response.status_code == 410
    assert not Participant.objects.filter(user__isnull=False).exists()


def test_an_invitation_never_opens_an_admin_account(client, smtp_mailbox):
    admin = UserFactory(username="chef@gladsaxe.example", is_staff=True, is_superuser=True)
    person = ParticipantFactory(email="chef@gladsaxe.example")
    invite(person)
    link = invitation_link(smtp_mailbox.wait_for(person.email)[0])
    response = client.post(
        link, {"password1": "grøn-omstilling-26", "password2": "grøn-omstilling-26"}
    )
    assert response.status_code == 410
    admin.refresh_from_db()
    assert admin.check_password("kodeord") and not admin.check_password("grøn-omstilling-26")


def test_giving_a_seat_to_another_person_takes_the_first_out_of_the_group(after_commit):
    leaving = member("gladsaxe")
    arriving = ParticipantFactory()
    seat = Seat.objects.get(participant=leaving)
    with after_commit():
        seat.participant = arriving
        seat.save()
    assert not leaving.user.groups.filter(name=MEMBERS_GROUP).exists()


def test_the_privacy_dialog_cannot_open_the_room(room):
    area, _notes = room
    PageViewRestriction.objects.filter(page=area).delete()
    restriction = PageViewRestriction.objects.get(page=area)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    PageViewRestriction.objects.filter(page=area).delete()
    PageViewRestriction.objects.create(
        page=area, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    [restriction] = PageViewRestriction.objects.filter(page=area)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert restriction.groups.count() == 2


def test_a_member_s_search_answers_are_private_to_the_browser(client, confidential):
    client.force_login(member("gladsaxe").user)
    for path in (f"/soeg/?q={RARE}", f"/api/search/?q={RARE}"):
        assert "private" in client.get(path)["Cache-Control"]


def test_password_reset_requests_are_limited(client):
    for _ in range(5):
        client.post("/glemt-adgangskode/", {"email": "nogen@x.example"})
    assert client.post("/glemt-adgangskode/", {"email": "nogen@x.example"}).status_code == 429


def test_the_room_s_documents_have_a_collection_closed_to_all_but_the_network():
    from wagtail.models import Collection, CollectionViewRestriction

    restriction = CollectionViewRestriction.objects.get(collection__name="Netværket")
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == {
        MEMBERS_GROUP,
        PARTNERS_GROUP,
    }
    assert Collection.objects.get(name="Netværket").get_parent().is_root()
