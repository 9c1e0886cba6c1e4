"""PostgreSQL's part of the database backend: a narrow table of tsvectors with a GIN index.

The table `search_vector` (migration 0004) holds one vector per page, built from the stem
columns of search_searchentry; the backend rewrites a page's vector whenever it writes the
page's entry, so that matching and ranking thousands of pages never read the wide text rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from .database_full_text import BEST, MATCH, Ranking, matches_and_best

# The body keeps each lexeme once, without positions (weight D): compact vectors rank fast.
_VECTOR = """
    setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
    || setweight(to_tsvector('simple'::regconfig, summary_terms), 'B')
    || setweight(to_tsvector('simple'::regconfig, tags_terms), 'B')
    || strip(to_tsvector('simple'::regconfig, body_terms))
"""
# ts_rank weights for D, C, B, A: body well below summary and taxonomy, and title.
_WEIGHTS = "'{0.1, 0.2, 0.5, 1.0}'"
# plainto_tsquery treats its text as plain words joined by AND, never as operators.
_QUERY = "plainto_tsquery('simple', %s)"


class PostgresFullText:
    def search(
        self, cursor, terms: Sequence[str], ranking: Ranking | None
    ) -> tuple[list[int], list[int]]:
        words = " ".join(terms)
        sql = f"SELECT {MATCH}, page_id, 0 FROM search_vector WHERE vector @@ {_QUERY}"
        params: list = [words]
        if ranking:
            best = (
                f"SELECT {BEST}, page_id, -ts_rank({_WEIGHTS}, vector, query) AS score"
                f" FROM search_vector, {_QUERY} query WHERE vector @@ query"
            )
            params.append(words)
            if ranking.among is not None:
                best += " AND page_id = ANY(%s)"
                params.append(list(ranking.among))
            sql += f" UNION ALL (SELECT * FROM ({best}) best ORDER BY score, page_id"
            sql += " LIMIT %s OFFSET %s)"
            params += [ranking.limit, ranking.offset]
        cursor.execute(sql, params)
        return matches_and_best(cursor.fetchall())

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
