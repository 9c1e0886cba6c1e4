"""The search contract on the demo content, on every backend (see test_search_contract.py).

The demo is loaded once for the module (conftest's `demo_site`, rolled back at its end), not
for each test: loading it costs seconds.
"""

import pytest

from . import test_search_contract as contract
from .test_search_contract import rebuild, search

backend = contract.backend  # the fixture: each test runs on every backend
# The module's tests read the demo site (conftest's demo_site), loaded in their database.
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "municipality_name"), [("bottom-up", "Guldborgsund"), ("top-down", "Gladsaxe")]
)
def test_approach_finds_the_case_that_took_it_first(backend, demo_site, text, municipality_name):
    rebuild(backend)
    results = search(backend, text)
    assert results.hits[0].municipality == municipality_name
    assert results.hits[0].type == "case"


def test_the_demos_people_find_their_case_and_research(backend, demo_site):
    rebuild(backend)
    line = search(backend, "Line Vind").hits
    assert ("case", "Gladsaxe") in [(hit.type, hit.municipality) for hit in line]
    assert "research" in [hit.type for hit in search(backend, "Jannik Egelund").hits]


def test_the_demo_starts_with_the_membership_and_goal_synonyms(demo_site):
    from search.synonyms import synonym_sets

    assert ("kontingent", "pris", "medlemskab") in synonym_sets()
    assert ("SDG", "verdensmål", "FN's mål") in synonym_sets()
