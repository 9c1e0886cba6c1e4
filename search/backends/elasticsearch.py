"""Search on an Elasticsearch cluster, written with elasticsearch-dsl (`elasticsearch.dsl`).

Reads and single-page writes go through an alias named after the environment prefix; a rebuild
fills a new versioned index and moves the alias in one `update_aliases` call, so searches keep
answering from the old index until the new one is complete. Any failure to reach the cluster
raises BackendUnavailable, quickly, so the service layer can answer from the database.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.dsl import Search
from elasticsearch.helpers import BulkIndexError, streaming_bulk

from search.audience import ANONYMOUS, Audience
from search.backends.base import (
    BackendHealth,
    BackendUnavailable,
    IndexMissing,
    ProgressCallback,
    SearchBackend,
    SearchHit,
    SearchQuery,
    SearchResults,
)
from search.backends.elasticsearch_documents import (
    HIGHLIGHT_FIELDS,
    PageDocument,
    PageSearch,
    bulk_source,
    did_you_mean_search,
    index_settings,
    text_query,
    visible_to,
)
from search.documents import SearchDocument

# Longer queries are cut: no reader types more, and Elasticsearch limits a query's clauses.
MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's index.max_result_window
MIN_SUGGEST_CHARS = 2
FEW_HITS = 2  # at most this many hits and "did you mean" is offered
BULK_TIMEOUT = 60  # seconds; a rebuild's bulk requests may take longer than a search
BULK_DOCUMENTS = 500  # documents per bulk request of a rebuild


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(
        self,
        url: str | None = None,
        index_prefix: str | None = None,
        timeout: float = 3.0,
    ):
        self.url = url or settings.ELASTICSEARCH_URL
        nodes = node_urls(self.url)
        if not nodes:
            raise ImproperlyConfigured("The elasticsearch search backend needs ELASTICSEARCH_URL.")
        prefix = index_prefix or settings.SEARCH_INDEX_PREFIX
        self.alias = f"{prefix.lower()}-pages"
        # A request that cannot reach a node (refused, reset, 502-504) is tried on the next
        # one, so each node of a cluster gets a try. A timeout is not retried: it means the
        # cluster is slow rather than a node gone, and retrying would multiply the wait of
        # the reader or publisher; the circuit breaker takes over instead.
        self.client = Elasticsearch(
            nodes, request_timeout=timeout, max_retries=len(nodes), retry_on_timeout=False
        )

    @property
    def identity(self) -> str:
        return f"{self.name} {self.url} {self.alias}"

    # Writing

    def with_timeout(self, seconds: float) -> ElasticsearchBackend:
        writer = copy.copy(self)
        writer.client = self.client.options(request_timeout=seconds)
        return writer

    def index_documents(self, documents: Iterable[SearchDocument]) -> None:
        with unavailable_on_failure():
            self.require_index()
            self.bulk(index_action(doc, self.alias) for doc in documents)

    def remove_pages(self, page_ids: Iterable[int]) -> None:
        actions = (
            {"_op_type": "delete", "_index": self.alias, "_id": page_id} for page_id in page_ids
        )
        with unavailable_on_failure():
            self.require_index()
            self.bulk(actions)

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        total: int,
        progress: ProgressCallback | None = None,
    ) -> None:
        # Creating an index and moving the alias wait for the cluster to agree (every node of
        # a busy cluster): all of a rebuild's requests get the bulk timeout.
        self.with_timeout(BULK_TIMEOUT).fill_and_swap(documents, total, progress)

    def fill_and_swap(
        self,
        documents: Iterable[SearchDocument],
        total: int,
        progress: ProgressCallback | None,
    ) -> None:
        with unavailable_on_failure():
            new_index = self.create_versioned_index()
            try:
                self.fill(new_index, documents, total, progress)
                self.client.indices.refresh(index=new_index)
                replaced = self.indexes_with_alias()
                superseded = any(name > new_index for name in replaced)
                if not superseded:
                    self.point_alias_to(new_index)
            except BaseException:
                with contextlib.suppress(TransportError, ApiError):
                    self.client.indices.delete(index=new_index, ignore_unavailable=True)
                raise
            if superseded:  # a rebuild that started later has swapped its index in already
                self.delete_indexes([new_index])
            else:
                self.delete_replaced_indexes(replaced)

    def refresh(self) -> None:
        """Make every write so far visible to searches (writes are also refreshed as made)."""
        with unavailable_on_failure():
            self.client.indices.refresh(index=self.alias, ignore_unavailable=True)

    def require_index(self) -> None:
        """Refuse to write when no index is behind the alias: only a rebuild may make one,
        or the index would hold the pages written since and look whole. (Each bulk request
        also sets `require_alias`, so a write never creates an index of the alias's name.)"""
        if not self.client.indices.exists_alias(name=self.alias):
            raise IndexMissing(f"no index behind the alias {self.alias}")

    def create_versioned_index(self) -> str:
        name = f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        index = PageDocument._index.clone(name=name, using=self.client)
        index.settings(**index_settings())
        index.create()
        return name

    def fill(
        self,
        index: str,
        documents: Iterable[SearchDocument],
        total: int,
        progress: ProgressCallback | None,
    ) -> None:
        """Fill a new index, which no search reads yet: with periodic refreshes off, so the
        cluster does not make a segment of each second's writes (the rebuild refreshes once,
        at the end), then with the index's own refresh interval again."""
        actions = (index_action(doc, index) for doc in documents)
        client = self.client  # with the bulk timeout (rebuild)
        client.indices.put_settings(index=index, settings={"refresh_interval": "-1"})
        for done, _ in enumerate(
            streaming_bulk(client, actions, chunk_size=BULK_DOCUMENTS), start=1
        ):
            if progress:
                progress(done, total)
        # None (JSON null) puts back Elasticsearch's default
        restored = {"refresh_interval": index_settings().get("refresh_interval")}
        client.indices.put_settings(index=index, settings=restored)

    def point_alias_to(self, index: str) -> None:
        """Move the alias to `index` in one atomic call: a search sees the old or the new."""
        removals = [
            {"remove": {"index": old, "alias": self.alias}} for old in self.indexes_with_alias()
        ]
        self.client.indices.update_aliases(
            actions=[*removals, {"add": {"index": index, "alias": self.alias}}]
        )

    def indexes_with_alias(self) -> list[str]:
        try:
            return list(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def delete_replaced_indexes(self, replaced: list[str]) -> None:
        """Delete the indexes the alias pointed at and any older ones (left by a rebuild that
        failed). Index names end in their creation time, so they sort by it. Newer ones are
        left: they may belong to a rebuild still filling, which finds itself superseded when
        it ends and deletes its own; deleting them under it would let its writes recreate
        them without the mapping."""
        if replaced:
            newest_replaced = max(replaced)
            self.delete_indexes([n for n in self.versioned_indexes() if n <= newest_replaced])

    def delete_all_indexes(self) -> None:
        """Remove this prefix's alias and indexes (for tests and tearing an environment down)."""
        with unavailable_on_failure():
            self.delete_indexes(self.versioned_indexes())

    def versioned_indexes(self) -> list[str]:
        # Wildcards are resolved here: the cluster refuses to delete by wildcard by default.
        return list(self.client.indices.get(index=f"{self.alias}-*", expand_wildcards="all"))

    def delete_indexes(self, names: list[str]) -> None:
        if names:
            self.client.indices.delete(index=",".join(names), ignore_unavailable=True)

    def bulk(self, actions: Iterable[dict]) -> None:
        """Write through the alias; a delete of a page not in the index (404) is no error."""
        try:
            for _ in streaming_bulk(
                self.client, actions, refresh=True, require_alias=True, ignore_status=(404,)
            ):
                pass
        except BulkIndexError as error:
            if any(failure_type(item) == "index_not_found_exception" for item in error.errors):
                raise IndexMissing(f"the alias {self.alias} went away: {error}") from error
            raise

    # Reading

    def search(self, query: SearchQuery) -> SearchResults:
        text = plain_query_text(query.text)
        faceted = PageSearch(
            self.client,
            self.alias,
            text,
            filters=facet_filters(query),
            sort=sort_order(query.sort, text),
            plan=query.plan(),
            audience=query.audience,
        )
        start = min(query.offset, MAX_RESULT_WINDOW)
        stop = min(query.offset + query.per_page, MAX_RESULT_WINDOW)
        with unavailable_on_failure():
            response = self.client.search(index=self.alias, body=faceted.body(start, stop)).body
        count = response["hits"]["total"]["value"]
        return SearchResults(
            backend=self.name,
            count=count,
            hits=[hit_from(hit) for hit in response["hits"]["hits"]],
            facets=facet_counts(response["aggregations"]),
            suggestion=self.live_correction(text, query.audience) if count <= FEW_HITS else None,
        )

    def live_correction(self, text: str, audience: Audience = ANONYMOUS) -> str | None:
        """The best "did you mean" that finds live documents. The phrase suggester draws on
        term statistics that still count deleted documents (until their segments merge), so
        a correction could spell out a word of an unpublished or private page; each
        candidate is searched for, in one request, and only one with hits is offered."""
        if not text:
            return None
        with unavailable_on_failure():
            candidates = corrections(
                did_you_mean_search(self.client, self.alias, text).execute(), text
            )
        if not candidates:
            return None
        search = Search(using=self.client, index=self.alias).extra(size=0)
        if (visible := visible_to(audience)) is not None:  # a word of a page the asker may find
            search = search.filter(visible)
        filters = {str(n): text_query(candidate) for n, candidate in enumerate(candidates)}
        search.aggs.bucket("found", "filters", filters=filters)
        with unavailable_on_failure():
            buckets = search.execute().aggregations.found.buckets
        found = [c for n, c in enumerate(candidates) if buckets[str(n)].doc_count > 0]
        return found[0] if found else None

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        prefix = " ".join(prefix.split())[:MAX_QUERY_CHARS]
        if len(prefix) < MIN_SUGGEST_CHARS:
            return []
        completion = {"size": limit, "skip_duplicates": True}
        search = (
            Search(using=self.client, index=self.alias)
            .source(["title"])
            .suggest("titles", prefix, completion={"field": "suggest", **completion})
            .suggest("names", prefix, completion={"field": "taxonomy_suggest", **completion})
            .extra(size=0)
        )
        with unavailable_on_failure():
            response = search.execute()
        titles = [option._source.title for option in response.suggest.titles[0].options]
        names = [option.text for option in response.suggest.names[0].options]
        return list(dict.fromkeys([*names, *titles]))[:limit]

    def health(self) -> BackendHealth:
        try:
            version = self.client.info()["version"]["number"]
            count = self.client.count(index=self.alias)["count"]
        except NotFoundError:
            return BackendHealth(self.name, True, 0, f"Elasticsearch {version}: index not built")
        except (TransportError, ApiError) as error:
            return BackendHealth(self.name, False, None, str(error))
        return BackendHealth(self.name, True, count, f"Elasticsearch {version}, {self.alias}")

    def index_state(self) -> dict[int, str]:
        search = Search(using=self.client, index=self.alias).source(["fingerprint"])
        with unavailable_on_failure():
            return {int(hit.meta.id): hit.fingerprint for hit in search.scan()}

    def document_count(self) -> int | None:
        with unavailable_on_failure():
            try:
                return self.client.count(index=self.alias)["count"]
            except NotFoundError:
                return None


def node_urls(url: str) -> list[str]:
    """ELASTICSEARCH_URL names one node or several, comma-separated (a cluster)."""
    return [node.strip() for node in url.split(",") if node.strip()]


@contextlib.contextmanager
def unavailable_on_failure() -> Iterator[None]:
    """Turn "cannot reach the cluster" and "no index yet" into BackendUnavailable.

    A 400 stays an error: it means this module built a bad request, which tests must see.
    """
    try:
        yield
    except TransportError as error:  # connection refused, timeout
        raise BackendUnavailable(f"Elasticsearch unreachable: {error}") from error
    except NotFoundError as error:
        raise BackendUnavailable(f"Elasticsearch index not built yet: {error}") from error
    except ApiError as error:
        if error.meta.status >= 500 or error.meta.status == 429:
            raise BackendUnavailable(f"Elasticsearch failed: {error}") from error
        raise
    except BulkIndexError as error:
        if all(failure_status(item) >= 500 for item in error.errors):
            raise BackendUnavailable(f"Elasticsearch refused writes: {error}") from error
        raise


def failure_status(item: dict) -> int:
    (result,) = item.values()
    return int(result.get("status", 500))


def failure_type(item: dict) -> str:
    (result,) = item.values()
    error = result.get("error")
    return error.get("type", "") if isinstance(error, dict) else ""


def plain_query_text(text: str) -> str:
    """The query's distinct words, as many as fit the limits; a word the cut splits is left
    out rather than searched for in half."""
    head = text[:MAX_QUERY_CHARS]
    if len(text) > MAX_QUERY_CHARS and not text[MAX_QUERY_CHARS].isspace():
        head = re.sub(r"\s+\S+$", "", head)
    return " ".join(list(dict.fromkeys(head.split()))[:MAX_QUERY_WORDS])


def index_action(doc: SearchDocument, index: str) -> dict:
    return {"_index": index, "_id": doc.page_id, "_source": bulk_source(doc)}


def facet_filters(query: SearchQuery) -> dict[str, list]:
    """facet name -> its selected values, as PageSearch's facets filter on them."""
    return {facet: list(values) for facet, values in query.filters.items()}


def sort_order(sort: str, text: str) -> list:
    newest = [{"date": {"order": "desc", "missing": "_last"}}, {"page_id": "desc"}]
    if sort == "newest" or not text:
        return newest
    return ["_score", *newest]


def corrections(response, text: str) -> list[str]:
    """The phrase suggester's corrections of the query, best first."""
    suggest = getattr(response, "suggest", None)
    options = suggest.did_you_mean[0].options if suggest else []
    return [option.text for option in options if option.text.lower() != text.lower()]


# A search's answer is read from Elasticsearch's JSON as it comes: elasticsearch-dsl's
# response objects (attribute wrappers, dateutil parsing of every date) cost more than the
# engine's own time for a page of hits and six facets.


def hit_from(hit: dict) -> SearchHit:
    source = hit["_source"]
    day = source.get("date")
    return SearchHit(
        page_id=int(hit["_id"]),
        title=source["title"],
        url=source["url"],
        type=source["type"],
        highlight=best_highlight(hit.get("highlight", {})),
        goals=list(source.get("goals") or []),
        themes=list(source.get("theme_names") or []),
        municipality=source.get("municipality_name"),
        date=date.fromisoformat(day) if day else None,
    )


def best_highlight(highlights: dict[str, list[str]]) -> str:
    """Fragments of the first field that matched, else the start of the summary or body."""
    fragments = [highlights[field] for field in HIGHLIGHT_FIELDS if field in highlights]
    marked = [found for found in fragments if any("<mark>" in part for part in found)]
    chosen = (marked or fragments or [[]])[0]
    return " … ".join(chosen)


def facet_counts(aggregations: dict) -> dict[str, dict[str, int]]:
    """Each facet's counts, as PageSearch (a FacetedSearch) asks for them: a terms
    aggregation named after the facet, under a filter named "_filter_" and the facet."""
    return {
        name: {
            str(bucket["key"]): bucket["doc_count"]
            for bucket in aggregations[f"_filter_{name}"][name]["buckets"]
        }
        for name in PageSearch.facets
    }
