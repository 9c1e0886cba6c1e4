"""The JSON search API: its shape, its filters, and 400s for parameters it cannot use."""

import pytest
from django.utils import timezone

from .factories import promote

RESULT_KEYS = {"title", "url", "type", "highlight", "goals", "themes", "municipality", "date"}


@pytest.fixture
def indexed(search_catalogue):
    return search_catalogue


def get(client, **params):
    return client.get("/api/search/", params)


def test_answer_has_the_documented_shape(client, indexed):
    response = get(client, q="kommune")
    assert response.status_code == 200
    data = response.json()
    assert {"backend", "count", "results", "facets", "suggestion"} <= set(data)
    assert data["backend"] == "database"
    assert data["count"] == 3
    assert all(set(result) == RESULT_KEYS for result in data["results"])
    assert {"goal", "theme", "municipality", "type"} <= set(data["facets"])
    assert data["degraded"] is False


def test_result_carries_goals_themes_place_and_an_absolute_url(client, indexed):
    (result,) = get(client, q="klimaplan").json()["results"]
    assert result == {
        "title": "Klimaplan for kommunen",
        "url": "http://testserver" + indexed["plan"].url,
        "type": "case",
        "highlight": result["highlight"],
        "goals": [11, 13],
        "themes": ["Klima"],
        "municipality": "Gladsaxe",
        "date": "2021-01-28",
    }


def test_year_facet_counts_the_content_dates_not_the_day_of_publication(client, indexed):
    """Both cases were published today, dated 2021 and 2024; the event counts by its start."""
    event_year = str(timezone.localdate(indexed["event"].start).year)
    facets = get(client, q="kommune").json()["facets"]
    assert facets["year"] == {"2021": 1, "2024": 1, event_year: 1}


def test_filters_narrow_the_results_and_facets_count_them(client, indexed):
    data = get(client, q="kommune", goal=["13", "6"], type="case").json()
    assert sorted(result["title"] for result in data["results"]) == [
        "Klimaplan for kommunen",
        "Rent vand i kommunerne",
    ]
    assert data["facets"]["goal"] == {"6": 1, "11": 1, "13": 1}
    assert data["facets"]["type"] == {"case": 2}  # the event has none of the goals


def test_approach_and_year_narrow_the_results(client, indexed):
    assert [r["title"] for r in get(client, approach="hybrid").json()["results"]] == [
        "Klimaplan for kommunen"
    ]
    assert [r["title"] for r in get(client, year="2024").json()["results"]] == [
        "Rent vand i kommunerne"
    ]
    assert get(client, approach="hybrid,bottom-up", type="case").json()["count"] == 2


def test_comma_separated_values_are_alternatives(client, indexed):
    data = get(client, municipality="gladsaxe,guldborgsund").json()
    assert data["count"] == 2


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("goal", "abc"),
        ("goal", "99"),
        ("goal", "0"),
        ("theme", "findes-ikke"),
        ("municipality", "atlantis"),
        ("type", "blog"),
        ("approach", "sideways"),
        ("year", "21"),
        ("sort", "foo"),
        ("page", "0"),
        ("page", "abc"),
        ("page", "1001"),
    ],
)
def test_invalid_parameter_is_a_400_naming_it(client, indexed, parameter, value):
    response = get(client, **{parameter: value})
    assert response.status_code == 400
    data = response.json()
    assert data["parameter"] == parameter
    assert data["error"].startswith(f"{parameter}=")


@pytest.mark.parametrize(
    "text",
    [
        '"klimaplan',
        "klimaplan)",
        "(klimaplan",
        "klimaplan*",
        "klimaplan\\",
        "klimaplan\x00",
        "KLIMAPLAN",
    ],
)
def test_search_syntax_is_read_as_plain_words(client, indexed, text):
    response = get(client, q=text)
    assert response.status_code == 200
    assert [result["title"] for result in response.json()["results"]] == ["Klimaplan for kommunen"]


@pytest.mark.parametrize("text", ["x" * 10_000, "ord " * 2500, '"AND (', "*", "\\"])
def test_huge_or_wordless_text_finds_nothing_without_error(client, indexed, text):
    response = get(client, q=text)
    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("theme", "a\x00b"),
        ("theme", "\x00"),
        ("goal", "1\x00"),
        ("municipality", "vejle\x00"),
        ("type", "case\x00"),
        ("sort", "newest\x00"),
        ("page", "2\x00"),
    ],
)
def test_a_nul_character_in_a_parameter_is_a_400_naming_it(client, indexed, parameter, value):
    response = get(client, q="kommune", **{parameter: value})
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


def test_a_flood_of_bad_values_gives_a_few_errors(client, indexed):
    response = get(client, theme=[f"tema-{number}" for number in range(5000)], goal="99")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [error["parameter"] for error in errors] == ["goal", "theme", "theme", "theme"]


def test_a_page_beyond_the_results_is_empty(client, indexed):
    data = get(client, q="kommune", page=5).json()
    assert data["count"] == 3
    assert data["results"] == []
    assert data["pages"] == 1


def test_misspelling_gets_a_suggestion(client, indexed):
    data = get(client, q="glaadsaxe").json()
    assert data["count"] == 0
    assert data["suggestion"] == "gladsaxe"


def test_suggest_completes_titles_and_names(client, indexed):
    response = client.get("/api/search/suggest/", {"q": "klimap"})
    assert response.status_code == 200
    assert response.json()["suggestions"] == ["Klimaplan for kommunen"]
    assert "Gladsaxe" in client.get("/api/search/suggest/", {"q": "Glad"}).json()["suggestions"]


def test_suggest_of_a_short_or_hostile_prefix_is_empty(client, indexed):
    for prefix in ("", "k", "%_\\\x00"):
        response = client.get("/api/search/suggest/", {"q": prefix})
        assert response.status_code == 200
        assert response.json()["suggestions"] == []


def test_unreachable_elasticsearch_answers_from_the_database_marked_degraded(
    client, indexed, settings
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.SEARCH_BACKEND = "elasticsearch"
    data = get(client, q="klimaplan").json()
    assert data["degraded"] is True
    assert data["backend"] == "database"
    assert [result["title"] for result in data["results"]] == ["Klimaplan for kommunen"]


def test_only_get_is_allowed(client, indexed):
    assert client.post("/api/search/", {"q": "klima"}).status_code == 405


def test_promoted_pages_come_as_their_own_list_beside_the_counted_results(client, indexed):
    promote("klimaplan", indexed["water"], "Vand er også klima.")
    data = get(client, q="klimaplan").json()
    assert data["promotions"] == [
        {
            "title": "Rent vand i kommunerne",
            "url": "http://testserver" + indexed["water"].url,
            "description": "Vand er også klima.",
        }
    ]
    assert data["count"] == 1
    assert [result["title"] for result in data["results"]] == ["Klimaplan for kommunen"]
    assert get(client, q="vand").json()["promotions"] == []
