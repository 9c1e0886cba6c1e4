"""What the database backend asks of a database's full-text engine (SQLite's or PostgreSQL's)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class FullTextMatch:
    """SQL fragments joining the engine to SearchFilter rows aliased `f`: a condition for the
    rows matching every term, and a rank expression where lower is better."""

    join: str
    where: str
    params: list
    rank: str
    rank_params: list
    # True: rank every match while finding them (cheap where finding is the costly part);
    # False: rank only the rows that pass every filter, in a query of their own.
    rank_with_matches: bool = False


class FullText(Protocol):
    def match(self, terms: Sequence[str]) -> FullTextMatch: ...

    def forget(self, cursor, page_ids: Sequence[int]) -> None:
        """Called before the entries of `page_ids` are deleted."""

    def learn(self, cursor, page_ids: Sequence[int]) -> None:
        """Called after the entries of `page_ids` are inserted."""

    def forget_all(self, cursor) -> None: ...

    def optimise(self, cursor) -> None:
        """Called after a rebuild: compact the index and refresh the planner's statistics."""
