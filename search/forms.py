"""Reading a search request's parameters, for the search page and the JSON API alike.

Parameters: q (text), goal (1-17), theme (slug), municipality (slug), type (case, research,
event, network, page), approach (top-down, bottom-up, hybrid), year (four digits), each
filter repeatable or comma-separated; sort (relevance, newest);
page (1-1000). Values are checked by the same rules as the case listings (cases.filter_values);
every value that cannot be used is reported: the API answers 400 with it, the page drops the
value and shows a notice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import QueryDict

from core.filter_values import (
    Rejected,
    choices,
    clean_text,
    goal_numbers,
    page_number,
    parameter_values,
    slugs,
    years,
)
from search.backends.base import SORTS, TYPES, SearchQuery
from taxonomy.models import Approach, Theme
from taxonomy.reference import MUNICIPALITIES

MAX_PAGE = 1000
MAX_TEXT_CHARS = 1000  # what is kept of q for display; the backends read less
FILTER_PARAMS = ("goal", "theme", "municipality", "type", "approach", "year")

_MUNICIPALITY_SLUGS = {slug for _code, _name, slug, _region in MUNICIPALITIES}


@dataclass
class SearchRequest:
    query: SearchQuery
    invalid: list[Rejected] = field(default_factory=list)


def clean_query_text(text: str) -> str:
    return clean_text(text, MAX_TEXT_CHARS)


def _known_slugs(
    values: list[str], known_among: Callable[[list[str]], set[str]]
) -> tuple[list[str], list[str]]:
    """The values that are slugs known_among finds, and the rest."""
    candidates, bad = slugs(values)
    known = known_among(candidates)
    return [v for v in candidates if v in known], bad + [v for v in candidates if v not in known]


def _theme_slugs(candidates: list[str]) -> set[str]:
    if not candidates:
        return set()
    return set(Theme.objects.filter(slug__in=candidates).values_list("slug", flat=True))


def _municipality_slugs(candidates: list[str]) -> set[str]:
    return _MUNICIPALITY_SLUGS.intersection(candidates)


def _rejected(param: str, values: list[str], reason: str) -> list[Rejected]:
    return [Rejected(param, value, reason) for value in values]


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
    goals, bad_goals = goal_numbers(parameter_values(params, "goal"))
    themes, bad_themes = _known_slugs(parameter_values(params, "theme"), _theme_slugs)
    municipalities, bad_municipalities = _known_slugs(
        parameter_values(params, "municipality"), _municipality_slugs
    )
    types, bad_types = choices(parameter_values(params, "type"), TYPES)
    approaches, bad_approaches = choices(parameter_values(params, "approach"), Approach.values)
    year_numbers, bad_years = years(parameter_values(params, "year"))
    sort, bad_sort = _sort(params.get("sort"))
    page, bad_page = _page(params.get("page"))
    invalid = (
        _rejected("goal", bad_goals, "must be a goal number from 1 to 17")
        + _rejected("theme", bad_themes, "unknown theme")
        + _rejected("municipality", bad_municipalities, "unknown municipality")
        + _rejected("type", bad_types, f"must be one of: {', '.join(TYPES)}")
        + _rejected("approach", bad_approaches, f"must be one of: {', '.join(Approach.values)}")
        + _rejected("year", bad_years, "must be a year of four digits")
        + bad_sort
        + bad_page
    )
    query = SearchQuery(
        text=clean_query_text(params.get("q", "")),
        goals=tuple(sorted(goals)),
        themes=tuple(themes),
        municipalities=tuple(municipalities),
        types=tuple(types),
        approaches=tuple(approaches),
        years=tuple(sorted(year_numbers)),
        sort=sort,
        page=page,
        per_page=per_page,
    )
    return SearchRequest(query=query, invalid=invalid)
