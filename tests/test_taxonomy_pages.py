"""The goal pages (/verdensmaal/) and the municipality pages (/kommuner/)."""

import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from taxonomy.models import Approach

from .factories import (
    CasePageFactory,
    EventPageFactory,
    OrganisationFactory,
    PersonFactory,
    ResearchFindingPageFactory,
    municipality,
)
from .goal_colours import served_goal_colours

NOINDEX = '<meta name="robots" content="noindex">'

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def html_of(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def case_titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="card__title"><a href="/cases/[^"]+">([^<]+)</a>', html)


def finding_titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="card__title"><a href="/forskning/[^"]+">([^<]+)</a>', html)


def breadcrumbs(html: str) -> tuple[list[tuple[str, str]], str]:
    """The links of the breadcrumb trail, (url, title), and the current crumb."""
    nav = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group()
    current = re.search(r'<span aria-current="page">([^<]+)</span>', nav).group(1)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav), current


@pytest.fixture
def tagged(site_tree):
    """Cases and findings tagged with goals 13 and 17, one draft among them."""
    return {
        "climate_case": CasePageFactory(
            parent=site_tree.cases,
            title="Klimaplan i Vejle",
            municipality=municipality("vejle"),
            approach=Approach.HYBRID,
            goals=[13],
        ),
        "both_case": CasePageFactory(
            parent=site_tree.cases,
            title="Partnerskaber i Gladsaxe",
            municipality=municipality("gladsaxe"),
            goals=[13, 17],
        ),
        "draft_case": CasePageFactory(
            parent=site_tree.cases, title="Kladde om klima", goals=[13], live=False
        ),
        "finding": ResearchFindingPageFactory(
            parent=site_tree.research,
            title="Samskabelse om verdensmålene",
            goals=[17],
            partners=[
                OrganisationFactory(name="Vejle Kommune", municipality=municipality("vejle"))
            ],
        ),
    }


@pytest.mark.django_db
def test_goal_overview_shows_all_17_goals_with_their_case_counts(client, tagged):
    html = html_of(client, "/verdensmaal/")
    links = re.findall(r'<a class="goal-tile goal-\d+" href="(/verdensmaal/\d+/)"', html)
    assert links == [f"/verdensmaal/{n}/" for n in range(1, 18)]
    counts = re.findall(
        r'goal-tile__title">([^<]+)</span>\s*<span class="goal-tile__count">([^<]+)<', html
    )
    assert ("Klimaindsats", "2 cases") in counts  # the draft is not counted
    assert ("Partnerskaber for handling", "1 case") in counts
    assert ("Afskaf fattigdom", "0 cases") in counts


@pytest.mark.django_db
def test_goal_page_lists_the_published_cases_and_research_tagged_with_it(client, tagged):
    html = html_of(client, "/verdensmaal/17/")
    assert "<h1>Partnerskaber for handling</h1>" in html
    assert case_titles(html) == ["Partnerskaber i Gladsaxe"]
    assert finding_titles(html) == ["Samskabelse om verdensmålene"]


@pytest.mark.django_db
def test_goal_page_shows_the_six_newest_findings_and_links_to_all_of_them_in_search(
    client, site_tree
):
    for year in range(2015, 2022):
        ResearchFindingPageFactory(
            parent=site_tree.research,
            title=f"Forskning fra {year}",
            goals=[13],
            date=datetime.date(year, 6, 1),
        )
    html = html_of(client, "/verdensmaal/13/")
    assert finding_titles(html) == [f"Forskning fra {year}" for year in range(2021, 2015, -1)]
    link = '<a href="/soeg/?goal=13&amp;type=research">'
    assert f"{link}Se alle 7 forskningsresultater om verdensmål 13</a>" in html
    call_command("search_index", "--rebuild", stdout=io.StringIO(), stderr=io.StringIO())
    search = html_of(client, "/soeg/", goal="13", type="research")
    assert "Forskning fra 2015" in search


@pytest.mark.django_db
def test_goal_page_with_six_findings_or_fewer_shows_them_all_without_a_link(client, tagged):
    html = html_of(client, "/verdensmaal/17/")
    assert finding_titles(html) == ["Samskabelse om verdensmålene"]
    assert "Se alle" not in html


@pytest.mark.django_db
def test_goal_page_leaves_out_drafts_and_other_goals(client, tagged):
    html = html_of(client, "/verdensmaal/13/")
    assert case_titles(html) == ["Partnerskaber i Gladsaxe", "Klimaplan i Vejle"]
    assert "Kladde om klima" not in html
    assert finding_titles(html) == []
    assert "Der er endnu ingen forskningsresultater om dette mål." in html


@pytest.mark.django_db
def test_goal_page_header_uses_the_goal_colour_with_readable_text(client, tagged):
    html = html_of(client, "/verdensmaal/13/")
    assert '<header class="goal-header goal-13">' in html
    assert served_goal_colours()["goal-13"] == ("#3F7E44", "#ffffff")


@pytest.mark.django_db
def test_goal_page_can_be_filtered_further_with_the_listing_filters(client, tagged):
    html = html_of(client, "/verdensmaal/13/", municipality="vejle")
    assert case_titles(html) == ["Klimaplan i Vejle"]
    assert 'name="goal"' not in html  # the goal is given by the page itself


@pytest.mark.django_db
def test_goal_page_ignores_bad_filters_with_a_notice(client, tagged):
    html = html_of(client, "/verdensmaal/13/", approach="sideways", page="abc")
    assert "Organiseringen »sideways« findes ikke og er ignoreret." in html
    assert "Sidetallet »abc« er ugyldigt; her er side 1." in html
    assert len(case_titles(html)) == 2


@pytest.mark.parametrize("path", ["/verdensmaal/0/", "/verdensmaal/18/", "/verdensmaal/abc/"])
@pytest.mark.django_db
def test_goal_pages_that_cannot_exist_answer_404(client, site_tree, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


@pytest.mark.django_db
def test_goal_page_breadcrumbs_lead_back_to_the_goal_overview(client, site_tree):
    crumbs = re.search(
        r'<nav class="breadcrumbs.*?</nav>', html_of(client, "/verdensmaal/4/"), re.S
    )
    assert '<a href="/verdensmaal/">Verdensmålene</a>' in crumbs.group()
    assert '<span aria-current="page">4. Kvalitetsuddannelse</span>' in crumbs.group()


@pytest.mark.django_db
def test_goal_page_breadcrumbs_read_home_goal_overview_goal(client, site_tree):
    assert breadcrumbs(html_of(client, "/verdensmaal/13/")) == (
        [("/", "Forside"), ("/verdensmaal/", "Verdensmålene")],
        "13. Klimaindsats",
    )


@pytest.mark.django_db
def test_overview_breadcrumbs_come_from_the_page_tree(client, site_tree):
    site_tree.goals.title = "FNs verdensmål"
    site_tree.goals.save_revision().publish()
    assert breadcrumbs(html_of(client, "/verdensmaal/")) == ([("/", "Forside")], "FNs verdensmål")
    assert breadcrumbs(html_of(client, "/verdensmaal/13/"))[0][-1] == (
        "/verdensmaal/",
        "FNs verdensmål",
    )
    assert breadcrumbs(html_of(client, "/kommuner/")) == ([("/", "Forside")], "Kommunerne")


@pytest.mark.django_db
def test_municipality_page_breadcrumbs_lead_back_to_the_municipality_overview(client, site_tree):
    assert breadcrumbs(html_of(client, "/kommuner/vejle/")) == (
        [("/", "Forside"), ("/kommuner/", "Kommunerne")],
        "Vejle",
    )


@pytest.mark.django_db
def test_goal_and_municipality_pages_are_titled_by_what_they_show(client, site_tree):
    assert "<title>13. Klimaindsats – " in html_of(client, "/verdensmaal/13/")
    assert "<title>Vejle – " in html_of(client, "/kommuner/vejle/")
    assert "<title>Verdensmålene – " in html_of(client, "/verdensmaal/")


@pytest.mark.django_db
def test_goal_overview_shows_the_intro_the_editor_wrote(client, site_tree):
    site_tree.goals.intro = "<p>Redaktionens <b>egen</b> indledning om målene.</p>"
    site_tree.goals.save_revision().publish()
    html = html_of(client, "/verdensmaal/")
    assert '<div class="lead"><p>Redaktionens <b>egen</b> indledning om målene.</p></div>' in html


@pytest.mark.django_db
def test_municipality_overview_shows_the_intro_the_editor_wrote(client, site_tree):
    site_tree.municipalities.intro = "<p>Alle landets kommuner.</p>"
    site_tree.municipalities.save_revision().publish()
    assert "<p>Alle landets kommuner.</p>" in html_of(client, "/kommuner/")


@pytest.mark.django_db
def test_a_goal_number_too_large_for_any_goal_answers_404(client, site_tree):
    assert client.get("/verdensmaal/99999999999999999999999/").status_code == 404


@pytest.mark.django_db
def test_header_shows_the_goals_once(client, site_tree):
    nav = re.search(r'<nav class="main-nav".*?</nav>', html_of(client, "/"), re.S).group()
    assert re.findall(r'<a href="([^"]+)"[^>]*>Verdensmål</a>', nav) == ["/verdensmaal/"]
    assert nav.count("Verdensmål") == 1
    assert "Kommunerne" not in nav  # not a section of the header


@pytest.mark.django_db
def test_header_marks_the_goals_current_on_a_goal_page(client, site_tree):
    nav = re.search(r'<nav class="main-nav".*?</nav>', html_of(client, "/verdensmaal/13/"), re.S)
    assert re.search(r'<a href="/verdensmaal/" aria-current="[^"]+">Verdensmål</a>', nav.group())


@pytest.mark.django_db
def test_sitemap_lists_only_goals_and_municipalities_with_something_published(client, tagged):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = "http://localhost/"
    locations = [
        loc.text for loc in ET.fromstring(response.content).findall(".//s:loc", SITEMAP_NS)
    ]
    assert f"{root}verdensmaal/" in locations
    assert f"{root}verdensmaal/13/" in locations  # two cases
    assert f"{root}verdensmaal/17/" in locations  # a case and research
    assert f"{root}verdensmaal/5/" not in locations  # nothing
    assert f"{root}kommuner/" in locations
    assert f"{root}kommuner/vejle/" in locations and f"{root}kommuner/gladsaxe/" in locations
    assert f"{root}kommuner/laesoe/" not in locations  # no case at all


@pytest.mark.django_db
def test_sitemap_leaves_out_a_municipality_whose_only_case_is_a_draft(client, site_tree):
    CasePageFactory(parent=site_tree.cases, municipality=municipality("odense"), live=False)
    assert b"/kommuner/odense/" not in client.get("/sitemap.xml").content


@pytest.mark.django_db
def test_goal_and_municipality_links_follow_an_editor_renaming_the_slug(client, tagged, site_tree):
    site_tree.goals.slug = "maal"
    site_tree.goals.save_revision().publish()
    site_tree.municipalities.slug = "kommunerne"
    site_tree.municipalities.save_revision().publish()
    html = html_of(client, "/cases/")
    assert 'href="/maal/13/"' in html and 'href="/verdensmaal/13/"' not in html
    assert '<a href="/kommunerne/vejle/">Vejle</a>' in html
    assert client.get("/maal/13/").status_code == 200
    assert client.get("/verdensmaal/13/").status_code == 404


@pytest.mark.django_db
def test_pages_render_when_the_site_has_no_goal_or_municipality_page(client, tagged, site_tree):
    site_tree.goals.delete()
    site_tree.municipalities.delete()
    html = html_of(client, "/cases/")
    assert "Klimaplan i Vejle" in html and "/verdensmaal/" not in html.split("<footer")[0]


@pytest.mark.django_db
def test_not_found_page_links_to_the_goal_and_municipality_overviews(client, site_tree):
    html = client.get("/findes-ikke/").content.decode()
    assert '<a href="/verdensmaal/">Se de 17 verdensmål</a>' in html
    assert '<a href="/kommuner/">Se kommunerne</a>' in html


@pytest.mark.django_db
def test_municipality_overview_lists_those_with_cases_and_all_98_by_region(client, tagged):
    html = html_of(client, "/kommuner/")
    with_cases = html.split('id="all-heading"')[0]
    assert re.findall(r'<a href="/kommuner/([a-z-]+)/">', with_cases) == ["gladsaxe", "vejle"]
    all_by_region = html.split('id="all-heading"')[1]
    assert len(re.findall(r'<a href="/kommuner/[a-z-]+/">', all_by_region)) == 98
    assert [region for region in re.findall(r"<h3>([^<]+)</h3>", all_by_region)] == [
        "Region Hovedstaden",
        "Region Midtjylland",
        "Region Nordjylland",
        "Region Sjælland",
        "Region Syddanmark",
    ]


@pytest.mark.django_db
def test_municipality_page_lists_only_its_own_cases_and_research_it_takes_part_in(client, tagged):
    html = html_of(client, "/kommuner/vejle/")
    assert "<h1>Vejle</h1>" in html and "Region Syddanmark" in html
    assert case_titles(html) == ["Klimaplan i Vejle"]
    assert finding_titles(html) == ["Samskabelse om verdensmålene"]


@pytest.mark.django_db
def test_municipality_page_filters_by_goal_and_ignores_bad_goals(client, tagged):
    assert case_titles(html_of(client, "/kommuner/gladsaxe/", goal="17")) == [
        "Partnerskaber i Gladsaxe"
    ]
    assert case_titles(html_of(client, "/kommuner/gladsaxe/", goal="4")) == []
    html = html_of(client, "/kommuner/gladsaxe/", goal="99")
    assert "Verdensmål »99« findes ikke og er ignoreret." in html
    assert case_titles(html) == ["Partnerskaber i Gladsaxe"]


@pytest.mark.django_db
def test_municipality_without_cases_says_so_invites_a_submission_and_is_not_indexed(
    client, site_tree
):
    html = html_of(client, "/kommuner/laesoe/")
    assert "<h1>Læsø</h1>" in html
    assert '<p class="empty">Der er endnu ingen cases fra Læsø.</p>' in html
    assert '<a href="/indsend/">Arbejder Læsø med verdensmålene? Del jeres erfaringer</a>' in html
    assert "Ingen cases matcher" not in html and "filter-panel" not in html
    assert NOINDEX in html


@pytest.mark.django_db
def test_an_empty_municipality_page_with_filters_in_its_url_still_says_it_has_no_cases(
    client, tagged
):
    html = html_of(client, "/kommuner/laesoe/", goal="13")
    assert "Der er endnu ingen cases fra Læsø." in html
    assert "Ingen cases matcher" not in html


@pytest.mark.django_db
def test_goal_without_anything_published_says_so_invites_a_submission_and_is_not_indexed(
    client, tagged
):
    html = html_of(client, "/verdensmaal/5/")
    assert "Der er endnu ingen cases om verdensmål 5, Ligestilling mellem kønnene." in html
    assert '<a href="/indsend/">Arbejder jeres kommune med verdensmål 5? Del jeres' in html
    assert "Ingen cases matcher" not in html and "filter-panel" not in html
    assert NOINDEX in html


@pytest.mark.django_db
def test_goal_and_municipality_pages_with_content_may_be_indexed(client, tagged):
    assert NOINDEX not in html_of(client, "/verdensmaal/13/")
    assert NOINDEX not in html_of(client, "/verdensmaal/17/")  # research is content too
    assert NOINDEX not in html_of(client, "/kommuner/vejle/")


@pytest.fixture
def odense_took_part(site_tree):
    """Odense has no case, but its municipality took part in an event and one of its people
    in research; a draft event and a private one name it too."""
    from wagtail.models import PageViewRestriction

    odense = OrganisationFactory(
        name="Odense Kommune",
        kind="municipality",
        municipality=municipality("odense"),
        website="https://www.odense.dk/",
    )
    researcher = PersonFactory(name="Forsker i Odense", organisation=odense)
    EventPageFactory(parent=site_tree.events, title="Symposium med Odense", participants=[odense])
    EventPageFactory(
        parent=site_tree.events, title="Kladde med Odense", participants=[odense], live=False
    )
    private = EventPageFactory(parent=site_tree.events, title="Lukket møde", participants=[odense])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    ResearchFindingPageFactory(
        parent=site_tree.research, title="Forskning med Odense", researchers=[researcher]
    )
    CasePageFactory(
        parent=site_tree.cases, title="Svendborgs case", municipality=municipality("svendborg")
    )


@pytest.mark.django_db
def test_municipality_page_shows_the_research_and_events_it_took_part_in(client, odense_took_part):
    html = html_of(client, "/kommuner/odense/")
    assert "Der er endnu ingen cases fra Odense." in html
    assert finding_titles(html) == ["Forskning med Odense"]
    assert re.findall(r'<a href="/arrangementer/[^"]+">([^<]+)</a>', html) == [
        "Symposium med Odense"
    ]
    assert '<a href="https://www.odense.dk/">Odense Kommune</a>' in html
    assert NOINDEX not in html


@pytest.mark.django_db
def test_municipality_page_names_its_region_and_its_neighbours_with_cases(client, odense_took_part):
    html = html_of(client, "/kommuner/odense/")
    assert 'Kommune i <a href="/kommuner/#region-syddanmark">Region Syddanmark</a>' in html
    region = html.split('id="region-heading"')[1]
    assert '<a href="/kommuner/svendborg/">Svendborg</a> (1 case)' in region
    assert 'id="region-syddanmark"' in html_of(client, "/kommuner/")


@pytest.mark.django_db
def test_sitemap_lists_a_municipality_that_took_part_in_an_event_or_research(
    client, odense_took_part
):
    assert b"/kommuner/odense/" in client.get("/sitemap.xml").content


@pytest.mark.parametrize("path", ["/kommuner/atlantis/", "/kommuner/%C3%A6%C3%B8/"])
@pytest.mark.django_db
def test_unknown_municipality_answers_404(client, site_tree, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_case_cards_link_to_their_municipality_page(client, tagged):
    html = html_of(client, "/cases/")
    assert '<a href="/kommuner/vejle/">Vejle</a>' in html
