"""The site sends a strict Content-Security-Policy, and its pages keep to it: no inline script,
no inline style, so the browser has nothing to refuse. The admins get their own policy."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, PageViewRestriction

from taxonomy.colours import goal_colours_css, goal_colours_css_path, text_colour_for
from taxonomy.reference import SDG_GOALS

from .goal_colours import served_goal_colours

pytestmark = pytest.mark.django_db

# Addresses that are not pages of the tree, beside every live page of the demo.
PUBLIC_ADDRESSES = [
    "/verdensmaal/13/",
    "/kommuner/gladsaxe/",
    "/soeg/",
    "/soeg/?q=klima",
    "/soeg/?q=zzzingenting",
    "/cases/?goal=11",
    "/sideoversigt/",
    "/indsend/",
    "/findes-ikke/",
]


def directives(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def inline_code(html: str) -> list[str]:
    """Every style attribute, <style> element and script the browser would run from the page
    itself (JSON data blocks are not run)."""
    soup = BeautifulSoup(html, "html.parser")
    found = [f"style= on <{tag.name}>" for tag in soup.find_all(style=True)]
    found += [f"<style>{tag.get_text()[:60]}" for tag in soup.find_all("style")]
    found += [
        f"<script>{tag.get_text()[:60]}"
        for tag in soup.find_all("script")
        if not tag.get("src") and tag.get("type") not in ("application/json", "application/ld+json")
    ]
    found += [
        f"{name}= on <{tag.name}>"
        for tag in soup.find_all(True)
        for name in tag.attrs
        if name.startswith("on")
    ]
    return found


@pytest.fixture(scope="module")
def public_addresses(demo_site, django_db_blocker) -> list[str]:
    with django_db_blocker.unblock():
        pages = [page.url for page in Page.objects.live().public().specific() if page.url]
    return pages + PUBLIC_ADDRESSES


def test_public_pages_send_a_strict_policy_without_unsafe_inline_or_eval(client, public_addresses):
    for address in public_addresses:
        response = client.get(address)
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], address
        assert policy["script-src"] == ["'self'"], address
        assert policy["style-src"] == ["'self'"], address
        assert policy["object-src"] == ["'none'"], address
        assert policy["frame-ancestors"] == ["'none'"], address
        assert policy["base-uri"] == ["'self'"], address
        assert policy["form-action"] == ["'self'"], address
        header = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in header and "unsafe-eval" not in header, address


def test_public_pages_have_no_inline_script_or_style(client, public_addresses):
    # the demo's home, listings, cases, research, events, network, about, goal, municipality,
    # search (with and without results), the sitemap, the submission form and the 404 page
    assert len(public_addresses) > 20
    for address in public_addresses:
        response = client.get(address)
        assert response.status_code in (200, 404), address
        assert inline_code(response.content.decode()) == [], address


def test_redirects_and_kept_pages_send_the_strict_policy_too(client, settings, demo_site):
    settings.CACHE_PAGES_SECONDS = 300
    case = demo_site.cases[0]
    without_slash = client.get(case.url.rstrip("/"))  # CommonMiddleware's APPEND_SLASH
    client.get(case.url)
    kept = client.get(case.url)

    assert without_slash.status_code == 301
    assert kept.headers["X-Cache"] == "HIT"
    for response in (without_slash, kept):
        assert directives(response)["script-src"] == ["'self'"]
        assert directives(response)["frame-ancestors"] == ["'none'"]


def test_password_form_of_a_restricted_page_keeps_to_the_strict_policy(client, demo_site):
    case = demo_site.cases[0]
    PageViewRestriction.objects.create(page=case, restriction_type="password", password="hemmelig")

    response = client.get(case.url)

    assert 'name="password"' in response.content.decode()
    assert directives(response)["script-src"] == ["'self'"]
    assert inline_code(response.content.decode()) == []


def test_the_admins_get_their_own_policy_that_lets_wagtail_frame_its_preview(client):
    for address in ("/admin/login/", "/django-admin/login/"):
        policy = directives(client.get(address))
        assert policy["frame-ancestors"] == ["'self'"], address
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"], address
        assert policy["object-src"] == ["'none'"], address
        assert "'unsafe-eval'" not in policy["script-src"], address


def test_goal_colours_file_is_written_from_the_reference_data():
    assert goal_colours_css_path().read_text() == goal_colours_css(), (
        "static/css/goal-colours.css differs from taxonomy/reference.py: "
        "run `python manage.py write_goal_colours_css`"
    )


def test_every_goal_class_has_its_official_colour_and_readable_text():
    expected = {
        f"goal-{number}": (colour, text_colour_for(colour))
        for number, _da, _en, colour in SDG_GOALS
    }
    served = served_goal_colours()
    assert served == expected
    assert served["goal-13"] == ("#3F7E44", "#ffffff")  # white on dark green
    assert served["goal-7"] == ("#FCC30B", "#000000")  # black on yellow
