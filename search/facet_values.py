"""How a facet's values are read from a URL: which raw values are usable and as what type.

The shapes come from the case listings' rules (core.filter_values), so a goal, a slug or a
year means the same in both places. Each rule returns the usable values, typed, and the
unusable ones as they were given, so that the page can name them and the API refuse them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from core.filter_values import choices, goal_numbers, slugs, years

Accept = Callable[[list[str]], tuple[list, list[str]]]


@dataclass(frozen=True)
class ValueRule:
    accept: Accept  # raw values -> (usable values, typed; the unusable raw values)
    reason: str  # why a value is unusable, in English for the JSON API


def _sorted(accept: Accept) -> Accept:
    """Numbers kept in order, so that the same selection always gives the same URL."""

    def accept_sorted(values: list[str]) -> tuple[list, list[str]]:
        good, bad = accept(values)
        return sorted(good), bad

    return accept_sorted


def goal_number_rule() -> ValueRule:
    return ValueRule(_sorted(goal_numbers), "must be a goal number from 1 to 17")


def year_rule() -> ValueRule:
    return ValueRule(_sorted(years), "must be a year of four digits")


def choice_rule(allowed: Sequence[str]) -> ValueRule:
    return ValueRule(
        lambda values: choices(values, allowed), f"must be one of: {', '.join(allowed)}"
    )


def known_slug_rule(known_among: Callable[[list[str]], Collection[str]], reason: str) -> ValueRule:
    """Slug-shaped values that `known_among` knows (it is asked only about slug-shaped ones,
    so nothing else reaches the database)."""

    def accept(values: list[str]) -> tuple[list[str], list[str]]:
        candidates, bad = slugs(values)
        known = known_among(candidates) if candidates else set()
        return [v for v in candidates if v in known], bad + [
            v for v in candidates if v not in known
        ]

    return ValueRule(accept, reason)
