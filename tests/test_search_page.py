"""The search page /soeg/: results with highlights, facets with counts, filters, notices."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core import content_version

from .factories import CasePageFactory, EventPageFactory, ThemeFactory, municipality, promote


def rebuild_index():
    call_command("search_index", "--rebuild", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def indexed(site_tree):
    climate = ThemeFactory(name="Klima", slug="klima")
    CasePageFactory(
        parent=site_tree.cases,
        title="Klimaplan for kommunen",
        summary="Kommunen lavede en klimaplan med borgerne.",
        municipality=municipality("gladsaxe"),
        goals=[13],
        themes=[climate],
    )
    CasePageFactory(
        parent=site_tree.cases,
        title="Rent vand",
        summary="Vandværket og kommunen samarbejder.",
        municipality=municipality("guldborgsund"),
        goals=[6],
    )
    EventPageFactory(parent=site_tree.events, title="Symposium", summary="Om klimaplaner.")
    rebuild_index()


def page(client, **params):
    response = client.get("/soeg/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_result_dates_and_years_are_the_content_dates_in_danish_for_an_english_browser(
    client, site_tree
):
    CasePageFactory(
        parent=site_tree.cases,
        title="Fortalt ved symposiet",
        date=datetime.date(2021, 1, 28),  # published today
    )
    rebuild_index()
    response = client.get("/soeg/", {"q": "symposiet"}, HTTP_ACCEPT_LANGUAGE="en-US,en")
    html = response.content.decode()
    assert '<time datetime="2021-01-28">28. januar 2021</time>' in html
    assert "January" not in html
    assert facet_options(html, "År") == {"2021": 1}


def test_results_show_highlighted_snippets(client, indexed):
    html = page(client, q="klimaplan")
    assert "2 resultater for »klimaplan«" in html
    assert "<mark>klimaplan</mark>" in html
    assert 'href="/cases/' in html


def facet_options(html: str, legend: str) -> dict[str, str]:
    """The options of the facet with this legend: label -> count, as a reader sees them."""
    fieldset = re.search(rf"<legend>{legend}</legend>(.*?)</fieldset>", html, re.S)
    assert fieldset, f"no facet {legend!r}"
    options = re.findall(
        r"<li><label><input[^>]*>\s*(.*?)\s*<span class=\"facet-count\">\((\d+)<",
        fieldset.group(1),
        re.S,
    )
    return {re.sub(r"<[^>]+>", "", label).strip(): int(count) for label, count in options}


def test_facets_show_danish_labels_with_counts(client, indexed):
    html = page(client, q="kommunen")
    assert facet_options(html, "Verdensmål")["13 Klimaindsats"] == 1
    assert facet_options(html, "Kommune") == {"Gladsaxe": 1, "Guldborgsund": 1}
    assert facet_options(html, "Tema") == {"Klima": 1}
    assert facet_options(html, "Indholdstype")["Cases"] == 2


def test_ticked_filter_is_checked_and_removable(client, indexed):
    html = page(client, q="kommunen", goal="13")
    assert "1 resultat for »kommunen«" in html
    assert 'value="13" checked' in html
    assert 'href="?q=kommunen"' in html  # the chip that removes the goal


def test_invalid_filter_values_are_ignored_with_a_danish_notice(client, indexed):
    html = page(client, q="kommunen", goal="abc", theme="findes-ikke", page="x")
    assert "2 resultater for »kommunen«" in html
    assert "Verdensmål »abc« findes ikke og er ignoreret." in html
    assert "Temaet »findes-ikke« findes ikke og er ignoreret." in html
    assert "Sidetallet »x« er ugyldigt; her er side 1." in html
    assert "goal=&#x27;abc&#x27;" not in html  # no Python repr with English names


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"theme": "\x00"}, "Temaet »\ufffd« findes ikke og er ignoreret."),
        ({"q": "kommune", "theme": "x\x00"}, "Temaet »x\ufffd« findes ikke og er ignoreret."),
        ({"goal": "13\x00"}, "Verdensmål »13\ufffd« findes ikke og er ignoreret."),
        ({"municipality": "vejle\x00"}, "Kommunen »vejle\ufffd« findes ikke og er ignoreret."),
        ({"approach": "hybrid\x00"}, "Organiseringen »hybrid\ufffd« findes ikke og er ignoreret."),
        ({"year": "2021\x00"}, "Året »2021\ufffd« findes ikke og er ignoreret."),
        ({"type": "case\x00"}, "Indholdstypen »case\ufffd« findes ikke og er ignoreret."),
        ({"page": "2\x00"}, "Sidetallet »2\ufffd« er ugyldigt; her er side 1."),
    ],
)
def test_a_nul_character_in_a_filter_is_ignored_with_a_notice(client, indexed, params, notice):
    assert notice in page(client, **params)


def test_a_nul_character_in_the_text_is_a_space(client, indexed):
    assert "2 resultater for »klimaplan«" in page(client, q="\x00klimaplan\x00")


def test_a_flood_of_bad_values_gives_a_few_notices(client, indexed):
    html = page(client, q="kommunen", theme=[f"tema-{number}" for number in range(5000)])
    assert html.count("findes ikke og er ignoreret.") == 3
    assert "4997 andre ugyldige værdier er også ignoreret." in html
    assert "2 resultater for »kommunen«" in html


def test_zero_results_offer_a_correction_removing_filters_and_goals(client, indexed):
    html = page(client, q="glaadsaxe", type="event")
    assert "Vi fandt ingen sider for »glaadsaxe«" in html
    assert 'href="?q=gladsaxe&amp;type=event"' in html  # did you mean, keeping the filter
    assert 'href="?q=glaadsaxe"' in html  # remove the filters
    assert 'href="?goal=17"' in html  # browse by goal


def test_unreachable_elasticsearch_shows_a_notice_and_database_results(client, indexed, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.SEARCH_BACKEND = "elasticsearch"
    html = page(client, q="klimaplan")
    assert "Søgemaskinen svarer ikke lige nu; resultaterne kan være ufuldstændige" in html
    assert "<mark>klimaplan</mark>" in html


def test_sort_by_newest_is_offered_and_kept_by_the_filter_form(client, indexed):
    html = page(client, q="kommunen")
    assert 'href="?q=kommunen&amp;sort=newest"' in html
    html = page(client, q="kommunen", sort="newest")
    assert '<input type="hidden" name="sort" value="newest">' in html


def test_results_are_paginated(client, site_tree):
    for number in range(12):
        CasePageFactory(parent=site_tree.cases, title=f"Affald {number}")
    rebuild_index()
    first = page(client, q="affald")
    assert first.count('class="search-result"') == 10
    assert 'href="?q=affald&amp;page=2"' in first
    assert page(client, q="affald", page="2").count('class="search-result"') == 2


def test_a_huge_query_shows_that_nothing_was_found(client, indexed):
    html = page(client, q="x" * 10_000)
    assert "Vi fandt ingen sider for »" + "x" * 79 + "…«." in html


def test_search_syntax_in_a_query_is_read_as_plain_words(client, indexed):
    html = page(client, q='(klimaplan) * \\ "')
    assert "2 resultater for »(klimaplan) * \\ &quot;«" in html
    assert "<mark>klimaplan</mark>" in html


def queries_for_search_page(client, expected_hits):
    content_version.bump()  # each count reads what a change makes every process read again
    with CaptureQueriesContext(connection) as context:
        html = page(client, q="sag", theme="klima", goal="13")
    assert f"{expected_hits} resultater for »sag«" in html
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_the_number_of_hits(client, site_tree):
    climate = ThemeFactory(name="Klima", slug="klima")

    def add_cases(numbers):
        for number in numbers:
            CasePageFactory(
                parent=site_tree.cases, title=f"Sag {number}", goals=[13], themes=[climate]
            )
        rebuild_index()

    add_cases(range(2))
    with_two = queries_for_search_page(client, 2)
    add_cases(range(2, 12))
    assert queries_for_search_page(client, 12) == with_two


def test_approach_facet_filters_and_shows_a_removable_chip(client, indexed):
    html = page(client, q="kommunen", approach="top-down")
    assert "2 resultater for »kommunen«" in html
    assert 'name="approach" value="top-down" checked' in html
    assert "Organisering: Top-down" in html
    assert 'href="?q=kommunen"' in html


# Promoted results and the one search box ----------------------------------------------------


def test_promoted_pages_are_shown_above_the_hits_and_not_counted(client, search_catalogue):
    promote("Klimaplan", search_catalogue["water"], "Vand er også klima.")
    html = page(client, q="klimaplan")
    promotions = re.search(r'<section class="search-promotions".*?</section>', html, re.S)
    assert promotions, "no promoted results"
    assert '<h3 id="promotions-heading">Anbefalet</h3>' in promotions.group()
    assert "Rent vand i kommunerne" in promotions.group()
    assert "Vand er også klima." in promotions.group()
    assert html.index("search-promotions") < html.index('class="search-results"')
    assert "1 resultat for »klimaplan«" in html
    assert "Rent vand i kommunerne" not in html[html.index('class="search-results"') :]


def test_a_promoted_page_that_is_not_live_and_public_is_not_shown(client, search_catalogue):
    cases = search_catalogue["plan"].get_parent()
    draft = CasePageFactory(parent=cases, title="Kladde", live=False)
    private = CasePageFactory(parent=cases, title="Lukket")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    promote("klimaplan", draft)
    promote("klimaplan", private)
    html = page(client, q="klimaplan")
    assert "Anbefalet" not in html
    assert "Kladde" not in html and "Lukket" not in html


def test_a_promoted_link_to_another_site_is_shown_with_its_text(client, search_catalogue):
    promote(
        "klimaplan",
        external_link_url="https://www.kl.dk/klima",
        external_link_text="KL om klimaplaner",
        description="Kommunernes Landsforening.",
    )
    html = page(client, q="klimaplan")
    promotions = re.search(r'<section class="search-promotions".*?</section>', html, re.S)
    assert promotions, "no promoted results"
    assert '<a href="https://www.kl.dk/klima">KL om klimaplaner</a>' in promotions.group()
    assert "Kommunernes Landsforening." in promotions.group()


def test_promotions_answer_only_their_own_query(client, search_catalogue):
    promote("vand", search_catalogue["water"])
    assert "Anbefalet" not in page(client, q="klimaplan")
    assert "Anbefalet" in page(client, q="  VAND ")


def test_a_promotion_added_or_removed_shows_on_the_next_search(client, search_catalogue):
    assert "Anbefalet" not in page(client, q="vand")
    promotion = promote("vand", search_catalogue["water"])
    assert "Anbefalet" in page(client, q="vand")
    promotion.delete()
    assert "Anbefalet" not in page(client, q="vand")


def test_the_search_page_has_one_search_box_with_autocomplete(client, search_catalogue):
    html = page(client, q="klimaplan")
    assert html.count('role="search"') == 1
    assert html.count('type="search"') == 1
    assert 'data-suggest-url="/api/search/suggest/"' in html
    assert 'id="site-search"' not in html


def test_other_pages_keep_the_headers_search_box(client, search_catalogue):
    html = client.get(search_catalogue["plan"].url).content.decode()
    assert 'id="site-search"' in html
