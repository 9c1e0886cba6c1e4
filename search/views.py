"""The search page (/soeg/) and the JSON API (/api/search/, /api/search/suggest/).

Both read their parameters with search.forms and ask search.service, so they always agree.
A page render costs a constant number of queries: the search itself (three on the database
backend), theme validation, and the labels of goals, themes and municipalities.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from core.filter_values import ActiveFilter, capped, notices
from search import service
from search.backends.base import SORTS, TYPES, SearchHit, SearchQuery, SearchResults
from search.forms import (
    FILTER_PARAMS,
    MAX_PAGE,
    SearchRequest,
    clean_query_text,
    parse_search_request,
)
from taxonomy.models import Approach, Municipality, SDGGoal, Theme

RESULTS_PER_PAGE = 10
SUGGEST_MAX_CHARS = 100

TYPE_LABELS = {
    "case": gettext_lazy("Cases"),
    "research": gettext_lazy("Forskning"),
    "event": gettext_lazy("Arrangementer"),
    "network": gettext_lazy("Netværket"),
    "page": gettext_lazy("Sider"),
}
TYPE_LABELS_SINGULAR = {
    "case": gettext_lazy("Case"),
    "research": gettext_lazy("Forskningsresultat"),
    "event": gettext_lazy("Arrangement"),
    "network": gettext_lazy("Netværk"),
    "page": gettext_lazy("Side"),
}
APPROACH_LABELS = dict(Approach.choices)
SORT_LABELS = {"relevance": gettext_lazy("Relevans"), "newest": gettext_lazy("Nyeste")}
FACET_HEADINGS = {
    "goal": gettext_lazy("Verdensmål"),
    "theme": gettext_lazy("Tema"),
    "municipality": gettext_lazy("Kommune"),
    "type": gettext_lazy("Indholdstype"),
    "approach": gettext_lazy("Organisering"),
    "year": gettext_lazy("År"),
}
# The query's attribute holding each facet's selected values.
_FACET_ATTRIBUTES = {
    "goal": "goals",
    "theme": "themes",
    "municipality": "municipalities",
    "type": "types",
    "approach": "approaches",
    "year": "years",
}


# URLs ---------------------------------------------------------------------------------------


def query_parameters(query: SearchQuery, page: int = 1) -> list[tuple[str, str]]:
    """The canonical parameters of a search: what links on the results page carry."""
    parameters = [("q", query.text)] if query.text else []
    for facet in FILTER_PARAMS:
        parameters += [(facet, str(value)) for value in _selected(query, facet)]
    if query.sort != SORTS[0]:
        parameters.append(("sort", query.sort))
    if page > 1:
        parameters.append(("page", str(page)))
    return parameters


def search_url(query: SearchQuery, page: int = 1) -> str:
    return "?" + urlencode(query_parameters(query, page))


def _selected(query: SearchQuery, facet: str) -> tuple:
    return getattr(query, _FACET_ATTRIBUTES[facet])


def _toggled(query: SearchQuery, facet: str, value) -> SearchQuery:
    selected = _selected(query, facet)
    values = tuple(v for v in selected if v != value) if value in selected else (*selected, value)
    return replace(query, page=1, **{_FACET_ATTRIBUTES[facet]: values})


# Labels and facets --------------------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    goal: SDGGoal | None = None


@dataclass
class FacetGroup:
    name: str
    heading: str
    options: list[FacetOption]


class Labels:
    """Names for the facet values of one results page: three queries, however many values."""

    def __init__(self, query: SearchQuery, results: SearchResults):
        self.goals = {str(goal.number): goal for goal in SDGGoal.objects.all()}
        themes = set(results.facets.get("theme", {})) | set(query.themes)
        municipalities = set(results.facets.get("municipality", {})) | set(query.municipalities)
        self.themes = dict(Theme.objects.filter(slug__in=themes).values_list("slug", "name"))
        self.municipalities = dict(
            Municipality.objects.filter(slug__in=municipalities).values_list("slug", "name")
        )

    def label(self, facet: str, value: str) -> str:
        if facet == "goal":
            goal = self.goals.get(value)
            return str(goal) if goal else value
        if facet == "type":
            return str(TYPE_LABELS.get(value, value))
        if facet == "approach":
            return str(APPROACH_LABELS.get(value, value))
        if facet == "year":
            return value
        names = self.themes if facet == "theme" else self.municipalities
        return names.get(value, value)


def _typed(facet: str, value: str):
    return int(value) if facet in ("goal", "year") else value


def _position(value: str, ordered: tuple[str, ...]) -> int:
    return ordered.index(value) if value in ordered else len(ordered)


def _option_order(facet: str, option: FacetOption):
    if facet == "goal":
        return (int(option.value),)
    if facet == "type":
        return (_position(option.value, TYPES),)
    if facet == "municipality":
        return (-option.count, option.label)
    if facet == "year":
        return (-int(option.value),)
    if facet == "approach":
        return (_position(option.value, tuple(APPROACH_LABELS)),)
    return (option.label.lower(),)


def facet_groups(query: SearchQuery, results: SearchResults, labels: Labels) -> list[FacetGroup]:
    groups = []
    for facet in FILTER_PARAMS:
        counts = dict(results.facets.get(facet, {}))
        for value in _selected(query, facet):  # a ticked box stays, even at zero
            counts.setdefault(str(value), 0)
        options = [
            FacetOption(
                value=value,
                label=labels.label(facet, value),
                count=count,
                selected=_typed(facet, value) in _selected(query, facet),
                goal=labels.goals.get(value) if facet == "goal" else None,
            )
            for value, count in counts.items()
        ]
        options.sort(key=lambda option, facet=facet: _option_order(facet, option))
        groups.append(FacetGroup(facet, str(FACET_HEADINGS[facet]), options))
    return groups


def active_filters(query: SearchQuery, labels: Labels) -> list[ActiveFilter]:
    return [
        ActiveFilter(
            param=facet,
            value=str(value),
            label=f"{FACET_HEADINGS[facet]}: {labels.label(facet, str(value))}",
            remove_url=search_url(_toggled(query, facet, value)),
        )
        for facet in FILTER_PARAMS
        for value in _selected(query, facet)
    ]


# Views --------------------------------------------------------------------------------------


@dataclass
class ResultItem:
    hit: SearchHit
    type_label: str
    goals: list[SDGGoal]


def _page_of_results(query: SearchQuery, results: SearchResults):
    """A Django page object for the pagination include, over the count the backend gave."""
    paginator = Paginator(range(min(results.count, MAX_PAGE * query.per_page)), query.per_page)
    return paginator.get_page(query.page)


def _page_query(query: SearchQuery) -> str:
    """The query string the pagination include appends a page number to."""
    parameters = urlencode(query_parameters(query))
    return f"{parameters}&page=" if parameters else "page="


def _notices(search_request: SearchRequest, results: SearchResults) -> list[str]:
    lines = notices(search_request.invalid)
    if search_request.query.page > 1 and not results.hits and results.count:
        lines.append(_("Der er ikke så mange resultater; gå til side 1."))
    return lines


def _result_items(results: SearchResults, labels: Labels) -> list[ResultItem]:
    return [
        ResultItem(
            hit,
            str(TYPE_LABELS_SINGULAR.get(hit.type, hit.type)),
            [labels.goals[str(number)] for number in hit.goals if str(number) in labels.goals],
        )
        for hit in results.hits
    ]


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    search_request = parse_search_request(request.GET, per_page=RESULTS_PER_PAGE)
    query = search_request.query
    results = service.search(query)
    labels = Labels(query, results)
    context = {
        "current_title": _("Søg"),
        "search_query": query.text,
        "query": query,
        "results": results,
        "items": _result_items(results, labels),
        "facet_groups": facet_groups(query, results, labels),
        "active_filters": active_filters(query, labels),
        "clear_filters_url": search_url(SearchQuery(text=query.text, sort=query.sort)),
        "filtered": any(_selected(query, facet) for facet in FILTER_PARAMS),
        "sort_options": [
            (SORT_LABELS[sort], search_url(replace(query, sort=sort, page=1)), sort == query.sort)
            for sort in SORTS
        ],
        "filter_parameters": [
            (name, value) for name, value in query_parameters(query) if name not in ("q", "page")
        ],
        "notices": _notices(search_request, results),
        "page_obj": _page_of_results(query, results),
        "page_query": _page_query(query),
        "suggestion_url": (
            search_url(replace(query, text=results.suggestion, page=1))
            if results.suggestion
            else ""
        ),
        "browse_goals": list(labels.goals.values()),
    }
    return render(request, "search/search.html", context)


def _hit_json(request: HttpRequest, hit: SearchHit) -> dict:
    return {
        "title": hit.title,
        "url": request.build_absolute_uri(hit.url),
        "type": hit.type,
        "highlight": hit.highlight,
        "goals": hit.goals,
        "themes": hit.themes,
        "municipality": hit.municipality,
        "date": hit.date.isoformat() if hit.date else None,
    }


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _errors(search_request: SearchRequest) -> dict:
    """The first few unusable values of each parameter, so the answer stays small."""
    first = search_request.invalid[0]
    return {
        "error": first.error,
        "parameter": first.param,
        "errors": [
            {"parameter": bad.param, "error": bad.error} for bad in capped(search_request.invalid)
        ],
    }


@require_GET
def search_api(request: HttpRequest) -> JsonResponse:
    search_request = parse_search_request(request.GET, per_page=RESULTS_PER_PAGE)
    if search_request.invalid:
        return _json(_errors(search_request), status=400)
    query = search_request.query
    results = service.search(query)
    return _json(
        {
            "backend": results.backend,
            "degraded": results.degraded,
            "count": results.count,
            "page": query.page,
            "pages": math.ceil(results.count / query.per_page),
            "results": [_hit_json(request, hit) for hit in results.hits],
            "facets": results.facets,
            "suggestion": results.suggestion,
        }
    )


@require_GET
def suggest_api(request: HttpRequest) -> JsonResponse:
    prefix = clean_query_text(request.GET.get("q", ""))[:SUGGEST_MAX_CHARS]
    return _json({"query": prefix, "suggestions": service.suggest(prefix)})
