"""A search as the query string of its results page: the links a results page carries."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from search.backends.base import SORTS, SearchQuery
from search.facets import FACETS


def query_parameters(query: SearchQuery, page: int = 1) -> list[tuple[str, str]]:
    """The canonical parameters of a search: q, each facet's values, sort and page, the
    defaults left out, so that one search has one URL."""
    parameters = [("q", query.text)] if query.text else []
    for facet in FACETS:
        parameters += [(facet.name, str(value)) for value in query.selected(facet.name)]
    if query.sort != SORTS[0]:
        parameters.append(("sort", query.sort))
    if page > 1:
        parameters.append(("page", str(page)))
    return parameters


def search_url(query: SearchQuery, page: int = 1) -> str:
    return "?" + urlencode(query_parameters(query, page))


def toggled(query: SearchQuery, facet: str, value) -> SearchQuery:
    """The search with the value of the facet ticked if it was not, unticked if it was; from
    its first page, since the results change."""
    selected = query.selected(facet)
    values = tuple(v for v in selected if v != value) if value in selected else (*selected, value)
    return replace(query, page=1, filters={**query.filters, facet: values})
