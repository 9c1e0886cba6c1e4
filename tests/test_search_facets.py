"""Every facet of the registry (search.facets) reaches the search page and the JSON API,
so that adding a facet is one entry; test_search_contract checks that both backends count
and filter on each."""

import pytest
from django.http import QueryDict

from search.facets import FACET_NAMES, FACETS
from search.forms import parse_search_request


@pytest.fixture
def indexed(search_catalogue):
    return search_catalogue


def test_the_facets_have_distinct_names():
    assert len(set(FACET_NAMES)) == len(FACETS)


def test_every_facet_is_read_from_its_url_parameter_and_rejects_nonsense(db):
    nonsense = QueryDict(mutable=True)
    for name in FACET_NAMES:
        nonsense[name] = "ikke en værdi!"
    search_request = parse_search_request(nonsense)
    assert [bad.param for bad in search_request.invalid] == list(FACET_NAMES)
    assert search_request.query.filters == {}


def test_every_facet_has_a_group_on_the_search_page(client, indexed):
    response = client.get("/soeg/", {"q": "klimaplan"})
    groups = response.context["facet_groups"]
    assert [group.name for group in groups] == list(FACET_NAMES)
    html = response.content.decode()
    for facet, group in zip(FACETS, groups, strict=True):
        assert group.options, facet.name  # the case has a value of every facet
        assert f"<legend>{facet.label}</legend>" in html


def test_every_facet_is_counted_in_the_api(client, indexed):
    facets = client.get("/api/search/", {"q": "klimaplan"}).json()["facets"]
    assert list(facets) == list(FACET_NAMES)
    assert all(facets.values())
