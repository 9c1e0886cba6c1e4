"""SQLite's part of the database backend: an external-content FTS5 table ranked with bm25.

The FTS5 table (migration 0002) indexes the stem columns of search_searchentry; it keeps no
copy of them, so it must be told about every row before it goes and after it comes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .full_text import Ranking, TermQuery

_COLUMNS = "title_terms, summary_terms, tags_terms, body_terms"
# bm25 weights per column, in the order above: title over summary and taxonomy over body.
_WEIGHTS = "10.0, 4.0, 3.0, 1.0"
MATCH, BEST = 0, 1  # the kinds of row of the full-text statement


def _quoted(term: str) -> str:
    """A term quoted: FTS5 sees a plain word, never an operator (AND, NEAR, *, ...)."""
    return '"{}"'.format(term.replace('"', '""'))


def _fts_group(alternatives: Sequence[Sequence[str]]) -> str:
    return " OR ".join(f"({' AND '.join(map(_quoted, terms))})" for terms in alternatives)


def _fts_query(query: TermQuery, joiner: str) -> str:
    """The groups joined by OR (any) or AND (every one)."""
    return f" {joiner} ".join(f"({_fts_group(group)})" for group in query.groups)


class SqliteFullText:
    def search(
        self, cursor, query: TermQuery, ranking: Ranking | None
    ) -> tuple[list[int], list[int]]:
        # The matching ids as one JSON array: far cheaper than a row each.
        fts_query = _fts_query(query, "OR")
        sql = (
            f"SELECT {MATCH}, json_group_array(rowid), 0, 0 FROM search_fts"
            " WHERE search_fts MATCH %s"
        )
        params: list = [fts_query]
        if ranking:
            # Pages holding every group first: one more MATCH, made once for the whole list.
            whole, whole_params = "0", []
            if len(query.groups) > 1:
                whole = "rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
                whole_params = [_fts_query(query, "AND")]
            best = (
                f"SELECT {BEST}, rowid, bm25(search_fts, {_WEIGHTS}) AS score,"
                f" {whole} AS whole FROM search_fts WHERE search_fts MATCH %s"
            )
            params += [*whole_params, fts_query]
            if ranking.among is not None:
                # One JSON parameter, however many ids; the unary + keeps FTS5 from looking
                # each id up (a slow plan) and makes the list a filter on its matches instead.
                best += " AND +rowid IN (SELECT value FROM json_each(%s))"
                params.append(json.dumps(list(ranking.among)))
            sql += (
                f" UNION ALL SELECT * FROM ({best} ORDER BY whole DESC, score, rowid"
                " LIMIT %s OFFSET %s)"
            )
            params += [ranking.limit, ranking.offset]
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        matching = next(json.loads(ids) for kind, ids, _, _ in rows if kind == MATCH)
        best = sorted((-whole, score, id_) for kind, id_, score, whole in rows if kind == BEST)
        return matching, [page_id for _, _, page_id in best]

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

    def learn_all(self, cursor) -> None:
        cursor.execute(
            f"INSERT INTO search_fts(rowid, {_COLUMNS}) SELECT page_id, {_COLUMNS} "
            "FROM search_searchentry"
        )

    def optimise(self, cursor) -> None:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        cursor.execute("ANALYZE search_searchfilter")
