"""Every password form pauses after five failures from one address or for one account (or one
restricted page) within 15 minutes: the fifth wrong password and every try after it, even the
right password, get a Danish page, 429 with Retry-After; the attempts are recorded for the
administrators."""

import datetime
import logging
import time

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from .factories import CasePageFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "rigtig-adgangskode-1"
ADDRESS, OTHER_ADDRESS = "192.0.2.10", "198.51.100.20"
LOGIN_FORMS = {"wagtail": "/admin/login/", "django": "/django-admin/login/?next=/django-admin/"}
SIGNED_IN_PAGE = {"wagtail": "/admin/", "django": "/django-admin/"}


@pytest.fixture(autouse=True)
def empty_cache():
    """The page-password counters live in the cache, which outlives a test's rollback."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return UserFactory(username="redaktoer", password=PASSWORD, is_superuser=True, is_staff=True)


def sign_in(client, form, username, password, address=ADDRESS):
    return client.post(
        LOGIN_FORMS[form], {"username": username, "password": password}, REMOTE_ADDR=address
    )


def assert_paused(response):
    assert response.status_code == 429
    assert response["Retry-After"].isdigit() and 0 < int(response["Retry-After"]) <= 900
    html = response.content.decode()
    assert "For mange forsøg" in html
    assert "Prøv igen om 15 minutter." in html


def signed_in(client, form) -> bool:
    return client.get(SIGNED_IN_PAGE[form]).status_code == 200


@pytest.mark.parametrize("form", LOGIN_FORMS)
def test_login_before_the_limit_works(client, editor, form):
    for _ in range(4):
        assert sign_in(client, form, "redaktoer", "forkert").status_code == 200

    assert sign_in(client, form, "redaktoer", PASSWORD).status_code == 302
    assert signed_in(client, form)


@pytest.mark.parametrize("form", LOGIN_FORMS)
def test_five_wrong_passwords_pause_the_login_even_for_the_right_one(client, editor, form):
    for _ in range(4):
        assert sign_in(client, form, "redaktoer", "forkert").status_code == 200
    assert_paused(sign_in(client, form, "redaktoer", "forkert"))

    assert_paused(sign_in(client, form, "redaktoer", PASSWORD))
    assert not signed_in(client, form)


@pytest.mark.parametrize("form", LOGIN_FORMS)
def test_the_account_is_paused_from_another_address_too(client, editor, form):
    for _ in range(5):
        sign_in(client, form, "redaktoer", "forkert", address=ADDRESS)

    assert_paused(sign_in(client, form, "redaktoer", PASSWORD, address=OTHER_ADDRESS))


@pytest.mark.parametrize("form", LOGIN_FORMS)
def test_an_address_guessing_accounts_is_paused_for_every_account(client, editor, form):
    for number in range(5):
        sign_in(client, form, f"gaet-{number}", "forkert", address=ADDRESS)

    assert_paused(sign_in(client, form, "redaktoer", PASSWORD, address=ADDRESS))
    assert sign_in(client, form, "redaktoer", PASSWORD, address=OTHER_ADDRESS).status_code == 302


def test_the_pause_ends_after_the_cool_off(client, editor, settings):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(seconds=1)
    for _ in range(5):
        sign_in(client, "wagtail", "redaktoer", "forkert")
    assert sign_in(client, "wagtail", "redaktoer", PASSWORD).status_code == 429

    time.sleep(1.2)

    assert sign_in(client, "wagtail", "redaktoer", PASSWORD).status_code == 302
    assert signed_in(client, "wagtail")


def test_failed_logins_are_recorded_for_the_administrators(client, editor):
    for _ in range(5):
        sign_in(client, "django", "redaktoer", "forkert")

    attempt = AccessAttempt.objects.get(username="redaktoer")
    assert (attempt.ip_address, attempt.failures_since_start) == (ADDRESS, 5)
    client.force_login(editor)
    listing = client.get("/django-admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "redaktoer" in listing.content.decode()


def test_failed_logins_are_listed_for_superusers_in_the_wagtail_admin(client, editor):
    for _ in range(3):
        sign_in(client, "wagtail", "gaetteren", "forkert")
    client.force_login(editor)

    report = client.get("/admin/reports/loginforsoeg/")

    assert report.status_code == 200
    html = report.content.decode()
    assert "Loginforsøg" in html
    assert "gaetteren" in html and ADDRESS in html


def test_the_login_report_is_for_superusers_only(client):
    moderator = UserFactory(username="moderator", groups=["Moderatorer"])
    client.force_login(moderator)

    assert client.get("/admin/reports/loginforsoeg/").status_code in (302, 403)
    assert "/admin/reports/loginforsoeg/" not in client.get("/admin/").content.decode()


# Page passwords (Wagtail's view restrictions) ----------------------------------------------


@pytest.fixture
def restricted(site_tree):
    def make(title: str, password: str = PASSWORD):
        page = CasePageFactory(parent=site_tree.cases, title=title)
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type="password", password=password
        )
        return page, restriction

    return make


def enter_page_password(client, page, restriction, password, address=ADDRESS):
    return client.post(
        f"/_util/authenticate_with_password/{restriction.id}/{page.id}/",
        {"password": password, "return_url": page.url},
        REMOTE_ADDR=address,
    )


def test_page_password_before_the_limit_opens_the_page(client, restricted):
    page, restriction = restricted("Lukket case")
    for _ in range(4):
        assert enter_page_password(client, page, restriction, "forkert").status_code == 200

    assert enter_page_password(client, page, restriction, PASSWORD).status_code == 302
    assert "Lukket case" in client.get(page.url, REMOTE_ADDR=ADDRESS).content.decode()


def test_five_wrong_page_passwords_pause_the_form_even_for_the_right_one(
    client, restricted, caplog
):
    page, restriction = restricted("Lukket case")
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        for _ in range(4):
            assert enter_page_password(client, page, restriction, "forkert").status_code == 200
        assert_paused(enter_page_password(client, page, restriction, "forkert"))

        assert_paused(enter_page_password(client, page, restriction, PASSWORD))

    assert "Lukket case" not in client.get(page.url, REMOTE_ADDR=ADDRESS).content.decode()
    wrong = [r for r in caplog.records if r.getMessage().startswith("Wrong password")]
    assert len(wrong) == 5
    assert f"page:{restriction.id} from {ADDRESS}" in wrong[0].getMessage()


def test_wrong_page_passwords_are_listed_in_the_administrators_report(client, restricted):
    page, restriction = restricted("Lukket case")
    for _ in range(5):
        enter_page_password(client, page, restriction, "forkert")
    client.force_login(
        UserFactory(username="chef", password=PASSWORD, is_superuser=True, is_staff=True)
    )
    html = client.get("/admin/reports/loginforsoeg/").content.decode()
    assert html.count(f"page:{restriction.id}") == 5
    assert ADDRESS in html


def test_a_restricted_page_is_paused_for_other_addresses_too(client, restricted):
    page, restriction = restricted("Lukket case")
    for _ in range(5):
        enter_page_password(client, page, restriction, "forkert", address=ADDRESS)

    assert_paused(enter_page_password(client, page, restriction, PASSWORD, address=OTHER_ADDRESS))


def test_an_address_guessing_page_passwords_is_paused_on_every_restricted_page(client, restricted):
    guessed, guessed_restriction = restricted("Gættet case")
    other, other_restriction = restricted("Anden case")
    for _ in range(5):
        enter_page_password(client, guessed, guessed_restriction, "forkert", address=ADDRESS)

    assert_paused(enter_page_password(client, other, other_restriction, PASSWORD, address=ADDRESS))
    response = enter_page_password(
        client, other, other_restriction, PASSWORD, address=OTHER_ADDRESS
    )
    assert response.status_code == 302


def test_the_page_password_pause_ends_after_the_cool_off(client, restricted, settings):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(seconds=1)
    page, restriction = restricted("Lukket case")
    for _ in range(5):
        enter_page_password(client, page, restriction, "forkert")
    assert enter_page_password(client, page, restriction, PASSWORD).status_code == 429

    time.sleep(1.2)

    assert enter_page_password(client, page, restriction, PASSWORD).status_code == 302


def test_five_wrong_document_passwords_pause_the_collections_form(client, db):
    collection = Collection.get_first_root_node().add_child(name="Interne dokumenter")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password=PASSWORD
    )

    def enter(password):
        return client.post(
            f"/documents/authenticate_with_password/{restriction.id}/",
            {"password": password, "return_url": "/"},
            REMOTE_ADDR=ADDRESS,
        )

    for _ in range(4):
        assert enter("forkert").status_code == 200
    assert_paused(enter("forkert"))
    assert_paused(enter(PASSWORD))
