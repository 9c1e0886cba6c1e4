"""What a query asks for, read once for every backend: the SDG goals it names ("mål 11",
"verdensmål 11", "SDG 11", "goal 11", "sdg11") and its other words, each with the
alternatives the editors' synonym sets give it.

A page matches when it holds any asked word (or one of its alternatives) or is tagged with a
named goal; the backends rank the pages that hold every one of them first. A number alone
("11") stays a plain word: only a goal word before it makes it a goal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from search.text import MAX_QUERY_CHARS, MAX_QUERY_TERMS, STOP_WORDS, WORD, normalise, query_term

GOAL_COUNT = 17
GOAL_WORDS = frozenset({"mål", "målet", "verdensmål", "verdensmålet", "fn-mål", "sdg", "goal"})
_GOAL_IN_ONE_WORD = re.compile(r"(mål|verdensmål|sdg|goal)(\d{1,2})")
MAX_ALTERNATIVES = 8  # per asked word, itself included: a query stays a few clauses

Phrase = tuple[str, ...]  # lower-cased words, all of which a page must hold


@dataclass(frozen=True)
class QueryPlan:
    # one group per asked word or phrase: its alternatives, the asked one first
    groups: tuple[tuple[Phrase, ...], ...] = ()
    goals: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.groups and not self.goals

    @property
    def parts(self) -> int:
        """How many things a page must hold to hold them all."""
        return len(self.groups) + len(self.goals)

    def words(self) -> list[str]:
        """Every word of every alternative, for highlighting."""
        found = (word for group in self.groups for phrase in group for word in phrase)
        return list(dict.fromkeys(found))


def _goal_number(word: str) -> int | None:
    number = int(word) if word.isdigit() and len(word) <= 2 else None
    return number if number and 1 <= number <= GOAL_COUNT else None


def _split_goals(words: list[str]) -> tuple[list[str], list[int]]:
    """The words that are no goal, and the goals named by a goal word and a number."""
    rest, goals, index = [], [], 0
    while index < len(words):
        word = words[index]
        following = words[index + 1] if index + 1 < len(words) else ""
        joined = _GOAL_IN_ONE_WORD.fullmatch(word)
        if word in GOAL_WORDS and _goal_number(following):
            goals.append(_goal_number(following))
            index += 2
            continue
        if joined and _goal_number(joined.group(2)):
            goals.append(_goal_number(joined.group(2)))
        else:
            rest.append(word)
        index += 1
    return rest, list(dict.fromkeys(goals))


def phrase_of(text: str) -> Phrase:
    """A synonym or query phrase as the words it is matched by (stop words left out)."""
    found = (normalise(match.group()) for match in WORD.finditer(text))
    return tuple(word for word in found if word not in STOP_WORDS)


def _key(phrase: Sequence[str]) -> tuple[str, ...]:
    return tuple(query_term(word) for word in phrase)


def _alternatives(words: list[str], start: int, synonyms) -> tuple[int, tuple[Phrase, ...]]:
    """The longest synonym phrase starting at `start`: how many words it covers, and the
    phrases of its set (the asked words first); else the one word alone."""
    covered, alternatives = 1, ((words[start],),)
    longest = 0
    for synonym_set in synonyms:
        for member in synonym_set:
            asked = tuple(words[start : start + len(member)])
            if len(member) > longest and _key(asked) == _key(member):
                others = [phrase for phrase in synonym_set if _key(phrase) != _key(asked)]
                longest = covered = len(member)
                alternatives = (asked, *others)[:MAX_ALTERNATIVES]
    return covered, alternatives


def plan(text: str, synonyms: Iterable[Iterable[str]] = ()) -> QueryPlan:
    """Read a query. `synonyms`: sets of words or phrases that mean the same."""
    words = [normalise(match.group()) for match in WORD.finditer(text[:MAX_QUERY_CHARS])]
    words, goals = _split_goals(words)
    words = list(dict.fromkeys(word for word in words if word not in STOP_WORDS))
    words = words[:MAX_QUERY_TERMS]
    sets = [[phrase for phrase in map(phrase_of, members) if phrase] for members in synonyms]
    groups: list[tuple[Phrase, ...]] = []
    index = 0
    while index < len(words):
        covered, alternatives = _alternatives(words, index, sets)
        if alternatives not in groups:
            groups.append(alternatives)
        index += covered
    return QueryPlan(groups=tuple(groups), goals=tuple(goals))
