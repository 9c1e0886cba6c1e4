"""Reading a search request's parameters, for the search page and the JSON API alike.

Parameters: q (text), goal (1-17), theme (slug), municipality (slug), type (case, research,
event, network, page), each filter repeatable or comma-separated; sort (relevance, newest);
page (1-1000). Every value that cannot be used is reported, naming its parameter: the API
answers 400 with it, the page drops the value and shows a notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from cases.data.reference import MUNICIPALITIES, SDG_GOALS
from cases.models import Theme
from search.backends.base import SORTS, TYPES, SearchQuery

MAX_PAGE = 1000
MAX_TEXT_CHARS = 1000  # what is kept of q for display; the backends read less
FILTER_PARAMS = ("goal", "theme", "municipality", "type")

_GOAL_NUMBERS = {str(number) for number, *_ in SDG_GOALS}
_MUNICIPALITY_SLUGS = {slug for _code, _name, slug, _region in MUNICIPALITIES}


@dataclass(frozen=True)
class InvalidParameter:
    name: str
    value: str
    reason: str

    @property
    def message(self) -> str:
        return f"{self.name}={Truncator(self.value).chars(40)!r}: {self.reason}"


@dataclass
class SearchRequest:
    query: SearchQuery
    invalid: list[InvalidParameter] = field(default_factory=list)


def _values(params: QueryDict, name: str) -> list[str]:
    """Repeated and comma-separated values, stripped, empty ones dropped, each once."""
    values = (part.strip() for value in params.getlist(name) for part in value.split(","))
    return list(dict.fromkeys(value for value in values if value))


def clean_text(text: str) -> str:
    """The text with control characters (NUL included) as spaces and runs of space as one."""
    printable = "".join(char if char.isprintable() else " " for char in text[:MAX_TEXT_CHARS])
    return " ".join(printable.split())


def _known_theme_slugs(values: list[str]) -> set[str]:
    if not values:
        return set()
    return set(Theme.objects.filter(slug__in=values).values_list("slug", flat=True))


def _split(name, values, valid, reason) -> tuple[list[str], list[InvalidParameter]]:
    good = [value for value in values if value in valid]
    bad = [InvalidParameter(name, value, reason) for value in values if value not in valid]
    return good, bad


def _page_number(value: str | None) -> tuple[int, list[InvalidParameter]]:
    if value is None or not value.strip():
        return 1, []
    value = value.strip()
    if value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_PAGE:
        return int(value), []
    reason = _("skal være et helt tal fra 1 til %(max)s") % {"max": MAX_PAGE}
    return 1, [InvalidParameter("page", value, reason)]


def _sort(value: str | None) -> tuple[str, list[InvalidParameter]]:
    if value is None or not value.strip() or value.strip() in SORTS:
        return (value or "").strip() or SORTS[0], []
    reason = _("skal være en af: %(values)s") % {"values": ", ".join(SORTS)}
    return SORTS[0], [InvalidParameter("sort", value, reason)]


def parse_search_request(params: QueryDict, per_page: int = 10) -> SearchRequest:
    """The usable search of a request, and every value that was not usable."""
    goal_values, theme_values = _values(params, "goal"), _values(params, "theme")
    goals, invalid = _split(
        "goal", goal_values, _GOAL_NUMBERS, _("skal være et verdensmåls nummer fra 1 til 17")
    )
    themes, bad = _split("theme", theme_values, _known_theme_slugs(theme_values), _("ukendt tema"))
    invalid += bad
    municipalities, bad = _split(
        "municipality", _values(params, "municipality"), _MUNICIPALITY_SLUGS, _("ukendt kommune")
    )
    invalid += bad
    type_reason = _("skal være en af: %(values)s") % {"values": ", ".join(TYPES)}
    types, bad = _split("type", _values(params, "type"), set(TYPES), type_reason)
    invalid += bad
    sort, bad = _sort(params.get("sort"))
    invalid += bad
    page, bad = _page_number(params.get("page"))
    invalid += bad
    query = SearchQuery(
        text=clean_text(params.get("q", "")),
        goals=tuple(sorted(int(goal) for goal in goals)),
        themes=tuple(themes),
        municipalities=tuple(municipalities),
        types=tuple(types),
        sort=sort,
        page=page,
        per_page=per_page,
    )
    return SearchRequest(query=query, invalid=invalid)
