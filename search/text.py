"""Danish text for search: tokenising, stemming and highlighting, shared by every backend.

Both database engines index the *stems* this module produces (FTS5 on SQLite, a tsvector on
PostgreSQL), so a query means the same on both and the highlighter marks exactly the words
that matched. A hyphenated compound such as ``bottom-up`` is indexed as its parts and as the
joined word (``bottom``, ``up``, ``bottomup``); in a query it stands for the joined word only,
so ``bottom-up`` does not also find every text with "up" in it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import snowballstemmer
from django.utils.html import escape

MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32
SNIPPET_CHARS = 240

WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

# Snowball's Danish stop words: too common to tell pages apart.
_STOP_WORDS_TEXT = """
    ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din
    disse dog du efter eller en end er et for fra ham han hans har havde have hende hendes her
    hos hun hvad hvis hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine mit
    mod ned noget nogle nu når og også om op os over på selv sig sin sine sit skal skulle som
    sådan thi til ud under var vi vil ville vor være været
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_stemmers = threading.local()  # a Snowball stemmer keeps its state on itself: one per thread


def normalise(word: str) -> str:
    return unicodedata.normalize("NFC", word).lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball Danish stem of a lower-cased word: kommunernes -> kommun."""
    if not hasattr(_stemmers, "danish"):
        _stemmers.danish = snowballstemmer.stemmer("danish")
    return _stemmers.danish.stemWord(word)


@lru_cache(maxsize=200_000)
def word_stems(word: str) -> tuple[str, ...]:
    """Stems a word is indexed under: itself, and for a compound its parts and the joined word."""
    word = normalise(word)
    if word in STOP_WORDS:
        return ()
    if "-" not in word:
        return (stem(word),)
    parts = [part for part in word.split("-") if part not in STOP_WORDS]
    return (*(stem(part) for part in parts), stem(word.replace("-", "")))


def index_terms(text: str) -> str:
    """The text as space-separated stems, ready for the full-text engine."""
    return " ".join(chain.from_iterable(map(word_stems, WORD.findall(text))))


def words(text: str) -> list[str]:
    """The distinct words of a text, lower-cased, stop words dropped, in order."""
    found = map(normalise, WORD.findall(text))
    return list(dict.fromkeys(word for word in found if word not in STOP_WORDS))


def query_words(text: str) -> list[str]:
    """The words of a query, capped in length and number so a huge query stays cheap."""
    return words(text[:MAX_QUERY_CHARS])[:MAX_QUERY_TERMS]


def query_term(word: str) -> str:
    """The stem a query word asks for; a compound is its joined stem."""
    return stem(normalise(word).replace("-", ""))


def query_terms(text: str) -> list[str]:
    """The stems a query's words ask for."""
    terms: list[str] = []
    for word in query_words(text):
        term = query_term(word)
        if term not in terms:
            terms.append(term)
    return terms


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _every_matching_word(text: str, terms: frozenset[str]) -> Iterator[_Span]:
    for match in WORD.finditer(text):
        if terms.intersection(word_stems(match.group())):
            yield _Span(match.start(), match.end())


@lru_cache(maxsize=1024)
def _candidates(terms: frozenset[str]) -> re.Pattern:
    """Where a word that stems to one of the terms may start. Snowball's Danish stemmer only
    removes endings, so a stem begins its word (or a part of a compound, hence the hyphens
    allowed between letters); only words found here are stemmed and compared."""
    starts = sorted(("-?".join(map(re.escape, term)) for term in terms), key=len, reverse=True)
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(starts)})", re.IGNORECASE)


def _word_start(text: str, index: int) -> int:
    """The start of the word around `index`, a compound's first part included."""
    while index > 1 and text[index - 1] == "-" and WORD.match(text[index - 2]):
        index -= 1
        while index > 0 and WORD.match(text[index - 1]):
            index -= 1
    return index


def _matching_spans(text: str, terms: frozenset[str]) -> Iterator[_Span]:
    if not terms:
        return
    if len(text.lower()) != len(text):  # "İ" lower-cases to two characters: compare every word
        yield from _every_matching_word(text, terms)
        return
    examined = 0  # candidates before here lie in a word already examined
    for candidate in _candidates(terms).finditer(text):
        if candidate.start() < examined:
            continue
        word = WORD.match(text, _word_start(text, candidate.start()))
        examined = word.end()
        if terms.intersection(word_stems(word.group())):
            yield _Span(word.start(), word.end())


def _densest_window(spans: list[_Span], width: int) -> int:
    """Start offset of the window of `width` characters holding the most matches."""
    best_start, best_count, first = spans[0].start, 0, 0
    for last, span in enumerate(spans):
        while span.end - spans[first].start > width:
            first += 1
        if last - first + 1 > best_count:
            best_start, best_count = spans[first].start, last - first + 1
    return best_start


def _word_boundary_before(text: str, offset: int, lead: int) -> int:
    start = max(0, offset - lead)
    if start == 0:
        return 0
    space = text.find(" ", start, offset)
    return space + 1 if space != -1 else start


def highlight(text: str, terms: Iterable[str], width: int = SNIPPET_CHARS) -> str:
    """An HTML-escaped snippet of `text` around the most matches, each wrapped in <mark>.

    Without a match it is the beginning of the text.
    """
    text = " ".join(text.split())
    spans = list(_matching_spans(text, frozenset(terms)))
    start = _word_boundary_before(text, _densest_window(spans, width), 40) if spans else 0
    end = min(len(text), start + width)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    parts = ["…"] if start > 0 else []
    cursor = start
    for span in spans:
        if span.start < start or span.end > end:
            continue
        parts += [
            escape(text[cursor : span.start]),
            f"<mark>{escape(text[span.start : span.end])}</mark>",
        ]
        cursor = span.end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    return "".join(parts)


def edit_distance(first: str, second: str) -> int:
    """Levenshtein distance, for "did you mean"."""
    previous = list(range(len(second) + 1))
    for row, char in enumerate(first, 1):
        current = [row]
        for column, other in enumerate(second, 1):
            cost = 0 if char == other else 1
            current.append(
                min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + cost)
            )
        previous = current
    return previous[-1]


def closest_word(word: str, vocabulary: Iterable[str]) -> str | None:
    """The nearest known word within one edit (two for longer words), or None."""
    allowed = 1 if len(word) <= 5 else 2
    best: tuple[int, str] | None = None
    for candidate in vocabulary:
        if abs(len(candidate) - len(word)) > allowed or candidate == word:
            continue
        distance = edit_distance(word, candidate)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None
