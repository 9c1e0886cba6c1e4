"""The page cache (core.page_cache): public pages kept for anonymous visitors, purged by every
change a page might show (the content version token), never kept or served for a session, a
restricted page or a form.

Run on Redis when REDIS_URL is set (scripts/test starts one), on local memory otherwise."""

import time
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction, Site

from cases.models import CasePage
from demo.generated.content import generate_content
from home.models import SiteSettings

from .factories import (
    CaseIndexPageFactory,
    CasePageFactory,
    PersonFactory,
    ThemeFactory,
    UserFactory,
    municipality,
)
from .ports import free_port

TITLE = "Groenne tage i Gladsaxe"
NEW_TITLE = "Regnvand paa tagene i Gladsaxe"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CACHE_PAGES_SECONDS = 300


@dataclass
class Visit:
    status: int
    text: str
    x_cache: str
    response: object


def visit(client, url: str, method: str = "get") -> Visit:
    response = getattr(client, method)(url)
    text = response.content.decode() if response.status_code != 302 else ""
    return Visit(response.status_code, text, response.get("X-Cache", ""), response)


@dataclass
class Shown:
    """A case and the pages that show its title: its own, the listing, its goal's and its
    municipality's pages, the home page and another case that lists it as related."""

    case: object
    related: object
    urls: dict[str, str]


@pytest.fixture
def shown(site_tree) -> Shown:
    case = CasePageFactory(
        parent=site_tree.cases, title=TITLE, municipality=municipality("gladsaxe"), goals=[13]
    )
    related = CasePageFactory(
        parent=site_tree.cases, title="Klimaplan", municipality=municipality("gladsaxe"), goals=[13]
    )
    urls = {
        "case": case.url,
        "listing": site_tree.cases.url,
        "goal": f"{site_tree.goals.url}13/",
        "municipality": f"{site_tree.municipalities.url}gladsaxe/",
        "home": "/",
        "related case": related.url,
    }
    return Shown(case, related, urls)


def titles_seen(client, urls: dict[str, str], title: str) -> dict[str, bool]:
    return {name: title in visit(client, url).text for name, url in urls.items()}


def fill_cache(client, urls: dict[str, str]) -> dict[str, str]:
    """Visit each page twice; what the second visit says (HIT when it was kept)."""
    for url in urls.values():
        visit(client, url)
    return {name: visit(client, url).x_cache for name, url in urls.items()}


def everywhere(value, urls) -> dict:
    return dict.fromkeys(urls, value)


# Kept and served ---------------------------------------------------------------------------


def test_a_second_anonymous_visit_is_served_from_the_cache(client, shown):
    first = visit(client, shown.urls["case"])
    second = visit(client, shown.urls["case"])
    head = visit(client, shown.urls["case"], method="head")

    assert (first.status, first.x_cache) == (200, "MISS")
    assert (second.status, second.x_cache) == (200, "HIT")
    assert second.text == first.text and TITLE in second.text
    assert second.response["Age"].isdigit()
    assert "no-cache" in second.response["Cache-Control"]
    assert second.response["Content-Security-Policy"] == first.response["Content-Security-Policy"]
    assert (head.status, head.x_cache, head.text) == (200, "HIT", "")


def test_every_page_showing_the_case_is_kept(client, shown):
    assert fill_cache(client, shown.urls) == everywhere("HIT", shown.urls)


def test_a_listing_is_kept_per_query_string(client, site_tree, shown):
    CasePageFactory(parent=site_tree.cases, title="Vand i Vejle", goals=[6])
    all_cases = visit(client, site_tree.cases.url)
    filtered = visit(client, f"{site_tree.cases.url}?goal=6")
    filtered_again = visit(client, f"{site_tree.cases.url}?goal=6")

    assert TITLE in all_cases.text
    assert TITLE not in filtered.text and "Vand i Vejle" in filtered.text
    assert filtered_again.x_cache == "HIT" and filtered_again.text == filtered.text


def test_an_address_with_parameters_the_page_does_not_read_is_never_kept(client, shown):
    """Made-up query strings (?x=1, ?x=2, …) would otherwise each fill the cache."""
    goal_page = f"{shown.urls['goal']}?sort=municipality&page=1"
    made_up = [f"{shown.urls[name]}?utm_source=nyhedsbrev" for name in ("case", "listing")]

    assert fill_cache(client, {"goal": goal_page}) == {"goal": "HIT"}
    assert fill_cache(client, dict(enumerate(made_up))) == {0: "MISS", 1: "MISS"}
    assert all(TITLE in visit(client, url).text for url in made_up)


def test_pages_are_not_kept_when_the_page_cache_is_off(client, settings, shown):
    settings.CACHE_PAGES_SECONDS = 0
    assert fill_cache(client, shown.urls) == everywhere("", shown.urls)


# Purged ------------------------------------------------------------------------------------


def test_a_published_change_is_seen_on_the_next_visit_to_every_page_showing_it(
    client, shown, after_commit
):
    fill_cache(client, shown.urls)
    assert titles_seen(client, shown.urls, TITLE) == everywhere(True, shown.urls)

    shown.case.title = NEW_TITLE
    with after_commit():
        shown.case.save_revision().publish()

    assert titles_seen(client, shown.urls, NEW_TITLE) == everywhere(True, shown.urls)
    assert titles_seen(client, shown.urls, TITLE) == everywhere(False, shown.urls)


def test_a_saved_draft_keeps_the_cache(client, shown):
    fill_cache(client, shown.urls)
    shown.case.title = NEW_TITLE
    shown.case.save_revision()

    assert visit(client, shown.urls["listing"]).x_cache == "HIT"
    assert TITLE in visit(client, shown.urls["case"]).text


def gone_from_every_page(client, shown) -> None:
    assert visit(client, shown.urls["case"]).status == 404
    others = {name: url for name, url in shown.urls.items() if name != "case"}
    assert titles_seen(client, others, TITLE) == everywhere(False, others)


def test_an_unpublished_case_is_gone_from_every_page_on_the_next_visit(client, shown, after_commit):
    fill_cache(client, shown.urls)
    with after_commit():
        shown.case.unpublish()
    gone_from_every_page(client, shown)


def test_a_deleted_case_is_gone_from_every_page_on_the_next_visit(client, shown, after_commit):
    fill_cache(client, shown.urls)
    with after_commit():
        shown.case.delete()
    gone_from_every_page(client, shown)


def test_a_moved_case_is_at_its_new_address_on_the_next_visit(
    client, site_tree, shown, after_commit
):
    elsewhere = CaseIndexPageFactory(parent=site_tree.home, title="Arkiv", slug="arkiv")
    fill_cache(client, {**shown.urls, "elsewhere": elsewhere.url})
    old_url = shown.urls["case"]
    with after_commit():
        shown.case.move(elsewhere, pos="last-child")
    shown.case.refresh_from_db()

    moved_away = visit(client, old_url)  # Wagtail redirects the old address
    assert (moved_away.status, moved_away.response["Location"]) == (301, shown.case.url)
    assert TITLE in visit(client, shown.case.url).text
    assert TITLE in visit(client, elsewhere.url).text
    assert TITLE not in visit(client, shown.urls["listing"]).text
    assert shown.case.url in visit(client, shown.urls["home"]).text


def test_a_renamed_theme_is_seen_on_the_next_visit(client, site_tree, after_commit):
    theme = ThemeFactory(name="Klimatilpasning", slug="klimatilpasning")
    case = CasePageFactory(parent=site_tree.cases, title=TITLE, themes=[theme])
    fill_cache(client, {"case": case.url})
    with after_commit():
        theme.name = "Skybrudssikring"
        theme.save()

    assert "Skybrudssikring" in visit(client, case.url).text


def test_changed_site_settings_are_seen_on_the_next_visit(client, site_tree, after_commit):
    fill_cache(client, {"home": "/"})
    with after_commit():
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        site_settings.tagline = "Et netvaerk for kommunernes verdensmaalsarbejde"
        site_settings.save()

    assert "Et netvaerk for kommunernes verdensmaalsarbejde" in visit(client, "/").text


def test_generated_cases_are_listed_on_the_next_visit(client, site_tree, after_commit):
    """generate_content writes pages in bulk, without a publish's signals."""
    fill_cache(client, {"listing": site_tree.cases.url})

    with after_commit():
        generate_content(3, seed=7, rebuild_search=False)
    listing = visit(client, site_tree.cases.url)

    assert listing.x_cache == "MISS"
    assert all(case.title in listing.text for case in CasePage.objects.live())


def test_a_renamed_person_is_seen_on_the_next_visit(client, site_tree, after_commit):
    contact = PersonFactory(name="Flemming Olsen")
    case = CasePageFactory(parent=site_tree.cases, title=TITLE, contacts=[contact])
    fill_cache(client, {"case": case.url})
    assert "Flemming Olsen" in visit(client, case.url).text
    with after_commit():
        contact.name = "Flemming Juul Olsen"
        contact.save()

    assert "Flemming Juul Olsen" in visit(client, case.url).text


# Never kept or served ----------------------------------------------------------------------


@pytest.fixture
def superuser_client(db) -> Client:
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_a_logged_in_user_never_gets_a_kept_page_and_never_fills_the_cache(
    client, superuser_client, shown
):
    url = shown.urls["case"]
    for_the_editor = visit(superuser_client, url)
    first_anonymous = visit(client, url)
    again_for_the_editor = visit(superuser_client, url)

    assert first_anonymous.x_cache == "MISS"  # the editor's visit kept nothing
    assert visit(client, url).x_cache == "HIT"
    assert for_the_editor.x_cache == again_for_the_editor.x_cache == ""
    assert "private" in again_for_the_editor.response["Cache-Control"]


@pytest.mark.parametrize("restriction", ["password", "groups", "login"])
def test_a_restricted_page_is_never_served_from_the_cache(
    client, superuser_client, shown, restriction
):
    restrict(shown.case, restriction)
    url = shown.urls["case"]
    if restriction == "password":  # a password asks everyone, superusers too
        enter_password(superuser_client, shown.case)
    seen_by_the_superuser = visit(superuser_client, url)
    anonymous = [visit(client, url) for _ in range(2)]

    assert seen_by_the_superuser.status == 200 and "Udfordringen" in seen_by_the_superuser.text
    for answer in anonymous:
        assert answer.x_cache != "HIT"
        assert "Udfordringen" not in answer.text


def test_a_page_under_a_restricted_section_is_never_kept(client, site_tree, shown):
    restrict(site_tree.cases, "password")
    url = shown.urls["case"]
    anonymous = [visit(client, url) for _ in range(2)]

    assert all(answer.x_cache != "HIT" and TITLE not in answer.text for answer in anonymous)


def test_a_kept_page_is_no_longer_served_once_it_is_restricted(client, shown):
    url = shown.urls["case"]
    fill_cache(client, {"case": url})
    restrict(shown.case, "password")

    answer = visit(client, url)
    assert answer.x_cache != "HIT" and "Udfordringen" not in answer.text


def restrict(page, restriction_type: str) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="hemmelig"
    )
    if restriction_type == "groups":
        restriction.groups.set([Group.objects.get(name="Netværksmedlemmer")])


def enter_password(client, page) -> None:
    restriction = PageViewRestriction.objects.get(page=page)
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "hemmelig", "return_url": page.url},
    )


def test_a_visitor_who_entered_a_pages_password_is_never_served_from_the_cache(client, shown):
    restrict(shown.case, "password")
    url = shown.urls["case"]
    enter_password(client, shown.case)
    for_the_member = visit(client, url)
    for_someone_else = visit(Client(), url)

    assert for_the_member.status == 200 and "Udfordringen" in for_the_member.text
    assert for_the_member.x_cache == ""
    assert "Udfordringen" not in for_someone_else.text


def test_the_submission_form_with_its_csrf_token_is_never_kept(client, site_tree):
    answers = [visit(client, "/indsend/") for _ in range(2)]

    assert all(answer.status == 200 and answer.x_cache != "HIT" for answer in answers)
    assert all("csrfmiddlewaretoken" in answer.text for answer in answers)


def test_a_page_for_a_visitor_with_a_csrf_cookie_that_renders_no_token_is_still_kept(client, shown):
    visit(client, "/indsend/")  # the visitor now carries a CSRF cookie
    assert "csrftoken" in client.cookies
    visit(client, shown.urls["case"])
    assert visit(client, shown.urls["case"]).x_cache == "HIT"


# Redis down --------------------------------------------------------------------------------


def test_pages_are_served_when_redis_is_down(client, settings, shown):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    started = time.monotonic()
    answers = [visit(client, url) for url in [*shown.urls.values(), shown.urls["case"]]]
    seconds = time.monotonic() - started

    assert [answer.status for answer in answers] == [200] * len(answers)
    assert all(answer.x_cache != "HIT" for answer in answers)
    assert TITLE in answers[-1].text
    assert seconds < 10
