"""PostgreSQL's part of the database backend: a narrow table of tsvectors with a GIN index.

The table `search_vector` (migration 0004) holds one vector per page, built from the stem
columns of search_searchentry; the backend rewrites a page's vector whenever it writes the
page's entry, so that matching and ranking thousands of pages never read the wide text rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from .full_text import Ranking, TermQuery

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
_ALTERNATIVE = "plainto_tsquery('simple', %s)"
# Filters allowing more pages than this: rank every match in the scan that finds them, and
# keep the allowed ones, rather than look each allowed page up by id in a second pass.
LOOK_UP_AT_MOST = 1000


def _tsquery(query: TermQuery, joiner: str) -> tuple[str, list[str]]:
    """The groups joined by || (any) or && (every one), each an || of its alternatives."""
    groups = ["(" + " || ".join([_ALTERNATIVE] * len(group)) + ")" for group in query.groups]
    params = [" ".join(terms) for group in query.groups for terms in group]
    return "(" + f" {joiner} ".join(groups) + ")", params


class PostgresFullText:
    def search(
        self, cursor, query: TermQuery, ranking: Ranking | None
    ) -> tuple[list[int], list[int]]:
        """The ids come back as one array (far cheaper than a row each). Ranking every match
        shares the scan that finds them; ranking the few pages the filters allow looks them
        up by id instead. The pages holding every group rank first."""
        any_query, any_params = _tsquery(query, "||")
        # PostgreSQL refuses a constant in ORDER BY: with one group there is no "whole" to sort by.
        whole, whole_params, whole_first = "false", [], ""
        if len(query.groups) > 1:
            whole_query, whole_params = _tsquery(query, "&&")
            whole, whole_first = f"vector @@ {whole_query}", f"vector @@ {whole_query} DESC, "
        matching = f"SELECT array_agg(page_id) FROM search_vector WHERE vector @@ {any_query}"
        rank = f"ts_rank({_WEIGHTS}, vector, query)"
        if ranking is None:
            sql, params = f"SELECT ({matching}), '{{}}'::int[]", any_params
        elif ranking.among is None or len(ranking.among) > LOOK_UP_AT_MOST:
            among, among_params = (
                ("", [])
                if ranking.among is None
                else (
                    " JOIN unnest(%s::int[]) allowed(id) ON page_id = allowed.id",
                    [list(ranking.among)],
                )
            )
            sql = (
                f"WITH m AS MATERIALIZED (SELECT page_id, {whole} AS whole, {rank} AS rank"
                f" FROM search_vector, (SELECT {any_query} AS query) asked WHERE vector @@ query)"
                f" SELECT (SELECT array_agg(page_id) FROM m), ARRAY(SELECT page_id FROM m{among}"
                " ORDER BY whole DESC, rank DESC, page_id LIMIT %s OFFSET %s)"
            )
            params = [*whole_params, *any_params, *among_params, ranking.limit, ranking.offset]
        else:
            sql = (
                f"SELECT ({matching}), ARRAY(SELECT page_id FROM search_vector,"
                f" (SELECT {any_query} AS query) asked"
                " WHERE vector @@ query AND page_id = ANY(%s)"
                f" ORDER BY {whole_first}{rank} DESC, page_id LIMIT %s OFFSET %s)"
            )
            params = [*any_params, *any_params, list(ranking.among), *whole_params]
            params += [ranking.limit, ranking.offset]
        cursor.execute(sql, params)
        matching_ids, best = cursor.fetchone()
        return matching_ids or [], best

    def forget(self, cursor, page_ids: Sequence[int]) -> None:
        cursor.execute("DELETE FROM search_vector WHERE page_id = ANY(%s)", [list(page_ids)])

    def learn(self, cursor, page_ids: Sequence[int]) -> None:
        cursor.execute(
            f"INSERT INTO search_vector (page_id, vector) SELECT page_id, {_VECTOR}"
            " FROM search_searchentry WHERE page_id = ANY(%s)",
            [list(page_ids)],
        )

    def forget_all(self, cursor) -> None:
        """Lock every vector, as deleting them did: a page change waits for the rebuild here,
        where it starts its own writes (forget), and not midway. The vectors are kept, so
        that learn_all need not give the GIN index the entries it already holds."""
        cursor.execute("SELECT count(*) FROM (SELECT FROM search_vector FOR UPDATE) locked")

    def learn_all(self, cursor) -> None:
        """Each vector made again from its entry; only those that differ (and those of pages
        gone or new) are written. Inserting into the GIN index is the dear part of writing
        a vector (fastupdate is off, for the searches), and most rebuilds change few."""
        cursor.execute(
            "DELETE FROM search_vector WHERE NOT EXISTS (SELECT FROM search_searchentry entry"
            f" WHERE entry.page_id = search_vector.page_id AND search_vector.vector = {_VECTOR})"
        )
        cursor.execute(
            f"INSERT INTO search_vector (page_id, vector) SELECT page_id, {_VECTOR}"
            " FROM search_searchentry entry WHERE NOT EXISTS"
            " (SELECT FROM search_vector WHERE search_vector.page_id = entry.page_id)"
        )

    def optimise(self, cursor) -> None:
        cursor.execute("ANALYZE search_vector, search_searchfilter")
