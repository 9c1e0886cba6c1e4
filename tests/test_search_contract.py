"""The search contract, run against every backend: the database one (on SQLite or PostgreSQL,
whichever DATABASE_URL names) and Elasticsearch (ELASTICSEARCH_URL; skipped when absent,
except with CI=true, where it must run).

Each test builds its pages, then rebuilds the backend's index from them, as
`search_index --rebuild` does; the sync tests instead publish, move and delete pages and let
the signals update the index.
"""

import contextlib
import datetime
import time

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cases.models import CasePage, ResearchFindingPage
from search import index_sync
from search.audience import ANONYMOUS, Audience
from search.backends import get_backend
from search.backends.base import SearchQuery
from search.facets import FACET_NAMES, FACETS

from .factories import (
    CaseIndexPageFactory,
    CasePageFactory,
    EventPageFactory,
    OrganisationFactory,
    PersonFactory,
    ResearchFindingPageFactory,
    StandardPageFactory,
    ThemeFactory,
    municipality,
    rich_text_section,
)


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend(request, settings, db):
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_URL = request.getfixturevalue("elasticsearch_url")
        # The sync signals write to the primary backend (and always to the database one).
        settings.SEARCH_BACKEND = "elasticsearch"
    return get_backend(request.param)


@pytest.fixture
def committed(backend, after_commit):
    """`with committed(): ...` commits the block's page changes as a request would: the
    after-commit index updates run, and the backend's index is refreshed for the next search."""

    @contextlib.contextmanager
    def commit():
        with after_commit():
            yield
        backend.refresh()

    return commit


def rebuild(backend):
    documents = index_sync.all_documents()
    backend.rebuild(documents, len(documents), None)
    backend.refresh()


def search(backend, text="", sort="relevance", page=1, per_page=10, synonyms=(), **filters):
    """Filters by facet name: search(backend, goal=(13,), theme=("klima",))."""
    query = SearchQuery(
        text=text, filters=filters, sort=sort, page=page, per_page=per_page, synonyms=synonyms
    )
    return backend.search(query)


def titles(results):
    return [hit.title for hit in results.hits]


def published(days_ago: int):
    return timezone.now() - datetime.timedelta(days=days_ago)


def case(parent, title, **fields):
    fields.setdefault("first_published_at", published(10))
    return CasePageFactory(parent=parent, title=title, **fields)


@pytest.fixture
def themes(db):
    return {
        "klima": ThemeFactory(name="Klima", slug="klima"),
        "partnerskaber": ThemeFactory(name="Partnerskaber", slug="partnerskaber"),
        "uddannelse": ThemeFactory(name="Uddannelse", slug="uddannelse"),
    }


@pytest.fixture
def catalogue(site_tree, themes):
    """Four cases, a research finding and an event with known goals, themes and places."""
    return {
        "klimaplan": case(
            site_tree.cases,
            "Klimaplan med borgerne",
            municipality=municipality("gladsaxe"),
            summary="Kommunen lavede en klimaplan sammen med borgere og virksomheder.",
            goals=[13, 11],
            themes=[themes["klima"]],
            first_published_at=published(30),
        ),
        "partnerskab": case(
            site_tree.cases,
            "Partnerskaber om vand",
            municipality=municipality("guldborgsund"),
            summary="Et partnerskab mellem forsyningen og landbruget om rent drikkevand.",
            goals=[6, 17],
            themes=[themes["partnerskaber"], themes["klima"]],
            first_published_at=published(20),
        ),
        "skole": case(
            site_tree.cases,
            "Verdensmål i skolen",
            municipality=municipality("aalborg"),
            summary="Eleverne arbejder med verdensmålene i alle fag.",
            goals=[4],
            themes=[themes["uddannelse"]],
            first_published_at=published(5),
        ),
        "energi": case(
            site_tree.cases,
            "Energirenovering af kommunale bygninger",
            municipality=municipality("gladsaxe"),
            summary="Kommunens bygninger bruger mindre energi efter renoveringen.",
            goals=[7, 13],
            themes=[themes["klima"]],
            first_published_at=published(1),
        ),
        "forskning": ResearchFindingPageFactory(
            parent=site_tree.research,
            title="Samskabelse omkring verdensmålene",
            summary="Forskning i, hvordan kommunerne samskaber med borgerne.",
            goals=[11, 17],
            themes=[themes["partnerskaber"]],
            first_published_at=published(40),
        ),
        "symposium": EventPageFactory(
            parent=site_tree.events,
            title="Symposium om rapportering",
            summary="Rapportering af værdiskabelsen i kommunernes arbejde med verdensmålene.",
        ),
    }


# Relevance and language ------------------------------------------------------------------


def test_inflected_words_find_their_base_form(backend, site_tree):
    case(site_tree.cases, "Arbejdet i én kommune", summary="Hver kommune har sin strategi.")
    case(site_tree.cases, "Målene", summary="Vi arbejder med et verdensmål ad gangen.")
    rebuild(backend)
    assert titles(search(backend, "kommunernes")) == ["Arbejdet i én kommune"]
    assert titles(search(backend, "verdensmålene")) == ["Målene"]


def test_title_match_outranks_body_match(backend, site_tree):
    case(
        site_tree.cases,
        "Cykelstier i byen",
        summary="Nye stier.",
        body=[rich_text_section("challenge", "Om vandløb.")],
    )
    case(
        site_tree.cases,
        "Vandløb i byen",
        summary="Åbne vandløb.",
        body=[rich_text_section("challenge", "Om cykelstier.")],
    )
    rebuild(backend)
    assert titles(search(backend, "vandløb"))[0] == "Vandløb i byen"


@pytest.mark.parametrize("filters", [{}, {"municipality": ("gladsaxe",)}], ids=["all", "filtered"])
def test_pages_holding_every_word_rank_above_pages_holding_some(backend, site_tree, filters):
    # Each title match of one word would outrank a body match of both, were it not for the
    # rule that the pages holding every word come first.
    case(site_tree.cases, "Klimaplan og klimaplan", summary="Klimaplan for kommunen.")
    case(site_tree.cases, "Borgerne og borgerne", summary="Borgerne i kommunen.")
    case(
        site_tree.cases,
        "Et møde",
        summary="Et møde i byen.",
        body=[rich_text_section("challenge", "Om en klimaplan for borgerne.")],
    )
    case(site_tree.cases, "Noget helt andet", summary="Cykelstier.")
    rebuild(backend)
    results = search(backend, "klimaplan borgerne", **filters)
    assert titles(results)[0] == "Et møde"
    assert set(titles(results)[1:]) == {"Klimaplan og klimaplan", "Borgerne og borgerne"}
    assert results.count == 3


@pytest.mark.parametrize("text", ["mål 11", "verdensmål 11", "Verdensmål 11", "SDG 11", "goal 11"])
def test_a_goal_named_in_the_query_finds_the_pages_tagged_with_it(backend, catalogue, text):
    rebuild(backend)
    results = search(backend, text)
    assert set(titles(results)) == {"Klimaplan med borgerne", "Samskabelse omkring verdensmålene"}
    assert results.count == 2


def test_a_goal_and_a_word_rank_the_pages_with_both_first(backend, catalogue):
    rebuild(backend)
    results = search(backend, "klimaplan mål 11")
    assert titles(results) == ["Klimaplan med borgerne", "Samskabelse omkring verdensmålene"]


def test_a_number_alone_is_a_word_not_a_goal(backend, site_tree):
    case(site_tree.cases, "Skolerne", summary="Kommunen har 11 skoler.", goals=[4])
    case(site_tree.cases, "Byerne", summary="Byerne vokser.", goals=[11])
    rebuild(backend)
    assert titles(search(backend, "11")) == ["Skolerne"]
    assert titles(search(backend, "mål 11")) == ["Byerne"]


def test_a_synonym_finds_the_pages_holding_another_word_of_its_set(backend, site_tree):
    case(site_tree.cases, "Netværket", summary="Kontingentet er 10.000 kr. om året.")
    case(site_tree.cases, "Arrangementet", summary="Prisen er 500 kr.")
    case(site_tree.cases, "Byerne", summary="Byerne vokser.")
    case(site_tree.cases, "FN", summary="FN's mål for byerne.")
    rebuild(backend)
    synonyms = (("kontingent", "pris", "medlemskab"), ("SDG", "verdensmål", "FN's mål"))
    assert set(titles(search(backend, "medlemskab", synonyms=synonyms))) == {
        "Netværket",
        "Arrangementet",
    }
    assert set(titles(search(backend, "prisen", synonyms=synonyms))) == {
        "Netværket",
        "Arrangementet",
    }
    assert titles(search(backend, "verdensmål", synonyms=synonyms)) == ["FN"]
    assert search(backend, "medlemskab").count == 0


def test_editors_synonyms_apply_to_the_next_search(backend, site_tree):
    from search import service
    from search.models import SynonymSet

    case(site_tree.cases, "Netværket", summary="Kontingentet er 10.000 kr. om året.")
    index_sync.rebuild(backend)  # and applies the outbox: the index is in step for search
    backend.refresh()
    assert service.search(SearchQuery(text="medlemskab")).count == 0
    synonyms = SynonymSet.objects.create(words="kontingent, pris, medlemskab")
    results = service.search(SearchQuery(text="medlemskab"))
    assert (results.backend, titles(results)) == (backend.name, ["Netværket"])
    synonyms.delete()
    assert service.search(SearchQuery(text="medlemskab")).count == 0


def test_names_of_people_and_organisations_find_the_pages_naming_them(backend, site_tree):
    line = PersonFactory(name="Line Vind")
    jannik = PersonFactory(name="Jannik Egelund")
    case(site_tree.cases, "Verdensmål i Gladsaxe", contacts=[line])
    ResearchFindingPageFactory(
        parent=site_tree.research,
        title="Samskabelse",
        researchers=[jannik],
        partners=[OrganisationFactory(name="Gjerulff Bak")],
    )
    EventPageFactory(
        parent=site_tree.events,
        title="Symposium",
        programme=[
            {"type": "item", "value": {"title": "Oplæg", "speaker": line.pk, "description": ""}}
        ],
    )
    rebuild(backend)
    assert set(titles(search(backend, "Line Vind"))) == {"Verdensmål i Gladsaxe", "Symposium"}
    assert titles(search(backend, "Jannik Egelund")) == ["Samskabelse"]
    assert titles(search(backend, "Gjerulff")) == ["Samskabelse"]


def test_renaming_a_person_reaches_the_pages_naming_them(backend, site_tree, committed):
    person = PersonFactory(name="Line Vind")
    case(site_tree.cases, "Verdensmål i Gladsaxe", contacts=[person])
    rebuild(backend)
    assert titles(search(backend, "Vind")) == ["Verdensmål i Gladsaxe"]
    person.name = "Line Blæst"
    with committed():
        person.save()
    assert titles(search(backend, "Blæst")) == ["Verdensmål i Gladsaxe"]
    assert search(backend, "Vind").count == 0


def test_highlight_marks_the_matching_words_and_escapes_html(backend, site_tree):
    case(
        site_tree.cases,
        "Affald",
        summary="Sortering af affald <script>alert(1)</script> i alle kommunernes skoler.",
    )
    rebuild(backend)
    highlight = search(backend, "kommune").hits[0].highlight
    assert "<mark>kommunernes</mark>" in highlight
    assert "<script>" not in highlight


def test_misspelt_word_gets_a_suggestion(backend, catalogue):
    rebuild(backend)
    results = search(backend, "glaadsaxe")
    assert results.count == 0
    assert results.suggestion == "gladsaxe"


# Facets and filters -----------------------------------------------------------------------


def real_goal_counts():
    counts = {}
    for model in (CasePage, ResearchFindingPage):
        for page in model.objects.live().public().prefetch_related("goals"):
            for goal in page.goals.all():
                counts[str(goal.number)] = counts.get(str(goal.number), 0) + 1
    return counts


def test_facet_counts_equal_the_real_numbers_of_pages(backend, catalogue):
    rebuild(backend)
    results = search(backend)
    assert results.count == 6
    assert results.facets["goal"] == real_goal_counts()
    assert results.facets["theme"] == {"klima": 3, "partnerskaber": 2, "uddannelse": 1}
    assert results.facets["municipality"] == {"gladsaxe": 2, "guldborgsund": 1, "aalborg": 1}
    assert results.facets["type"] == {"case": 4, "research": 1, "event": 1}
    assert set(results.facets) == set(FACET_NAMES)


def test_facet_counts_follow_the_text_query(backend, catalogue):
    rebuild(backend)
    results = search(backend, "borgerne")
    assert results.count == 2  # the climate plan case and the research finding
    assert results.facets["type"] == {"case": 1, "research": 1}
    assert results.facets["goal"] == {"11": 2, "13": 1, "17": 1}
    assert results.facets["municipality"] == {"gladsaxe": 1}


def test_values_of_one_facet_combine_with_or_and_facets_with_and(backend, catalogue):
    rebuild(backend)
    either_goal = search(backend, goal=(4, 6))
    assert sorted(titles(either_goal)) == ["Partnerskaber om vand", "Verdensmål i skolen"]
    goal_and_place = search(backend, goal=(13,), municipality=("gladsaxe", "aalborg"))
    assert sorted(titles(goal_and_place)) == [
        "Energirenovering af kommunale bygninger",
        "Klimaplan med borgerne",
    ]
    assert titles(search(backend, goal=(13,), theme=("uddannelse",))) == []
    assert titles(search(backend, type=("research",))) == ["Samskabelse omkring verdensmålene"]


def test_a_facets_counts_ignore_its_own_filter_but_apply_the_others(backend, catalogue):
    rebuild(backend)
    results = search(backend, goal=(13,), theme=("klima",))
    assert results.count == 2
    # goal counts: all klima pages, whatever their goal
    assert results.facets["goal"] == {"6": 1, "7": 1, "11": 1, "13": 2, "17": 1}
    # theme counts: all goal-13 pages, whatever their theme
    assert results.facets["theme"] == {"klima": 2}
    assert results.facets["municipality"] == {"gladsaxe": 2}


def in_year(year: int) -> datetime.date:
    return datetime.date(year, 6, 1)


@pytest.fixture
def approaches_and_years(site_tree):
    """Four cases of three approaches dated in two years, and a research finding (no approach),
    all published on this site this year: the year is the content's date, not the publication."""
    for title, approach, year in [
        ("Strategi fra toppen", "top-down", 2021),
        ("Ildsjæle i forvaltningen", "bottom-up", 2021),
        ("Både og", "hybrid", 2023),
        ("Borgerne først", "bottom-up", 2023),
    ]:
        case(site_tree.cases, title, approach=approach, date=in_year(year))
    ResearchFindingPageFactory(
        parent=site_tree.research,
        title="Forskning i organisering",
        date=in_year(2023),
    )


def test_approach_and_year_facets_count_the_pages(backend, approaches_and_years):
    rebuild(backend)
    results = search(backend)
    assert results.facets["approach"] == {"top-down": 1, "bottom-up": 2, "hybrid": 1}
    assert results.facets["year"] == {"2021": 2, "2023": 3}


def test_approach_and_year_filter_and_count_like_the_other_facets(backend, approaches_and_years):
    rebuild(backend)
    bottom_up = search(backend, approach=("bottom-up",))
    assert sorted(titles(bottom_up)) == ["Borgerne først", "Ildsjæle i forvaltningen"]
    assert bottom_up.facets["approach"] == {"top-down": 1, "bottom-up": 2, "hybrid": 1}
    assert bottom_up.facets["year"] == {"2021": 1, "2023": 1}
    results = search(backend, approach=("bottom-up", "hybrid"), year=(2021,))
    assert titles(results) == ["Ildsjæle i forvaltningen"]
    assert results.count == 1
    assert results.facets["approach"] == {"top-down": 1, "bottom-up": 1}  # 2021's pages
    assert results.facets["year"] == {"2021": 1, "2023": 2}  # bottom-up or hybrid pages
    assert results.facets["type"] == {"case": 1}


def test_filtering_on_the_seventieth_theme_finds_its_pages(backend, site_tree):
    themes = [ThemeFactory(name=f"Tema {n:02d}", slug=f"tema-{n:02d}") for n in range(1, 71)]
    case(site_tree.cases, "Alle temaer", themes=themes)
    case(site_tree.cases, "Kun det sidste tema", themes=[themes[-1]])
    case(site_tree.cases, "Kun det første tema", themes=[themes[0]])
    rebuild(backend)
    last = search(backend, theme=("tema-70",))
    assert sorted(titles(last)) == ["Alle temaer", "Kun det sidste tema"]
    assert last.facets["theme"]["tema-70"] == 2
    assert last.facets["theme"]["tema-01"] == 2
    either = search(backend, theme=("tema-01", "tema-69"))
    assert sorted(titles(either)) == ["Alle temaer", "Kun det første tema"]


def test_a_new_theme_is_filterable_after_many_have_come_and_gone(backend, site_tree, committed):
    old_themes = [ThemeFactory(name=f"Gammel {n:02d}", slug=f"gammel-{n:02d}") for n in range(64)]
    old = case(site_tree.cases, "Gammel sag", themes=old_themes)
    rebuild(backend)
    with committed():
        old.unpublish()
    fresh = ThemeFactory(name="Nyt tema", slug="nyt-tema")
    with committed():
        case(site_tree.cases, "Ny sag", themes=[fresh], live=False).save_revision().publish()
    results = search(backend, theme=("nyt-tema",))
    assert titles(results) == ["Ny sag"]
    assert results.facets["theme"] == {"nyt-tema": 1}


def test_empty_query_with_filters_browses_newest_first(backend, catalogue):
    rebuild(backend)
    results = search(backend, theme=("klima",))
    assert titles(results) == [
        "Energirenovering af kommunale bygninger",
        "Partnerskaber om vand",
        "Klimaplan med borgerne",
    ]


def test_sort_newest_orders_matches_by_date(backend, catalogue):
    rebuild(backend)
    results = search(backend, "verdensmålene", sort="newest")
    dates = [hit.date for hit in results.hits]
    assert len(dates) >= 2
    assert dates == sorted(dates, reverse=True)


def test_an_undated_page_has_no_year_and_comes_last_among_the_newest(backend, site_tree):
    case(site_tree.cases, "Udateret verdensmålsarbejde", date=None)
    case(site_tree.cases, "Gammelt verdensmålsarbejde", date=datetime.date(2021, 1, 28))
    rebuild(backend)
    results = search(backend, "verdensmålsarbejde", sort="newest")
    assert titles(results) == ["Gammelt verdensmålsarbejde", "Udateret verdensmålsarbejde"]
    assert [hit.date for hit in results.hits] == [datetime.date(2021, 1, 28), None]
    assert results.facets["year"] == {"2021": 1}


def test_pages_of_results_do_not_overlap_and_keep_the_count(backend, site_tree):
    for number in range(7):
        case(site_tree.cases, f"Affaldssortering {number}", first_published_at=published(number))
    rebuild(backend)
    pages = [search(backend, "affaldssortering", page=n, per_page=3) for n in (1, 2, 3)]
    assert [len(page.hits) for page in pages] == [3, 3, 1]
    assert {page.count for page in pages} == {7}
    seen = [hit.page_id for page in pages for hit in page.hits]
    assert len(set(seen)) == 7
    assert search(backend, "affaldssortering", page=4, per_page=3).hits == []


def test_hits_carry_what_a_result_list_shows(backend, catalogue):
    rebuild(backend)
    (hit,) = search(backend, "klimaplan").hits
    assert hit.title == "Klimaplan med borgerne"
    assert hit.url == catalogue["klimaplan"].url
    assert hit.type == "case"
    assert hit.goals == [11, 13]
    assert hit.themes == ["Klima"]
    assert hit.municipality == "Gladsaxe"
    assert hit.date == catalogue["klimaplan"].date


# What is indexed ---------------------------------------------------------------------------


def test_drafts_and_private_pages_never_appear(backend, site_tree):
    case(site_tree.cases, "Offentlig klimaplan")
    case(site_tree.cases, "Kladde til klimaplan", live=False)
    private = case(site_tree.cases, "Fortrolig klimaplan")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )
    hidden_index = CaseIndexPageFactory(parent=site_tree.home, slug="interne")
    PageViewRestriction.objects.create(
        page=hidden_index, restriction_type=PageViewRestriction.LOGIN
    )
    case(hidden_index, "Intern klimaplan")
    rebuild(backend)
    assert titles(search(backend, "klimaplan")) == ["Offentlig klimaplan"]
    assert search(backend).facets["type"] == {"case": 1}


def test_publishing_indexes_and_unpublishing_removes(backend, site_tree, committed):
    rebuild(backend)
    page = case(site_tree.cases, "Biodiversitet i parkerne", live=False)
    assert search(backend, "biodiversitet").count == 0
    with committed():
        page.save_revision().publish()
    assert titles(search(backend, "biodiversitet")) == ["Biodiversitet i parkerne"]
    page.refresh_from_db()
    with committed():
        page.unpublish()
    assert search(backend, "biodiversitet").count == 0


def test_saving_a_draft_leaves_the_published_version_in_the_index(backend, site_tree, committed):
    page = case(site_tree.cases, "Grønne tage")
    rebuild(backend)
    page.title = "Blå tage"
    with committed():
        page.save_revision()
    assert titles(search(backend, "tage")) == ["Grønne tage"]


def test_deleting_a_page_removes_it(backend, site_tree, committed):
    page = case(site_tree.cases, "Regnvandsbassiner")
    rebuild(backend)
    with committed():
        page.delete()
    assert search(backend, "regnvandsbassiner").count == 0


def test_moving_a_page_changes_its_url_and_under_a_private_page_hides_it(
    backend, site_tree, committed
):
    page = case(site_tree.cases, "Solceller på skolerne", slug="solceller")
    public_index = CaseIndexPageFactory(parent=site_tree.home, slug="arkiv")
    private_index = CaseIndexPageFactory(parent=site_tree.home, slug="intern")
    PageViewRestriction.objects.create(
        page=private_index, restriction_type=PageViewRestriction.LOGIN
    )
    rebuild(backend)
    with committed():
        page.move(public_index, pos="last-child")
    assert [hit.url for hit in search(backend, "solceller").hits] == ["/arkiv/solceller/"]
    page.refresh_from_db()
    with committed():
        page.move(private_index, pos="last-child")
    assert search(backend, "solceller").count == 0


def test_making_a_parent_private_hides_its_subtree(backend, site_tree, committed):
    case(site_tree.cases, "Vindmøller")
    rebuild(backend)
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=site_tree.cases, restriction_type=PageViewRestriction.LOGIN
        )
    assert search(backend, "vindmøller").count == 0
    with committed():
        restriction.delete()
    assert titles(search(backend, "vindmøller")) == ["Vindmøller"]


def test_index_state_holds_every_page_with_its_fingerprint(backend, catalogue):
    rebuild(backend)
    documents = index_sync.all_documents()
    assert backend.index_state() == {doc.page_id: doc.fingerprint for doc in documents}
    assert backend.health().document_count == len(documents)
    assert backend.health().reachable


def test_other_page_types_are_searchable(backend, site_tree):
    StandardPageFactory(parent=site_tree.home, title="Om netværket", intro="Hvem vi er.")
    rebuild(backend)
    (hit,) = search(backend, "netværket").hits
    assert hit.type == "page"


# Hostile input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ['"AND (', "\\", "*", "NEAR(a b)", "-OR", "'; DROP TABLE search_searchentry; --", "^~{}[]!"],
)
def test_search_syntax_never_breaks_a_search(backend, catalogue, text):
    rebuild(backend)
    results = search(backend, text)  # answered, not an error ...
    assert (results.count, results.hits) == (0, [])  # ... and matched nothing


@pytest.mark.parametrize(
    "text", ['"klimaplan', "klimaplan*", "(klimaplan", "klimaplan\\", "klimaplan) ^~{}[]!"]
)
def test_search_syntax_around_a_word_finds_the_word(backend, catalogue, text):
    rebuild(backend)
    assert titles(search(backend, text)) == ["Klimaplan med borgerne"]


def test_a_ten_thousand_character_query_answers_quickly(backend, catalogue):
    rebuild(backend)
    text = ("klimaplan " + "borgerne " * 1200)[:10_000]
    started = time.perf_counter()
    results = search(backend, text)
    assert time.perf_counter() - started < 1.0
    assert titles(results)[0] == "Klimaplan med borgerne"  # the one holding both words


# Suggestions -------------------------------------------------------------------------------


def test_suggest_completes_titles_and_taxonomy_names(backend, catalogue):
    rebuild(backend)
    assert "Klimaplan med borgerne" in backend.suggest("klimap")
    assert "Energirenovering af kommunale bygninger" in backend.suggest("kommunale")
    assert "Guldborgsund" in backend.suggest("guldb")
    assert backend.suggest("x") == []


# Every facet of the registry ---------------------------------------------------------------


def test_every_registered_facet_is_counted_and_filters(backend, catalogue, approaches_and_years):
    """Adding a facet to search.facets is enough for both backends to count it and filter on
    it: a value as the URL gives it, read by the facet's rule, finds as many pages as the
    facet counted for it."""
    rebuild(backend)
    everything = search(backend)
    assert list(everything.facets) == list(FACET_NAMES)
    for facet in FACETS:
        counts = everything.facets[facet.name]
        assert counts, f"no page of the fixtures has a value of {facet.name}"
        for value, count in counts.items():
            usable, unusable = facet.values.accept([value])
            assert unusable == [], (facet.name, value)
            assert search(backend, **{facet.name: tuple(usable)}).count == count, (facet, value)


# "Did you mean" knows only live, public pages ----------------------------------------------


@pytest.fixture
def secret_and_public(site_tree):
    """A page with a rare word in its title beside an ordinary one, indexed together (on
    Elasticsearch they share a segment, so a removed page's words stay in its statistics)."""
    secret = case(site_tree.cases, "Skovrejsningsprojektet ved Ølstykke")
    case(site_tree.cases, "Klimaplan med borgerne")
    return secret


MISSPELT_SECRET = "skovrejsningsprojektez"


def test_did_you_mean_offers_a_word_of_a_published_page(backend, secret_and_public):
    rebuild(backend)
    results = search(backend, MISSPELT_SECRET)
    assert results.count == 0
    assert results.suggestion == "skovrejsningsprojektet"


def test_did_you_mean_forgets_the_words_of_an_unpublished_page(
    backend, secret_and_public, committed
):
    rebuild(backend)
    with committed():
        secret_and_public.unpublish()
    results = search(backend, MISSPELT_SECRET)
    assert (results.count, results.suggestion) == (0, None)


def test_did_you_mean_forgets_the_words_of_a_page_made_private(
    backend, secret_and_public, committed
):
    rebuild(backend)
    with committed():
        PageViewRestriction.objects.create(
            page=secret_and_public, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    results = search(backend, MISSPELT_SECRET)
    assert (results.count, results.suggestion) == (0, None)


def test_did_you_mean_keeps_a_word_another_live_page_still_uses(backend, site_tree, committed):
    first = case(site_tree.cases, "Skovrejsningsprojektet i nord")
    case(site_tree.cases, "Skovrejsningsprojektet i syd")
    rebuild(backend)
    with committed():
        first.unpublish()
    assert search(backend, MISSPELT_SECRET).suggestion == "skovrejsningsprojektet"


def test_autocomplete_forgets_the_title_and_theme_of_an_unpublished_page(
    backend, site_tree, committed
):
    secret_theme = ThemeFactory(name="Skovrejsning", slug="skovrejsning")
    secret = case(site_tree.cases, "Skovbrug ved Ølstykke", themes=[secret_theme])
    case(site_tree.cases, "Klimaplan med borgerne")
    rebuild(backend)
    assert set(backend.suggest("skov")) == {"Skovrejsning", "Skovbrug ved Ølstykke"}

    with committed():
        secret.unpublish()

    assert backend.suggest("skov") == []


# Search that knows who asks: pages restricted to groups ------------------------------------

RARE = "bæverdæmning"  # a word only the confidential page holds


@pytest.fixture
def room(site_tree, themes):
    """A page restricted to the network's members, with a rare word, a goal and a theme,
    beside a public case sharing the goal."""
    from django.contrib.auth.models import Group

    members = Group.objects.get(name="Netværksmedlemmer")
    confidential = case(
        site_tree.cases,
        "Referat fra netværksmødet",
        summary=f"Fortroligt: kommunerne drøftede {RARE} og klimaplanen.",
        municipality=municipality("gladsaxe"),
        goals=[13],
        themes=[themes["klima"]],
    )
    restriction = PageViewRestriction.objects.create(
        page=confidential, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([members])
    case(site_tree.cases, "Klimaplan for alle", goals=[13], municipality=municipality("vejle"))
    return {"members": members, "page": confidential}


def asked(backend, audience, text="", **filters):
    return backend.search(SearchQuery(text=text, filters=filters, audience=audience))


def test_a_restricted_page_never_appears_to_anonymous_askers(backend, room):
    rebuild(backend)
    assert asked(backend, ANONYMOUS, RARE).count == 0
    anonymous = asked(backend, ANONYMOUS, "klimaplanen")
    assert "Referat fra netværksmødet" not in titles(anonymous)
    browse = asked(backend, ANONYMOUS, goal=(13,))
    assert titles(browse) == ["Klimaplan for alle"]
    assert browse.facets["goal"]["13"] == 1
    assert "klima" not in browse.facets["theme"]  # only the confidential page has the theme
    assert browse.facets["municipality"] == {"vejle": 1}


def test_a_member_finds_it_with_facet_counts_that_include_it(backend, room):
    rebuild(backend)
    member = Audience(frozenset({room["members"].pk}))
    found = asked(backend, member, RARE)
    assert titles(found) == ["Referat fra netværksmødet"]
    browse = asked(backend, member, goal=(13,))
    assert browse.count == 2
    assert browse.facets["goal"]["13"] == 2
    assert browse.facets["theme"] == {"klima": 1}
    assert browse.facets["municipality"] == {"gladsaxe": 1, "vejle": 1}


def test_other_groups_and_superusers(backend, room):
    from django.contrib.auth.models import Group

    rebuild(backend)
    partners = Group.objects.get(name="Videnspartnere")
    assert asked(backend, Audience(frozenset({partners.pk})), RARE).count == 0
    assert asked(backend, Audience(everything=True), RARE).count == 1


def test_suggestions_and_did_you_mean_never_spell_a_restricted_page(backend, room):
    rebuild(backend)
    assert not [s for s in backend.suggest("referat") if "Referat" in s]
    misspelt = RARE.replace("æ", "e", 1)
    assert asked(backend, ANONYMOUS, misspelt).suggestion != RARE


def test_a_restricted_page_ranks_among_public_ones_for_a_member_on_every_page(backend, room):
    """Without filters the engine ranks every page and the asker's view is cut from it."""
    for number in range(12):
        case(room["page"].get_parent(), f"Klimaplanen nr. {number}", goals=[4])
    rebuild(backend)
    member = Audience(frozenset({room["members"].pk}))
    pages = [
        backend.search(SearchQuery(text="klimaplanen", page=page, per_page=5, audience=member))
        for page in (1, 2, 3)
    ]
    shown = [title for results in pages for title in titles(results)]
    assert len(shown) == len(set(shown)) == pages[0].count == 14
    anonymous = [
        backend.search(SearchQuery(text="klimaplanen", page=page, per_page=5)) for page in (1, 2, 3)
    ]
    shown = [title for results in anonymous for title in titles(results)]
    assert len(shown) == len(set(shown)) == anonymous[0].count == 13
    assert "Referat fra netværksmødet" not in shown


def test_changing_a_restriction_s_groups_changes_who_finds_the_page(backend, room, committed):
    from django.contrib.auth.models import Group

    rebuild(backend)
    partners = Group.objects.get(name="Videnspartnere")
    restriction = PageViewRestriction.objects.get(page=room["page"])
    with committed():
        restriction.groups.set([partners])
    assert asked(backend, Audience(frozenset({room["members"].pk})), RARE).count == 0
    assert asked(backend, Audience(frozenset({partners.pk})), RARE).count == 1
    with committed():
        restriction.delete()
    assert asked(backend, ANONYMOUS, RARE).count == 1


def test_pages_all_restricted_to_one_group_are_still_hidden_from_anonymous_askers(
    backend, site_tree, room
):
    from wagtail.models import Page

    for page in Page.objects.type(CasePage).exclude(pk=room["page"].pk):
        page.unpublish()
    rebuild(backend)
    assert asked(backend, ANONYMOUS, RARE).count == 0
    assert asked(backend, ANONYMOUS).count == 0
