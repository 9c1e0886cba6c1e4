"""SQLite's part of the database backend: an external-content FTS5 table ranked with bm25.

The FTS5 table (migration 0002) indexes the stem columns of search_searchentry; it keeps no
copy of them, so it must be told about every row before it goes and after it comes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .full_text import Ranking

_COLUMNS = "title_terms, summary_terms, tags_terms, body_terms"
# bm25 weights per column, in the order above: title over summary and taxonomy over body.
_WEIGHTS = "10.0, 4.0, 3.0, 1.0"
MATCH, BEST = 0, 1  # the kinds of row of the full-text statement


def _fts_query(terms: Sequence[str]) -> str:
    """Every term quoted: FTS5 sees plain words, never operators (AND, NEAR, *, ...)."""
    return " ".join('"{}"'.format(term.replace('"', '""')) for term in terms)


class SqliteFullText:
    def search(
        self, cursor, terms: Sequence[str], ranking: Ranking | None
    ) -> tuple[list[int], list[int]]:
        # The matching ids as one JSON array: far cheaper than a row each.
        fts_query = _fts_query(terms)
        sql = (
            f"SELECT {MATCH}, json_group_array(rowid), 0 FROM search_fts WHERE search_fts MATCH %s"
        )
        params: list = [fts_query]
        if ranking:
            best = (
                f"SELECT {BEST}, rowid, bm25(search_fts, {_WEIGHTS}) AS score FROM search_fts"
                " WHERE search_fts MATCH %s"
            )
            params.append(fts_query)
            if ranking.among is not None:
                # One JSON parameter, however many ids; the unary + keeps FTS5 from looking
                # each id up (a slow plan) and makes the list a filter on its matches instead.
                best += " AND +rowid IN (SELECT value FROM json_each(%s))"
                params.append(json.dumps(list(ranking.among)))
            sql += f" UNION ALL SELECT * FROM ({best} ORDER BY score, rowid LIMIT %s OFFSET %s)"
            params += [ranking.limit, ranking.offset]
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        matching = next(json.loads(ids) for kind, ids, _ in rows if kind == MATCH)
        best = sorted((score, page_id) for kind, page_id, score in rows if kind == BEST)
        return matching, [page_id for _, page_id in best]

    def forget(self, cursor, page_ids: Sequence[int]) -> None:
        placeholders = ", ".join(["%s"] * len(page_ids))
        cursor.execute(
            f"INSERT INTO search_fts(search_fts, rowid, {_COLUMNS}) "
            f"SELECT 'delete', page_id, {_COLUMNS} FROM search_searchentry "
            f"WHERE page_id IN ({placeholders})",
            list(page_ids),
        )

    def learn(self, cursor, page_ids: Sequence[int]) -> None:
        placeholders = ", ".join(["%s"] * len(page_ids))
        cursor.execute(
            f"INSERT INTO search_fts(rowid, {_COLUMNS}) SELECT page_id, {_COLUMNS} "
            f"FROM search_searchentry WHERE page_id IN ({placeholders})",
            list(page_ids),
        )

    def forget_all(self, cursor) -> None:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")

    def optimise(self, cursor) -> None:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        cursor.execute("ANALYZE search_searchfilter")
