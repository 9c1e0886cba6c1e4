"""The case listing: filters from query parameters, pagination, and bad input."""

import re

import pytest
from django.http import QueryDict

from cases.listing import parse_case_filters
from taxonomy.models import Approach

from .factories import CasePageFactory, ThemeFactory, municipality


def listed_titles(client, url, **params) -> list[str]:
    response = client.get(url, params)
    assert response.status_code == 200
    return re.findall(
        r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def page_html(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def cases(site_tree):
    """Four cases that differ in goals, themes, municipality and approach."""
    climate, housing = ThemeFactory(name="Klima"), ThemeFactory(name="Boliger")
    make = CasePageFactory
    return {
        "guldborgsund": make(
            parent=site_tree.cases,
            title="Guldborgsund",
            municipality=municipality("guldborgsund"),
            approach=Approach.BOTTOM_UP,
            goals=[11, 13],
            themes=[climate],
            work_levels=[3],
        ),
        "gladsaxe": make(
            parent=site_tree.cases,
            title="Gladsaxe",
            municipality=municipality("gladsaxe"),
            approach=Approach.TOP_DOWN,
            goals=[11, 17],
            themes=[climate, housing],
            work_levels=[1],
        ),
        "vejle": make(
            parent=site_tree.cases,
            title="Vejle",
            municipality=municipality("vejle"),
            approach=Approach.HYBRID,
            goals=[13],
            themes=[housing],
            work_levels=[1, 3],
        ),
        "aalborg": make(
            parent=site_tree.cases,
            title="Aalborg",
            municipality=municipality("aalborg"),
            approach=Approach.TOP_DOWN,
            goals=[4],
        ),
    }


@pytest.mark.django_db
def test_without_filters_every_published_case_is_listed_newest_first(client, cases):
    assert listed_titles(client, "/cases/") == ["Aalborg", "Vejle", "Gladsaxe", "Guldborgsund"]


@pytest.mark.django_db
def test_drafts_and_private_cases_are_not_listed(client, site_tree, cases):
    from wagtail.models import PageViewRestriction

    CasePageFactory(parent=site_tree.cases, title="Kladde", live=False)
    PageViewRestriction.objects.create(
        page=cases["vejle"], restriction_type="password", password="x"
    )
    assert listed_titles(client, "/cases/") == ["Aalborg", "Gladsaxe", "Guldborgsund"]


@pytest.mark.django_db
def test_goal_filter_lists_only_cases_with_that_goal(client, cases):
    assert listed_titles(client, "/cases/", goal="13") == ["Vejle", "Guldborgsund"]


@pytest.mark.django_db
def test_several_goals_are_alternatives_and_no_case_is_listed_twice(client, cases):
    titles = listed_titles(client, "/cases/", goal=["11", "13"])
    assert titles == ["Vejle", "Gladsaxe", "Guldborgsund"]
    assert '<h2 id="results-heading">3 cases</h2>' in page_html(
        client, "/cases/", goal=["11", "13"]
    )


@pytest.mark.django_db
def test_theme_filter_lists_only_cases_with_that_theme(client, cases):
    assert listed_titles(client, "/cases/", theme="boliger") == ["Vejle", "Gladsaxe"]


@pytest.mark.django_db
def test_two_themes_shared_by_one_case_list_it_once(client, cases):
    assert listed_titles(client, "/cases/", theme=["klima", "boliger"]) == [
        "Vejle",
        "Gladsaxe",
        "Guldborgsund",
    ]


@pytest.mark.django_db
def test_municipality_filter_lists_only_that_municipalitys_cases(client, cases):
    assert listed_titles(client, "/cases/", municipality="gladsaxe") == ["Gladsaxe"]


@pytest.mark.django_db
def test_approach_filter_lists_only_cases_organised_that_way(client, cases):
    assert listed_titles(client, "/cases/", approach="top-down") == ["Aalborg", "Gladsaxe"]


@pytest.mark.django_db
def test_different_filters_narrow_each_other(client, cases):
    assert listed_titles(client, "/cases/", goal="11", theme="klima", approach="bottom-up") == [
        "Guldborgsund"
    ]
    assert listed_titles(client, "/cases/", goal="4", theme="klima") == []
    assert "Ingen cases matcher de valgte filtre." in page_html(
        client, "/cases/", goal="4", theme="klima"
    )


@pytest.mark.django_db
def test_active_filters_are_shown_each_with_a_link_that_removes_only_it(client, cases):
    html = page_html(client, "/cases/", goal=["11", "13"], theme="klima")
    chips = dict(
        (label.strip(), href)
        for href, label in re.findall(
            r'<a class="chip" href="([^"]+)"><span class="visually-hidden">Fjern filter: </span>'
            r"([^<]+)<",
            html,
        )
    )
    assert chips == {
        "11. Bæredygtige byer og lokalsamfund": "?goal=13&amp;theme=klima",
        "13. Klimaindsats": "?goal=11&amp;theme=klima",
        "Klima": "?goal=11&amp;goal=13",
    }
    assert listed_titles(client, "/cases/?goal=13&theme=klima") == ["Guldborgsund"]


@pytest.mark.django_db
def test_level_filter_lists_only_cases_working_at_that_level(client, cases):
    assert listed_titles(client, "/cases/", level="1") == ["Vejle", "Gladsaxe"]
    assert listed_titles(client, "/cases/", level=["1", "3"]) == [
        "Vejle",
        "Gladsaxe",
        "Guldborgsund",
    ]


def offered(html: str, param: str) -> dict[str, str]:
    """The options a checkbox filter offers: value -> the count shown beside it."""
    return dict(
        re.findall(
            rf'<input type="checkbox" name="{param}" value="([^"]+)"[^>]*>.*?'
            r'<span class="facet-count">\((\d+)<',
            html,
        )
    )


@pytest.mark.django_db
def test_filter_form_shows_the_chosen_filters_as_checked(client, cases):
    html = page_html(client, "/cases/", goal="13", municipality="vejle", approach="hybrid")
    assert '<input type="checkbox" name="goal" value="13" checked>' in html
    assert '<option value="vejle" selected>Vejle (1)</option>' in html
    assert '<input type="checkbox" name="approach" value="hybrid" checked>' in html
    assert (
        '<summary class="filter-panel__toggle"><span class="filter-panel__label">Filtrér ' in html
    )
    assert '<span class="filter-panel__count">(3 valgte)</span>' in html


@pytest.mark.django_db
def test_every_filter_option_says_how_many_cases_it_lists_and_none_lists_nothing(client, cases):
    html = page_html(client, "/cases/")
    assert offered(html, "goal") == {"4": "1", "11": "2", "13": "2", "17": "1"}
    assert offered(html, "theme") == {"boliger": "2", "klima": "2"}
    assert offered(html, "approach") == {"top-down": "2", "bottom-up": "1", "hybrid": "1"}
    assert offered(html, "level") == {"1": "2", "3": "2"}
    assert re.findall(r'<option value="([a-z-]+)">([^<]+)</option>', html) == [
        ("gladsaxe", "Gladsaxe (1)"),
        ("guldborgsund", "Guldborgsund (1)"),
        ("vejle", "Vejle (1)"),
        ("aalborg", "Aalborg (1)"),
    ]


@pytest.mark.django_db
def test_option_counts_apply_the_other_filters_but_not_their_own(client, cases):
    html = page_html(client, "/cases/", approach="top-down")
    assert offered(html, "goal") == {"4": "1", "11": "1", "17": "1"}  # Aalborg and Gladsaxe
    assert offered(html, "approach") == {"top-down": "2", "bottom-up": "1", "hybrid": "1"}


@pytest.mark.django_db
def test_a_chosen_option_that_lists_nothing_stays_offered_so_it_can_be_removed(client, cases):
    html = page_html(client, "/cases/", goal="4", theme="klima")
    assert '<input type="checkbox" name="goal" value="4" checked>' in html
    assert offered(html, "goal") == {"4": "0", "11": "2", "13": "1", "17": "1"}
    assert "Ingen cases matcher de valgte filtre." in html


@pytest.mark.django_db
def test_a_listing_without_any_case_says_so_and_offers_no_filters(client, site_tree):
    html = page_html(client, "/cases/")
    assert '<p class="empty">Der er endnu ingen cases.</p>' in html
    assert "Ingen cases matcher" not in html and "filter-panel" not in html


@pytest.mark.django_db
def test_listing_sorted_by_municipality_runs_a_to_aa_in_danish_order(client, cases, site_tree):
    CasePageFactory(parent=site_tree.cases, title="Ærø", municipality=municipality("aeroe"))
    assert listed_titles(client, "/cases/", sort="municipality") == [
        "Gladsaxe",
        "Guldborgsund",
        "Vejle",
        "Ærø",
        "Aalborg",  # aa is å in Danish: last
    ]
    html = page_html(client, "/cases/", sort="municipality")
    assert '<span aria-current="true">Kommune (A-Å)</span>' in html
    assert '<a href="?">Nyeste</a>' in html


@pytest.mark.django_db
def test_sorting_is_kept_by_the_filter_form_the_chips_and_the_page_links(client, many_cases):
    html = page_html(client, "/cases/", goal="13", sort="municipality", page="2")
    assert '<input type="hidden" name="sort" value="municipality">' in html
    assert '<a class="chip" href="?sort=municipality">' in html
    assert '<a href="?goal=13&amp;sort=municipality&amp;page=3" rel="next">' in html
    assert '<a href="?sort=municipality">Fjern alle filtre</a>' in html
    sort_links = re.search(r'<nav class="sort-options".*?</nav>', html, re.S).group()
    assert '<a href="?goal=13">Nyeste</a>' in sort_links


@pytest.mark.parametrize("sort", ["sideways", "municipality\x00", "x" * 300])
@pytest.mark.django_db
def test_an_unknown_sort_is_ignored_with_a_notice(client, cases, sort):
    html = page_html(client, "/cases/", sort=sort)
    assert "Sorteringen »" in html and "findes ikke og er ignoreret." in html
    assert listed_titles(client, "/cases/", sort=sort) == [
        "Aalborg",
        "Vejle",
        "Gladsaxe",
        "Guldborgsund",
    ]


@pytest.mark.django_db
def test_filter_form_offers_only_municipalities_and_themes_that_have_cases(client, cases):
    ThemeFactory(name="Ubrugt tema")
    html = page_html(client, "/cases/")
    options = re.findall(r'<option value="([a-z-]+)"', html)
    assert options == ["gladsaxe", "guldborgsund", "vejle", "aalborg"]  # Danish order
    assert "Ubrugt tema" not in html and 'value="klima"' in html


@pytest.mark.parametrize(
    "params, notice",
    [
        ({"goal": "abc"}, "Verdensmål »abc« findes ikke og er ignoreret."),
        ({"goal": "99"}, "Verdensmål »99« findes ikke og er ignoreret."),
        ({"goal": "0"}, "Verdensmål »0« findes ikke og er ignoreret."),
        ({"theme": "findes-ikke"}, "Temaet »findes-ikke« findes ikke og er ignoreret."),
        ({"municipality": "atlantis"}, "Kommunen »atlantis« findes ikke og er ignoreret."),
        ({"approach": "sideways"}, "Organiseringen »sideways« findes ikke og er ignoreret."),
        ({"level": "9"}, "Arbejdsniveauet »9« findes ikke og er ignoreret."),
        ({"level": "one"}, "Arbejdsniveauet »one« findes ikke og er ignoreret."),
        ({"theme": "klima\x00"}, "Temaet »klima\ufffd« findes ikke og er ignoreret."),
        ({"theme": "\x00"}, "Temaet »\ufffd« findes ikke og er ignoreret."),
        ({"goal": "13\x00"}, "Verdensmål »13\ufffd« findes ikke og er ignoreret."),
        ({"municipality": "vejle\x00"}, "Kommunen »vejle\ufffd« findes ikke og er ignoreret."),
        (
            {"approach": "hybrid\x00"},
            "Organiseringen »hybrid\ufffd« findes ikke og er ignoreret.",
        ),
        ({"page": "1\x00"}, "Sidetallet »1\ufffd« er ugyldigt; her er side 1."),
        (
            {"municipality": "Vejle Kommune"},
            "Kommunen »Vejle Kommune« findes ikke og er ignoreret.",
        ),
    ],
)
@pytest.mark.django_db
def test_unusable_filter_values_are_ignored_with_a_visible_notice(client, cases, params, notice):
    html = page_html(client, "/cases/", **params)
    assert notice in html
    assert len(listed_titles(client, "/cases/", **params)) == 4


@pytest.mark.django_db
def test_a_bad_value_beside_a_good_one_keeps_the_good_one(client, cases):
    html = page_html(client, "/cases/", goal=["abc", "13"])
    assert "Verdensmål »abc« findes ikke" in html
    assert listed_titles(client, "/cases/", goal=["abc", "13"]) == ["Vejle", "Guldborgsund"]


@pytest.mark.django_db
def test_a_very_long_bad_value_is_shortened_in_the_notice(client, cases):
    html = page_html(client, "/cases/", theme="x" * 5000)
    assert "x" * 39 + "…" in html and "x" * 100 not in html


@pytest.fixture
def many_cases(site_tree, settings):
    settings.CASES_PER_PAGE = 2
    for number in range(5):
        CasePageFactory(parent=site_tree.cases, title=f"Case {number}", goals=[13])


@pytest.mark.django_db
def test_listing_is_paginated_and_page_links_keep_the_filters(client, many_cases):
    assert listed_titles(client, "/cases/", goal="13") == ["Case 4", "Case 3"]
    assert listed_titles(client, "/cases/", goal="13", page="3") == ["Case 0"]
    html = page_html(client, "/cases/", goal="13", page="2")
    assert '<a href="?goal=13&amp;page=3" rel="next">Næste</a>' in html
    assert '<a href="?goal=13&amp;page=1" rel="prev">Forrige</a>' in html
    assert '<span aria-current="page">2</span>' in html


@pytest.mark.django_db
def test_a_page_beyond_the_last_shows_the_last_page_with_a_notice(client, many_cases):
    html = page_html(client, "/cases/", page="999999")
    assert "Der er kun 3 sider; her er den sidste." in html
    assert listed_titles(client, "/cases/", page="999999") == ["Case 0"]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "٣"])
@pytest.mark.django_db
def test_a_malformed_page_number_shows_the_first_page_with_a_notice(client, many_cases, page):
    html = page_html(client, "/cases/", page=page)
    assert f"Sidetallet »{page}« er ugyldigt; her er side 1." in html
    assert listed_titles(client, "/cases/", page=page) == ["Case 4", "Case 3"]


@pytest.mark.django_db
def test_case_listing_announces_and_links_its_rss_feed(client, site_tree):
    html = page_html(client, "/cases/")
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/rss/cases/"' in html


@pytest.mark.django_db
def test_parsed_filters_keep_order_drop_duplicates_and_report_the_rest(site_tree):
    filters = parse_case_filters(
        QueryDict(
            "goal=13&goal=2&goal=02&goal=013&goal=18&goal=abc&municipality=vejle&approach=hybrid"
        )
    )
    assert [goal.number for goal in filters.values("goal")] == [2, 13]
    assert [m.slug for m in filters.values("municipality")] == ["vejle"]
    assert filters.values("approach") == ["hybrid"]
    assert filters.notices == [
        "Verdensmål »013« findes ikke og er ignoreret.",
        "Verdensmål »18« findes ikke og er ignoreret.",
        "Verdensmål »abc« findes ikke og er ignoreret.",
    ]


@pytest.mark.django_db
def test_parsing_reads_only_the_allowed_parameters(site_tree):
    filters = parse_case_filters(QueryDict("goal=abc&theme=x"), allowed=("approach",))
    assert filters.values("goal") == [] and filters.values("theme") == []
    assert filters.notices == []


@pytest.mark.django_db
def test_a_flood_of_bad_values_gives_a_few_notices(client, cases):
    html = page_html(client, "/cases/", theme=[f"tema-{number}" for number in range(5000)])
    assert html.count("findes ikke og er ignoreret.") == 3
    assert "4997 andre ugyldige værdier er også ignoreret." in html


@pytest.mark.django_db
def test_comma_separated_values_are_alternatives_as_in_search(client, cases):
    assert listed_titles(client, "/cases/", goal="17,13") == ["Vejle", "Gladsaxe", "Guldborgsund"]


@pytest.mark.django_db
def test_a_goal_number_with_a_leading_zero_redirects_to_the_canonical_goal_page(client, cases):
    response = client.get("/verdensmaal/01/?approach=hybrid")
    assert response.status_code == 301
    assert response["Location"] == "/verdensmaal/1/?approach=hybrid"
    assert client.get("/verdensmaal/1/").status_code == 200
    assert client.get("/verdensmaal/018/").status_code == 404
