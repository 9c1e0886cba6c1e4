"""Reading a query once for every backend: the goals it names, its words and their synonyms."""

import pytest

from search.query_plan import plan
from search.text import MAX_QUERY_TERMS

SYNONYMS = (("kontingent", "pris", "medlemskab"), ("SDG", "verdensmål", "FN's mål"))


@pytest.mark.parametrize(
    "text", ["mål 11", "Mål 11", "verdensmål 11", "SDG 11", "goal 11", "sdg11", "(mål 11)"]
)
def test_a_goal_word_and_a_number_name_the_goal(text):
    asked = plan(text)
    assert (asked.groups, asked.goals) == ((), (11,))


def test_a_number_alone_or_beyond_the_seventeen_goals_stays_a_word():
    assert plan("11").groups == (("11",),)
    assert (plan("mål 18").groups, plan("mål 18").goals) == ((("mål",), ("18",)), ())


def test_the_words_beside_a_goal_stay_words():
    asked = plan("klimaplan mål 11 og mål 13")
    assert (asked.groups, asked.goals) == ((("klimaplan",),), (11, 13))


def test_a_word_of_a_synonym_set_brings_the_others_in_any_form():
    assert plan("Kontingentet", SYNONYMS).groups == (("Kontingentet", "pris", "medlemskab"),)


def test_a_synonym_of_several_words_is_matched_as_a_phrase():
    assert plan("FN's mål for byer", SYNONYMS).groups == (
        ("FN's mål", "SDG", "verdensmål"),
        ("byer",),
    )


def test_stop_words_and_punctuation_ask_for_nothing():
    assert plan("og i at && --").empty


def test_inflections_of_one_word_are_asked_once():
    assert plan("klima klimaet").groups == (("klima",),)


def test_a_long_query_keeps_a_bounded_number_of_words():
    asked = plan(" ".join(f"ord{n}" for n in range(200)))
    assert len(asked.groups) == MAX_QUERY_TERMS
