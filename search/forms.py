"""Reading a search request's parameters, for the search page and the JSON API alike.

Parameters: q (text); one per facet of search.facets (goal 1-17, theme and municipality
slugs, type, approach, year), each repeatable or comma-separated; sort (relevance, newest);
page (1-1000). Each facet's values are checked by its ValueRule, by the same rules as the
case listings (core.filter_values); every value that cannot be used is reported: the API
answers 400 with it, the page drops the value and shows a notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict

from core.filter_values import Rejected, clean_text, page_number, parameter_values
from search.backends.base import SORTS, SearchQuery
from search.facets import FACETS

MAX_PAGE = 1000
MAX_TEXT_CHARS = 1000  # what is kept of q for display; the backends read less


@dataclass
class SearchRequest:
    query: SearchQuery
    invalid: list[Rejected] = field(default_factory=list)


def clean_query_text(text: str) -> str:
    return clean_text(text, MAX_TEXT_CHARS)


def _filters(params: QueryDict) -> tuple[dict[str, tuple], list[Rejected]]:
    """Each facet's usable values, and every unusable one, in the order of the facets."""
    filters, invalid = {}, []
    for facet in FACETS:
        usable, unusable = facet.values.accept(parameter_values(params, facet.name))
        filters[facet.name] = tuple(usable)
        invalid += [Rejected(facet.name, value, facet.values.reason) for value in unusable]
    return filters, invalid


def _page(value: str | None) -> tuple[int, list[Rejected]]:
    number = page_number(value)
    if number is not None and number <= MAX_PAGE:
        return number, []
    return 1, [Rejected("page", value or "", f"must be a whole number from 1 to {MAX_PAGE}")]


def _sort(value: str | None) -> tuple[str, list[Rejected]]:
    value = (value or "").strip()
    if not value or value in SORTS:
        return value or SORTS[0], []
    return SORTS[0], [Rejected("sort", value, f"must be one of: {', '.join(SORTS)}")]


def parse_search_request(params: QueryDict, per_page: int = 10) -> SearchRequest:
    """The usable search of a request, and every value that was not usable."""
    filters, bad_filters = _filters(params)
    sort, bad_sort = _sort(params.get("sort"))
    page, bad_page = _page(params.get("page"))
    query = SearchQuery(
        text=clean_query_text(params.get("q", "")),
        filters=filters,
        sort=sort,
        page=page,
        per_page=per_page,
    )
    return SearchRequest(query=query, invalid=bad_filters + bad_sort + bad_page)
