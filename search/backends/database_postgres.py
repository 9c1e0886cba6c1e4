"""PostgreSQL's part of the database backend: a generated tsvector column with a GIN index.

The column (migration 0002) is computed from the stem columns, so writes need nothing more.
"""

from __future__ import annotations

from collections.abc import Sequence

from .database_full_text import FullTextMatch

# Weights for D, C, B, A: body (C) well below summary and taxonomy (B) and title (A).
_WEIGHTS = "'{0.05, 0.2, 0.5, 1.0}'"


class PostgresFullText:
    def match(self, terms: Sequence[str]) -> FullTextMatch:
        # plainto_tsquery treats its text as plain words joined by AND, never as operators.
        words = " ".join(terms)
        return FullTextMatch(
            join="JOIN search_searchentry e ON e.page_id = f.page_id",
            where="e.search_vector @@ plainto_tsquery('simple', %s)",
            params=[words],
            rank=f"-ts_rank({_WEIGHTS}, e.search_vector, plainto_tsquery('simple', %s))",
            rank_params=[words],
        )

    def forget(self, cursor, page_ids: Sequence[int]) -> None:
        pass

    def learn(self, cursor, page_ids: Sequence[int]) -> None:
        pass

    def forget_all(self, cursor) -> None:
        pass
