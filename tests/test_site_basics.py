"""What every public site has: a title per page, sharing tags, robots.txt, a favicon, a page
listing the site, and a way to print."""

import re
from html import unescape

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from .factories import (
    CasePageFactory,
    EventPageFactory,
    ImageFactory,
    ResearchFindingPageFactory,
    StandardPageFactory,
    municipality,
)

SITE_NAME = "Verdensmål i kommunerne"


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def title_of(html: str) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip())


def meta_tags(html: str) -> dict[str, str]:
    """The head's Open Graph and Twitter tags: property or name -> content."""
    return {
        key: unescape(value)
        for key, value in re.findall(
            r'<meta (?:property|name)="((?:og|twitter):[\w:]+)" content="([^"]*)">', html
        )
    }


def canonical_of(html: str) -> str | None:
    found = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    return found and found.group(1)


@pytest.fixture
def root_url(site_tree) -> str:
    return Site.objects.get(is_default_site=True).root_url


# Titles ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_title_is_the_site_name_alone(client, site_tree):
    assert site_tree.home.title == SITE_NAME  # the case the readers saw: named twice
    assert title_of(html_of(client, "/")) == SITE_NAME


@pytest.mark.django_db
def test_home_page_title_is_its_seo_title_when_the_editors_gave_one(client, site_tree):
    site_tree.home.seo_title = "Verdensmål i danske kommuner"
    site_tree.home.save_revision().publish()
    assert title_of(html_of(client, "/")) == "Verdensmål i danske kommuner"


@pytest.mark.django_db
def test_every_page_type_is_titled_page_then_site_name_once(client, site_tree):
    case = CasePageFactory(parent=site_tree.cases, title="Klimaplan i Gladsaxe")
    finding = ResearchFindingPageFactory(parent=site_tree.research, title="Samskabelse")
    event = EventPageFactory(parent=site_tree.events, title="Symposiet")
    standard = StandardPageFactory(parent=site_tree.home, title="Om portalen")
    CasePageFactory(parent=site_tree.cases, municipality=municipality("gladsaxe"))
    expected = {
        case.url: "Klimaplan i Gladsaxe",
        finding.url: "Samskabelse",
        event.url: "Symposiet",
        standard.url: "Om portalen",
        site_tree.cases.url: site_tree.cases.title,
        site_tree.events.url: site_tree.events.title,
        "/verdensmaal/13/": "13. Klimaindsats",
        "/sideoversigt/": "Oversigt over siden",
        "/soeg/": "Søg",
        "/indsend/": "Del jeres erfaringer",
    }
    for url, page_title in expected.items():
        assert title_of(html_of(client, url)) == f"{page_title} – {SITE_NAME}", url


@pytest.mark.django_db
def test_a_missing_page_is_titled_once_with_the_site_name(client, site_tree):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert title_of(response.content.decode()) == f"Siden findes ikke – {SITE_NAME}"


# Sharing (Open Graph, Twitter cards) and the canonical address -----------------------------


@pytest.mark.django_db
def test_a_case_shares_its_title_summary_absolute_address_and_picture(client, site_tree, root_url):
    case = CasePageFactory(
        parent=site_tree.cases,
        title="Klimaplan i Gladsaxe",
        summary="Gladsaxe satte verdensmålene i budgettet.",
        lead_image=ImageFactory(),
        lead_image_alt="Rådhuset i Gladsaxe",
    )
    html = html_of(client, case.url)
    tags = meta_tags(html)
    assert tags["og:title"] == "Klimaplan i Gladsaxe"
    assert tags["og:description"] == "Gladsaxe satte verdensmålene i budgettet."
    assert tags["og:url"] == f"{root_url}{case.url}" == canonical_of(html)
    assert tags["og:type"] == "article"
    assert tags["og:site_name"] == SITE_NAME and tags["og:locale"] == "da_DK"
    assert re.fullmatch(rf"{re.escape(root_url)}/media/images/.+\.jpg", tags["og:image"])
    assert tags["og:image:alt"] == "Rådhuset i Gladsaxe"
    assert tags["twitter:card"] == "summary_large_image"


@pytest.mark.django_db
def test_the_seo_description_comes_before_the_summary_when_shared(client, site_tree):
    case = CasePageFactory(
        parent=site_tree.cases, summary="Resuméet.", search_description="Til søgemaskiner."
    )
    assert meta_tags(html_of(client, case.url))["og:description"] == "Til søgemaskiner."


@pytest.mark.django_db
def test_a_page_without_a_picture_shares_no_image_and_a_small_card(client, site_tree):
    event = EventPageFactory(parent=site_tree.events)
    tags = meta_tags(html_of(client, event.url))
    assert "og:image" not in tags
    assert tags["twitter:card"] == "summary"


@pytest.mark.django_db
def test_the_home_page_is_shared_as_a_website_under_the_site_address(client, site_tree, root_url):
    html = html_of(client, "/")
    tags = meta_tags(html)
    assert tags["og:type"] == "website"
    assert tags["og:url"] == f"{root_url}/" == canonical_of(html)
    assert tags["og:title"] == SITE_NAME


@pytest.mark.django_db
def test_a_goal_page_is_shared_under_its_own_title_and_address(client, site_tree, root_url):
    html = html_of(client, "/verdensmaal/13/")
    assert meta_tags(html)["og:title"] == "13. Klimaindsats"
    assert canonical_of(html) == f"{root_url}/verdensmaal/13/"


@pytest.mark.django_db
def test_a_missing_page_names_no_canonical_address(client, site_tree):
    assert canonical_of(client.get("/findes-ikke/").content.decode()) is None


# robots.txt, the favicon and the print style ------------------------------------------------


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap_and_keeps_robots_out_of_admin_and_searches(
    client, site_tree, root_url
):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {root_url}/sitemap.xml" in lines
    assert {"User-agent: *", "Disallow: /admin/", "Disallow: /soeg/?"} <= set(lines)
    assert "Disallow: /" not in lines


@pytest.mark.django_db
def test_favicon_ico_leads_to_an_icon_that_exists(client, site_tree):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.ico"
    assert finders.find("favicon.ico")


@pytest.mark.django_db
def test_every_page_names_its_svg_icon_and_a_print_style(client, site_tree):
    html = html_of(client, "/")
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    assert finders.find("favicon.svg") and finders.find("css/print.css")


def test_print_style_leaves_out_navigation_and_writes_out_external_links():
    with open(finders.find("css/print.css"), encoding="utf-8") as css:
        print_css = css.read()
    hidden = print_css.split("display: none")[0]
    for screen_only in (".site-header", ".site-footer", ".filter-form", ".button"):
        assert screen_only in hidden
    assert 'a[href^="http"]::after' in print_css and "attr(href)" in print_css
    assert "break-inside: avoid" in print_css


# The HTML sitemap -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_footer_links_to_the_readable_sitemap_not_the_xml(client, site_tree):
    footer = html_of(client, "/").split('<footer class="site-footer">')[1]
    assert '<a href="/sideoversigt/">Oversigt over siden</a>' in footer
    assert "sitemap.xml" not in footer


@pytest.mark.django_db
def test_sitemap_page_lists_pages_nested_under_their_section(client, site_tree):
    case = CasePageFactory(parent=site_tree.cases, title="Klimaplan i Gladsaxe")
    html = html_of(client, "/sideoversigt/")
    nested = (
        rf'<a href="{site_tree.cases.url}">{site_tree.cases.title}</a>\s*'
        rf'<ul><li><a href="{case.url}">Klimaplan i Gladsaxe</a></li>\s*</ul>'
    )
    assert re.search(nested, html)
    assert f'<a href="{site_tree.events.url}">{site_tree.events.title}</a>' in html
    assert '<a href="/sitemap.xml">' in html  # the machines' sitemap, named as such


@pytest.mark.django_db
def test_sitemap_page_escapes_the_titles_editors_write(client, site_tree):
    StandardPageFactory(parent=site_tree.home, title="Mål & midler <i>nu</i>", slug="maal")
    html = html_of(client, "/sideoversigt/")
    assert '<a href="/maal/">Mål &amp; midler &lt;i&gt;nu&lt;/i&gt;</a>' in html


@pytest.mark.django_db
def test_sitemap_page_never_lists_a_restricted_or_unpublished_page_nor_what_is_below(
    client, site_tree
):
    private = StandardPageFactory(parent=site_tree.home, title="Kun for medlemmer")
    StandardPageFactory(parent=private, title="Medlemmernes referat")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    draft = CasePageFactory(parent=site_tree.cases, title="Kladden")
    draft.unpublish()
    html = html_of(client, "/sideoversigt/")
    for hidden in ("Kun for medlemmer", "Medlemmernes referat", "Kladden"):
        assert hidden not in html


@pytest.mark.django_db
def test_sitemap_page_costs_the_same_queries_however_many_pages(client, site_tree):
    def queries() -> int:
        client.get("/sideoversigt/")  # warm the caches of the first request
        with CaptureQueriesContext(connection) as captured:
            html_of(client, "/sideoversigt/")
        return len(captured)

    CasePageFactory(parent=site_tree.cases)
    few = queries()
    for _ in range(5):
        CasePageFactory(parent=site_tree.cases)
        EventPageFactory(parent=site_tree.events)
    assert queries() == few
