"""The contract every search backend keeps, modelled on Wagtail's modelsearch backends.

Views, the JSON API, the sync signals and the management command talk only to this interface
(through search.service, which adds the database fallback); `search.backends.get_backend()`
returns the configured implementation, `get_backend("database")` the fallback.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from search.audience import ANONYMOUS, Audience
from search.documents import SearchDocument, document_for_page
from search.facets import FACET_NAMES
from search.query_plan import QueryPlan, plan

SORTS = ("relevance", "newest")


class BackendUnavailable(Exception):
    """The search engine could not be reached; callers fall back to the database."""


class IndexMissing(Exception):
    """The engine answers but holds no index behind its alias (a new cluster, a lost volume).

    Writing single pages would create an index holding only those; the caller rebuilds
    instead (search.index_sync)."""


@dataclass(frozen=True)
class SearchQuery:
    """A validated search request. Within one facet values are OR-ed, across facets AND-ed."""

    text: str = ""
    # facet name (search.facets) -> the values selected, as its ValueRule types them: goal
    # numbers and years as ints; theme and municipality slugs, page types (search.page_types)
    # and approach values ("top-down") as strings.
    filters: Mapping[str, tuple] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    # sets of words or phrases that mean the same (the editors' synonyms, search.synonyms):
    # a word of the text also finds the pages holding another of its set
    synonyms: tuple[tuple[str, ...], ...] = ()
    # who asks: the restricted pages their groups may see are searched too (search.audience)
    audience: Audience = ANONYMOUS

    def __post_init__(self):
        """Only facets with values, each a tuple, so equal searches compare equal; a name
        that is no facet is a programming error, not a filter to ignore silently."""
        unknown = set(self.filters) - set(FACET_NAMES)
        if unknown:
            raise ValueError(f"not facets: {', '.join(sorted(unknown))}")
        filters = {name: tuple(values) for name, values in self.filters.items() if values}
        object.__setattr__(self, "filters", filters)
        object.__setattr__(self, "synonyms", tuple(tuple(words) for words in self.synonyms))

    def plan(self) -> QueryPlan:
        """The goals and words the text asks for, with their synonyms (search.query_plan)."""
        return plan(self.text, self.synonyms)

    def selected(self, facet: str) -> tuple:
        """The values selected for the facet (none: the facet does not filter)."""
        return self.filters.get(facet, ())

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class SearchHit:
    page_id: int
    title: str
    url: str
    type: str
    highlight: str  # HTML-escaped text with matches wrapped in <mark>
    goals: list[int]
    themes: list[str]  # theme names
    municipality: str | None  # municipality name
    date: date | None


@dataclass
class SearchResults:
    backend: str
    count: int
    hits: list[SearchHit]
    # facet name -> {value: count}; counts for one facet ignore that facet's own filter
    # (so ticking a second goal box shows how many the OR would add) but apply all others.
    # Values: the goal number as a string ("13"), theme and municipality slugs, page types,
    # approach values ("top-down"), the year as a string ("2021"); values with no pages are
    # left out.
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None
    degraded: bool = False  # True when answered by the fallback, possibly incomplete


@dataclass
class BackendHealth:
    backend: str
    reachable: bool
    document_count: int | None
    detail: str = ""


@dataclass
class IndexState:
    """What the index holds for one page: enough for `search_index --check` to spot staleness."""

    page_id: int
    fingerprint: str


ProgressCallback = Callable[[int, int], None]


class SearchBackend(ABC):
    name: str = ""

    @property
    def identity(self) -> str:
        """What the processes of a site share state about (search.index_sync keeps the
        circuit breaker and the completeness verdict in the cache under it): the engine and
        the index it writes."""
        return self.name

    @abstractmethod
    def index_documents(self, documents: Iterable[SearchDocument]) -> None:
        """Add or replace the documents (one per page); raises IndexMissing rather than
        create an index that would hold only these."""

    @abstractmethod
    def remove_pages(self, page_ids: Iterable[int]) -> None:
        """Remove the pages' documents; raises IndexMissing if there is no index."""

    @abstractmethod
    def rebuild(
        self, documents: Iterable[SearchDocument], total: int, progress: ProgressCallback | None
    ) -> None:
        """Replace the whole index; searches keep answering while it runs."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults: ...

    @abstractmethod
    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Titles (and taxonomy names) completing the prefix, for autocomplete."""

    @abstractmethod
    def health(self) -> BackendHealth: ...

    @abstractmethod
    def index_state(self) -> dict[int, str]:
        """page_id -> fingerprint of every document in the index."""

    @abstractmethod
    def document_count(self) -> int | None:
        """How many documents the index holds; None if there is no index at all."""

    def with_timeout(self, seconds: float) -> SearchBackend:
        """The backend with a different request timeout, for writes that must not hold up
        the request that made them (no network here: the same backend)."""
        return self

    def refresh(self) -> None:
        """Make every write so far visible to the next search (a no-op where that is so)."""
        return None

    def index_page(self, page) -> None:
        self.index_documents([document_for_page(page)])
