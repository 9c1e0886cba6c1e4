"""What the database backend asks of a database's full-text engine (SQLite's or PostgreSQL's)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Ranking:
    """A page of the best-ranked matches, among the pages `among` (None: every page)."""

    among: Sequence[int] | None
    limit: int
    offset: int


class FullText(Protocol):
    def search(
        self, cursor, terms: Sequence[str], ranking: Ranking | None
    ) -> tuple[list[int], list[int]]:
        """In one statement: the ids of every page matching all the terms, and with a
        ranking, the requested page of the best of them, best first, ranked by the engine
        (which scores only the pages of `ranking.among`)."""

    def forget(self, cursor, page_ids: Sequence[int]) -> None:
        """Called before the entries of `page_ids` are deleted."""

    def learn(self, cursor, page_ids: Sequence[int]) -> None:
        """Called after the entries of `page_ids` are inserted."""

    def forget_all(self, cursor) -> None: ...

    def optimise(self, cursor) -> None:
        """Called after a rebuild: compact the index and refresh the planner's statistics."""
