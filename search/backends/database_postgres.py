"""PostgreSQL's part of the database backend: a narrow table of tsvectors with a GIN index.

The table `search_vector` (migration 0004) holds one vector per page, built from the stem
columns of search_searchentry; the backend rewrites a page's vector whenever it writes the
page's entry, so that matching and ranking thousands of pages never read the wide text rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from .database_full_text import FullTextMatch

# The body keeps each lexeme once, without positions (weight D): compact vectors rank fast.
_VECTOR = """
    setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
    || setweight(to_tsvector('simple'::regconfig, summary_terms), 'B')
    || setweight(to_tsvector('simple'::regconfig, tags_terms), 'B')
    || strip(to_tsvector('simple'::regconfig, body_terms))
"""
# ts_rank weights for D, C, B, A: body well below summary and taxonomy, and title.
_WEIGHTS = "'{0.1, 0.2, 0.5, 1.0}'"


class PostgresFullText:
    def match(self, terms: Sequence[str]) -> FullTextMatch:
        # plainto_tsquery treats its text as plain words joined by AND, never as operators.
        words = " ".join(terms)
        return FullTextMatch(
            join="JOIN search_vector v ON v.page_id = f.page_id",
            where="v.vector @@ plainto_tsquery('simple', %s)",
            params=[words],
            rank=f"-ts_rank({_WEIGHTS}, v.vector, plainto_tsquery('simple', %s))",
            rank_params=[words],
            rank_with_matches=True,
        )

    def forget(self, cursor, page_ids: Sequence[int]) -> None:
        cursor.execute("DELETE FROM search_vector WHERE page_id = ANY(%s)", [list(page_ids)])

    def learn(self, cursor, page_ids: Sequence[int]) -> None:
        cursor.execute(
            f"INSERT INTO search_vector (page_id, vector) SELECT page_id, {_VECTOR}"
            " FROM search_searchentry WHERE page_id = ANY(%s)",
            [list(page_ids)],
        )

    def forget_all(self, cursor) -> None:
        cursor.execute("DELETE FROM search_vector")

    def optimise(self, cursor) -> None:
        cursor.execute("ANALYZE search_vector, search_searchfilter")
