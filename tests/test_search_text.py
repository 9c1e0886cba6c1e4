"""Danish tokenising, stemming and highlighting shared by the search backends."""

import sys
import threading

import pytest

from search.text import (
    MAX_QUERY_TERMS,
    closest_word,
    edit_distance,
    highlight,
    index_terms,
    query_terms,
    stem,
)


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("kommunernes", "kommune"),
        ("kommunen", "kommune"),
        ("verdensmålene", "verdensmål"),
        ("bæredygtige", "bæredygtig"),
        ("Partnerskaber", "partnerskab"),
    ],
)
def test_inflections_share_the_stem_of_their_base_form(inflected, base):
    assert query_terms(inflected) == query_terms(base)


def test_danish_letters_are_kept_and_case_is_folded():
    assert index_terms("Ærø Øster Å") == "ærø øst å"


def test_stop_words_are_not_indexed_or_searched():
    assert index_terms("kommunen og borgerne i byen") == "kommun borg byen"
    assert query_terms("og i at") == []


def test_a_compound_is_indexed_as_its_parts_and_searched_as_a_whole():
    assert index_terms("bottom-up").split() == ["bottom", "up", "bottomup"]
    assert query_terms("bottom-up") == ["bottomup"]


def test_search_syntax_is_reduced_to_plain_words():
    assert query_terms('"klima AND (vand* \\ NEAR title:by') == [
        "klima",
        "and",
        "vand",
        "near",
        "titl",
        "by",
    ]


def test_a_huge_query_is_capped():
    words = " ".join(f"ord{number}" for number in range(5000))
    assert len(query_terms(words)) == MAX_QUERY_TERMS


def test_highlight_marks_inflections_and_escapes_html():
    snippet = highlight("<b>Kommunernes</b> arbejde & kommunen", query_terms("kommune"))
    assert snippet == (
        "&lt;b&gt;<mark>Kommunernes</mark>&lt;/b&gt; arbejde &amp; <mark>kommunen</mark>"
    )


@pytest.mark.parametrize("query", ["bottom-up", "bottom", "up", "BOTTOM"])
def test_highlight_marks_a_whole_compound_for_it_or_any_of_its_parts(query):
    snippet = highlight("Guldborgsund arbejder bottom-up, ikke top-down.", query_terms(query))
    assert snippet == "Guldborgsund arbejder <mark>bottom-up</mark>, ikke top-down."


def test_highlight_marks_words_whose_lower_case_is_longer():
    # "İ" lower-cases to two characters, so such a word is compared the slow way.
    snippet = highlight("Venskabsbyer: İstanbul og Aarhus", query_terms("İstanbul"))
    assert snippet == "Venskabsbyer: <mark>İstanbul</mark> og Aarhus"


def test_stemming_from_many_threads_at_once_gives_each_word_its_stem():
    # A Snowball stemmer keeps its state on itself; threads sharing one garble each other.
    words = ["kommunernes", "bygningerne", "arbejdende", "klimaplanerne", "vandforsyningen"]
    expected = {word: stem.__wrapped__(word) for word in words}
    wrong = []

    def stem_repeatedly(share):
        try:
            for _ in range(3000):
                wrong.extend(w for w in share if stem.__wrapped__(w) != expected[w])
        except Exception as error:  # a garbled stemmer can also raise  # noqa: BLE001
            wrong.append(repr(error))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=stem_repeatedly, args=(words[i::2],)) for i in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert wrong == []


def test_highlight_shows_the_part_of_a_long_text_with_the_matches():
    text = "Indledning om ingenting. " * 40 + "Her står der noget om vindmøller. " + "Slut. " * 40
    snippet = highlight(text, query_terms("vindmøller"))
    assert "<mark>vindmøller</mark>" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) < 300


def test_highlight_without_matches_is_the_beginning_of_the_text():
    assert highlight("Første sætning. Anden sætning.", ["vand"]) == (
        "Første sætning. Anden sætning."
    )


def test_edit_distance_and_closest_word():
    assert edit_distance("glaadsaxe", "gladsaxe") == 1
    assert closest_word("glaadsaxe", ["gladsaxe", "gentofte"]) == "gladsaxe"
    assert closest_word("xyz", ["gladsaxe"]) is None
