"""SQLite's part of the database backend: an external-content FTS5 table ranked with bm25.

The FTS5 table (migration 0002) indexes the stem columns of search_searchentry; it keeps no
copy of them, so it must be told about every row before it goes and after it comes.
"""

from __future__ import annotations

from collections.abc import Sequence

from .database_full_text import FullTextMatch

_COLUMNS = "title_terms, summary_terms, tags_terms, body_terms"
# bm25 weights per column, in the order above: title over summary and taxonomy over body.
_WEIGHTS = "10.0, 4.0, 3.0, 1.0"


class SqliteFullText:
    def match(self, terms: Sequence[str]) -> FullTextMatch:
        # Every term is quoted: FTS5 sees plain words, never operators (AND, NEAR, *, ...).
        fts_query = " ".join('"{}"'.format(term.replace('"', '""')) for term in terms)
        return FullTextMatch(
            join="JOIN search_fts ON search_fts.rowid = f.page_id",
            where="search_fts MATCH %s",
            params=[fts_query],
            rank=f"bm25(search_fts, {_WEIGHTS})",
            rank_params=[],
        )

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
