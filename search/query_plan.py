"""What a query asks for, read once for every backend: the SDG goals it names ("mål 11",
"verdensmål 11", "SDG 11", "goal 11", "sdg11") and its other words, each with the
alternatives the editors' synonym sets give it.

A page matches when it holds any asked word (or one of its alternatives) or is tagged with a
named goal; the backends rank the pages that hold every one of them first. A number alone
("11") stays a plain word: only a goal word before it makes it a goal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from core.filter_values import goal_numbers
from search.text import MAX_QUERY_CHARS, MAX_QUERY_TERMS, WORD, normalise, query_terms

GOAL_WORDS = frozenset({"mål", "målet", "verdensmål", "verdensmålet", "fn-mål", "sdg", "goal"})
_GOAL_IN_ONE_WORD = re.compile(r"(mål|verdensmål|sdg|goal)(\d{1,2})")
MAX_ALTERNATIVES = 8  # per asked word, itself included: a query stays a few clauses

Phrase = str  # a word or words as asked or as an editor wrote them; a page must hold them all


@dataclass(frozen=True)
class QueryPlan:
    # one group per asked word or phrase: its alternatives, the asked one first
    groups: tuple[tuple[Phrase, ...], ...] = ()
    goals: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.groups and not self.goals


@lru_cache(maxsize=4096)
def terms_of(phrase: str) -> tuple[str, ...]:
    """The stems a phrase asks for, as the database index holds them; what a phrase is
    matched by, so that "FN's mål" and "fn's  Mål" are one phrase."""
    return tuple(query_terms(phrase))


def _goal_number(word: str) -> int | None:
    """The goal a word of the query names (»11«, »01«), read as the goal filter reads it."""
    [number] = goal_numbers([word])[0] or [None]
    return number


def _bare(token: str) -> str:
    """A token without the punctuation around it: "(mål" -> "mål"."""
    return " ".join(WORD.findall(normalise(token)))


def _split_goals(tokens: list[str]) -> tuple[list[str], list[int]]:
    """The tokens that name no goal, and the goals named by a goal word and a number."""
    rest, goals, index = [], [], 0
    while index < len(tokens):
        word = _bare(tokens[index])
        following = _bare(tokens[index + 1]) if index + 1 < len(tokens) else ""
        joined = _GOAL_IN_ONE_WORD.fullmatch(word)
        if word in GOAL_WORDS and _goal_number(following):
            goals.append(_goal_number(following))
            index += 2
            continue
        if joined and _goal_number(joined.group(2)):
            goals.append(_goal_number(joined.group(2)))
        else:
            rest.append(tokens[index])
        index += 1
    return rest, list(dict.fromkeys(goals))


def _alternatives(
    tokens: list[str], start: int, synonyms: list[list[str]]
) -> tuple[int, tuple[Phrase, ...]]:
    """The longest synonym (one or more tokens) starting at `start`: how many tokens it
    covers, and the phrases of its set, the asked one first; else the one token alone."""
    covered, alternatives = 1, (tokens[start],)
    longest = 0
    for synonym_set in synonyms:
        for member in synonym_set:
            wanted = terms_of(member)
            for size in range(1, min(len(tokens) - start, len(wanted)) + 1):
                asked = " ".join(tokens[start : start + size])
                if size > longest and terms_of(asked) == wanted:
                    others = [phrase for phrase in synonym_set if terms_of(phrase) != wanted]
                    longest = covered = size
                    alternatives = (asked, *others)[:MAX_ALTERNATIVES]
    return covered, alternatives


def plan(text: str, synonyms: Iterable[Iterable[str]] = ()) -> QueryPlan:
    """Read a query. `synonyms`: sets of words or phrases that mean the same."""
    tokens, goals = _split_goals(text[:MAX_QUERY_CHARS].split())
    kept: dict[tuple[str, ...], str] = {}
    for token in tokens:
        kept.setdefault(terms_of(token), token)
    kept.pop((), None)  # stop words and punctuation alone
    tokens = list(kept.values())[:MAX_QUERY_TERMS]
    sets = [[" ".join(member.split()) for member in set_ if terms_of(member)] for set_ in synonyms]
    groups: list[tuple[Phrase, ...]] = []
    index = 0
    while index < len(tokens):
        covered, alternatives = _alternatives(tokens, index, sets)
        if alternatives not in groups:
            groups.append(alternatives)
        index += covered
    return QueryPlan(groups=tuple(groups), goals=tuple(goals))
