"""What the search page (/soeg/) shows of a search's results: the result list, the facets
with their options, the filter chips, sorting, pagination and notices.

A page costs a constant number of queries besides the search: the names of the facet values
(search.facet_labels: goals, themes, municipalities) and the theme check of search.forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.filter_values import ActiveFilter, notices
from search.backends.base import SORTS, SearchHit, SearchQuery, SearchResults
from search.facets import FACETS, Facet
from search.forms import MAX_PAGE, SearchRequest
from search.page_types import type_labels_singular
from search.query_string import query_parameters, search_url, toggled
from taxonomy.models import SDGGoal

SORT_LABELS = {"relevance": gettext_lazy("Relevans"), "newest": gettext_lazy("Nyeste")}


# Labels and facets --------------------------------------------------------------------------


class Labels:
    """Names for the facet values of one results page: one lookup per facet, asked once with
    every value the page shows (its counts and its selection)."""

    def __init__(self, query: SearchQuery, results: SearchResults):
        self.names = {
            facet.name: facet.value_names(_shown_values(facet, query, results)) for facet in FACETS
        }

    @property
    def goals(self) -> Mapping[str, SDGGoal]:
        """Every goal by its number as a string: for badges and browsing by goal."""
        return self.names["goal"]

    def named(self, facet: str, value: str) -> object | None:
        return self.names[facet].get(value)

    def label(self, facet: str, value: str) -> str:
        return str(self.names[facet].get(value, value))


def _shown_values(facet: Facet, query: SearchQuery, results: SearchResults) -> set[str]:
    counted = results.facets.get(facet.name, {})
    return set(counted) | {str(value) for value in query.selected(facet.name)}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    goal: SDGGoal | None = None  # shown with the goal's colour


@dataclass
class FacetGroup:
    name: str
    heading: str
    options: list[FacetOption]


def _options(facet: Facet, query: SearchQuery, results: SearchResults, labels: Labels):
    """The facet's values with their counts, ordered as the facet says; a ticked value stays,
    even at zero, so that it can be unticked."""
    selected = {str(value) for value in query.selected(facet.name)}
    counts = dict(results.facets.get(facet.name, {}))
    for value in selected:
        counts.setdefault(value, 0)
    options = [
        FacetOption(
            value=value,
            label=labels.label(facet.name, value),
            count=count,
            selected=value in selected,
            goal=_goal(labels.named(facet.name, value)),
        )
        for value, count in counts.items()
    ]
    return sorted(options, key=facet.option_order)


def _goal(named: object | None) -> SDGGoal | None:
    return named if isinstance(named, SDGGoal) else None


def facet_groups(query: SearchQuery, results: SearchResults, labels: Labels) -> list[FacetGroup]:
    return [
        FacetGroup(facet.name, str(facet.label), _options(facet, query, results, labels))
        for facet in FACETS
    ]


def active_filters(query: SearchQuery, labels: Labels) -> list[ActiveFilter]:
    """A chip per selected value, whose link is the search without it."""
    return [
        ActiveFilter(
            param=facet.name,
            value=str(value),
            label=f"{facet.label}: {labels.label(facet.name, str(value))}",
            remove_url=search_url(toggled(query, facet.name, value)),
        )
        for facet in FACETS
        for value in query.selected(facet.name)
    ]


# Results ------------------------------------------------------------------------------------


@dataclass
class ResultItem:
    hit: SearchHit
    type_label: str
    goals: list[SDGGoal]


def result_items(results: SearchResults, labels: Labels) -> list[ResultItem]:
    return [
        ResultItem(
            hit,
            str(type_labels_singular().get(hit.type, hit.type)),
            [labels.goals[str(number)] for number in hit.goals if str(number) in labels.goals],
        )
        for hit in results.hits
    ]


def page_of_results(query: SearchQuery, results: SearchResults) -> Page:
    """A Django page object for the pagination include, over the count the backend gave."""
    paginator = Paginator(range(min(results.count, MAX_PAGE * query.per_page)), query.per_page)
    return paginator.get_page(query.page)


def page_query(query: SearchQuery) -> str:
    """The query string the pagination include appends a page number to."""
    parameters = urlencode(query_parameters(query))
    return f"{parameters}&page=" if parameters else "page="


def page_notices(search_request: SearchRequest, results: SearchResults) -> list[str]:
    lines = notices(search_request.invalid)
    if search_request.query.page > 1 and not results.hits and results.count:
        lines.append(_("Der er ikke så mange resultater; gå til side 1."))
    return lines


# The page -----------------------------------------------------------------------------------


def results_page_context(search_request: SearchRequest, results: SearchResults) -> dict:
    """The template context of search/search.html."""
    query = search_request.query
    labels = Labels(query, results)
    return {
        "current_title": _("Søg"),
        "search_query": query.text,
        "query": query,
        "results": results,
        "items": result_items(results, labels),
        "facet_groups": facet_groups(query, results, labels),
        "active_filters": active_filters(query, labels),
        "clear_filters_url": search_url(SearchQuery(text=query.text, sort=query.sort)),
        "filtered": bool(query.filters),
        "sort_options": [
            (SORT_LABELS[sort], search_url(replace(query, sort=sort, page=1)), sort == query.sort)
            for sort in SORTS
        ],
        "filter_parameters": [
            (name, value) for name, value in query_parameters(query) if name not in ("q", "page")
        ],
        "notices": page_notices(search_request, results),
        "page_obj": page_of_results(query, results),
        "page_query": page_query(query),
        "suggestion_url": (
            search_url(replace(query, text=results.suggestion, page=1))
            if results.suggestion
            else ""
        ),
        "browse_goals": list(labels.goals.values()),
    }
