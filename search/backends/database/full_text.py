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


Terms = tuple[str, ...]  # stems a page must all hold


@dataclass(frozen=True)
class TermQuery:
    """Groups of alternatives, each alternative stems that must all match. A page matches
    when it matches an alternative of any group; it holds them all when it matches one of
    every group."""

    groups: tuple[tuple[Terms, ...], ...]

    def terms(self) -> list[str]:
        return list(dict.fromkeys(t for group in self.groups for terms in group for t in terms))


class FullText(Protocol):
    def search(
        self, cursor, query: TermQuery, ranking: Ranking | None
    ) -> tuple[list[int], list[int]]:
        """In one statement: the ids of every page matching the query, and with a ranking,
        the requested page of the best of them, best first: the pages matching every group
        before the others, each ranked by the engine (which scores only the pages of
        `ranking.among`)."""

    def forget(self, cursor, page_ids: Sequence[int]) -> None:
        """Called before the entries of `page_ids` are deleted."""

    def learn(self, cursor, page_ids: Sequence[int]) -> None:
        """Called after the entries of `page_ids` are inserted."""

    def forget_all(self, cursor) -> None:
        """Called when a rebuild starts, before every entry is deleted."""

    def learn_all(self, cursor) -> None:
        """Called when a rebuild has written every entry (a rebuild calls no `learn`)."""

    def optimise(self, cursor) -> None:
        """Called after a rebuild: compact the index and refresh the planner's statistics."""
