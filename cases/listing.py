"""Filtering, counting, sorting and paginating case lists from query parameters.

One piece of code serves the case listing, the goal pages and the municipality pages.
Parameters: goal (1-17), theme (slug), municipality (slug), approach (top-down, bottom-up,
hybrid), level (a level of work, 1-3), each repeatable; values of one parameter are
alternatives (OR), different parameters narrow each other (AND). sort is newest (the
default) or municipality. A value that cannot be used is dropped with a notice, so a shared
or hand-typed URL always answers.

Each filter offers only the values that would list a case, with the number it would list
(counted, as in search, with every other filter applied but its own, so ticking a second goal
shows what it adds); a value already chosen stays offered so that it can be removed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy, ngettext

from core.collation import danish_sort_key
from core.content_version import digest, query_key, shared
from core.filter_values import (
    ActiveFilter,
    Rejected,
    choices,
    notices,
    page_number,
    parameter_values,
    slugs,
    small_numbers,
)
from core.filter_values import (
    goal_numbers as goal_number_values,
)
from core.images import with_lead_images
from core.models import newest_first_order
from taxonomy.models import Approach, Municipality, SDGGoal, Theme, WorkLevel

FILTER_PARAMS = ("goal", "theme", "municipality", "approach", "level")
# Every parameter a listing reads: its answers to these may be kept (core.page_cache).
LISTING_PARAMS = (*FILTER_PARAMS, "sort", "page")
LEVEL_NUMBERS = range(1, 100)


# Orders ------------------------------------------------------------------------------------


def municipality_ranks() -> dict[int, int]:
    """Each municipality's place in Danish alphabetical order, by its id."""
    names = sorted(
        Municipality.objects.values_list("name", "pk"), key=lambda item: danish_sort_key(item[0])
    )
    return {pk: rank for rank, (_name, pk) in enumerate(names)}


def by_municipality() -> list:
    """Municipalities A to Å (Æ, Ø, Å last, as in Danish), the newest first within each."""
    ranks = municipality_ranks()
    rank = Case(
        *(When(municipality_id=pk, then=Value(place)) for pk, place in ranks.items()),
        default=Value(len(ranks)),
        output_field=IntegerField(),
    )
    return [rank, *newest_first_order()]


@dataclass(frozen=True)
class Sort:
    value: str
    label: Promise
    order: Callable[[], list]


SORTS = {
    sort.value: sort
    for sort in (
        Sort("newest", gettext_lazy("Nyeste"), newest_first_order),
        Sort("municipality", gettext_lazy("Kommune (A-Å)"), by_municipality),
    )
}
DEFAULT_SORT = "newest"


# Counting ----------------------------------------------------------------------------------


def with_case_counts(queryset: QuerySet, cases: QuerySet) -> QuerySet:
    """Goals, themes, levels or municipalities, each annotated with `case_count`: how many of
    `cases` it has (one query, however many there are)."""
    return queryset.annotate(
        case_count=Count("cases", filter=Q(cases__in=cases.values("pk")), distinct=True)
    )


def _counted_objects(model, order: Callable[[Any], Any]) -> Callable[[QuerySet], list]:
    def counted(cases: QuerySet) -> list[tuple[Any, int]]:
        objects = sorted(with_case_counts(model.objects.all(), cases), key=order)
        return [(obj, obj.case_count) for obj in objects]

    return counted


def _counted_approaches(cases: QuerySet) -> list[tuple[str, int]]:
    counts = dict(cases.order_by().values_list("approach").annotate(count=Count("pk")))
    return [(value, counts.get(value, 0)) for value in Approach.values]


# Parsing -----------------------------------------------------------------------------------


def _parse_by_number(model, numbers_of: Callable) -> Callable:
    def parse(values: list[str]) -> tuple[list, list[str]]:
        numbers, bad = numbers_of(values)
        objects = list(model.objects.filter(number__in=numbers)) if numbers else []
        known = {obj.number for obj in objects}
        unknown = [value for value in values if value not in bad and int(value) not in known]
        return sorted(objects, key=lambda obj: obj.number), bad + unknown

    return parse


def _parse_by_slug(model) -> Callable:
    def parse(values: list[str]) -> tuple[list, list[str]]:
        candidates, bad = slugs(values)
        objects = list(model.objects.filter(slug__in=candidates)) if candidates else []
        known = {obj.slug for obj in objects}
        return objects, bad + [value for value in candidates if value not in known]

    return parse


# Narrowing ---------------------------------------------------------------------------------


def _through(relation: str, target: str) -> Callable[[QuerySet, list], QuerySet]:
    """Narrow by a many-to-many field: a subquery keeps each case once, however many match."""

    def narrow(cases: QuerySet, objects: list) -> QuerySet:
        through = getattr(cases.model, relation).through
        ids = through.objects.filter(**{f"{target}__in": objects}).values("casepage_id")
        return cases.filter(pk__in=ids)

    return narrow


# The filters -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    """One filter of the listing: its parameter, and how its values are read, applied,
    named, and counted."""

    param: str
    legend: Promise
    parse: Callable[[list[str]], tuple[list, list[str]]]  # raw values -> (values, unusable)
    narrow: Callable[[QuerySet, list], QuerySet]
    value_of: Callable[[Any], str]  # a value as the URL writes it
    label_of: Callable[[Any], str]  # and as a chip names it
    counted: Callable[[QuerySet], list[tuple[Any, int]]]  # every value, in order, with a count
    widget: str = "checkboxes"


_APPROACH_LABELS = dict(Approach.choices)

DIMENSIONS = {
    dimension.param: dimension
    for dimension in (
        Dimension(
            "goal",
            gettext_lazy("Verdensmål"),
            _parse_by_number(SDGGoal, goal_number_values),
            _through("goals", "sdggoal"),
            lambda goal: str(goal.number),
            str,
            _counted_objects(SDGGoal, lambda goal: goal.number),
        ),
        Dimension(
            "theme",
            gettext_lazy("Tema"),
            _parse_by_slug(Theme),
            _through("themes", "theme"),
            lambda theme: theme.slug,
            lambda theme: theme.name,
            _counted_objects(Theme, lambda theme: danish_sort_key(theme.name)),
        ),
        Dimension(
            "municipality",
            gettext_lazy("Kommune"),
            _parse_by_slug(Municipality),
            lambda cases, objects: cases.filter(municipality__in=objects),
            lambda municipality: municipality.slug,
            lambda municipality: municipality.name,
            _counted_objects(Municipality, lambda m: danish_sort_key(m.name)),
            widget="select",
        ),
        Dimension(
            "approach",
            gettext_lazy("Organisering"),
            lambda values: choices(values, Approach.values),
            lambda cases, values: cases.filter(approach__in=values),
            str,
            lambda value: str(_APPROACH_LABELS[value]),
            _counted_approaches,
        ),
        Dimension(
            "level",
            gettext_lazy("Arbejdsniveau"),
            _parse_by_number(WorkLevel, lambda values: small_numbers(values, LEVEL_NUMBERS)),
            _through("work_levels", "worklevel"),
            lambda level: str(level.number),
            lambda level: level.name,
            _counted_objects(WorkLevel, lambda level: level.number),
        ),
    )
}


@dataclass
class Option:
    """A value a filter offers, how many cases it would list, and whether it is chosen."""

    value: str
    label: str
    count: int
    selected: bool
    item: Any = None  # the goal, theme, ... itself (a goal's option shows its colour)


@dataclass
class FilterGroup:
    param: str
    legend: Promise
    widget: str
    options: list[Option]


@dataclass
class CaseFilters:
    """The valid filters of a request (values by parameter), and notices about the values
    that were dropped."""

    chosen: dict[str, list] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    def values(self, param: str) -> list:
        return self.chosen.get(param, [])

    def apply(self, cases: QuerySet, leaving_out: str | None = None) -> QuerySet:
        """The cases that pass every chosen filter (but the one `leaving_out` names)."""
        for param, values in self.chosen.items():
            if values and param != leaving_out:
                cases = DIMENSIONS[param].narrow(cases, values)
        return cases

    def active(self) -> list[ActiveFilter]:
        return [
            ActiveFilter(
                param, DIMENSIONS[param].value_of(value), DIMENSIONS[param].label_of(value)
            )
            for param, values in self.chosen.items()
            for value in values
        ]

    def key(self, leaving_out: str | None = None) -> tuple:
        """The chosen filters (but the one `leaving_out` names) as a cache key holds them."""
        return tuple(
            (param, sorted(DIMENSIONS[param].value_of(value) for value in values))
            for param, values in self.chosen.items()
            if values and param != leaving_out
        )

    def counted(self, dimension: "Dimension", cases: QuerySet, scope: str) -> list:
        """`dimension.counted` for the cases every other filter lets through, kept for all
        processes until content changes: each count reads every case in scope, the costliest
        part of a listing at thousands of cases. `scope` names `cases` (`query_key`)."""
        key = f"counts:{scope}:{dimension.param}:{digest(self.key(leaving_out=dimension.param))}"
        return shared(key, lambda: dimension.counted(self.apply(cases, dimension.param)))

    def groups(self, cases: QuerySet, scope: str) -> list[FilterGroup]:
        """What the filter form offers: for each filter the values that would list a case, and
        those already chosen; one query each (when not yet counted)."""
        groups = []
        for param in self.chosen:
            dimension = DIMENSIONS[param]
            chosen = {dimension.value_of(value) for value in self.values(param)}
            options = [
                Option(
                    value=dimension.value_of(value),
                    label=dimension.label_of(value),
                    count=count,
                    selected=dimension.value_of(value) in chosen,
                    item=value,
                )
                for value, count in self.counted(dimension, cases, scope)
            ]
            options = [option for option in options if option.count or option.selected]
            if options:
                groups.append(FilterGroup(param, dimension.legend, dimension.widget, options))
        return groups

    @property
    def any_chosen(self) -> bool:
        return any(self.chosen.values())


def parse_case_filters(params, allowed: tuple[str, ...] = FILTER_PARAMS) -> CaseFilters:
    """Read the allowed filter parameters from a QueryDict; anything unusable becomes a notice."""
    filters, rejected = CaseFilters(), []
    for param in allowed:
        valid, bad = DIMENSIONS[param].parse(parameter_values(params, param))
        filters.chosen[param] = valid
        rejected += [Rejected(param, value, "unknown value") for value in bad]
    filters.notices = notices(rejected)
    return filters


def available_sorts(allowed: tuple[str, ...]) -> dict[str, Sort]:
    """The sorts that order a list: by municipality only where cases of several are listed."""
    return {value: sort for value, sort in SORTS.items() if value in allowed + (DEFAULT_SORT,)}


def parse_sort(params, sorts: dict[str, Sort]) -> tuple[Sort, list[str]]:
    """The sort asked for; the default, with a notice, for a value that is none."""
    value = params.get("sort", "").strip()
    if not value or value in sorts:
        return sorts[value or DEFAULT_SORT], []
    return sorts[DEFAULT_SORT], notices([Rejected("sort", value, "unknown value")])


class SharedCountPaginator(Paginator):
    """Counts the items once per content version for all processes (core.content_version):
    a count reads every case in scope. `count_key` names the items."""

    def __init__(self, object_list, per_page, count_key: str):
        super().__init__(object_list, per_page)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        return shared(self.count_key, self.object_list.count)


def paginate(
    items: QuerySet, page_param: str | None, per_page: int, count_key: str
) -> tuple[Page, str]:
    """The requested page, or the nearest existing one with a notice saying so."""
    paginator = SharedCountPaginator(items, per_page, count_key)
    number = page_number(page_param)
    if number is None:
        return paginator.page(1), Rejected("page", page_param, "not a page number").notice
    if number > paginator.num_pages:
        notice = ngettext(
            "Der er kun %(count)s side; her er den.",
            "Der er kun %(count)s sider; her er den sidste.",
            paginator.num_pages,
        )
        return paginator.page(paginator.num_pages), notice % {"count": paginator.num_pages}
    return paginator.page(number), ""


def _query(items: list[tuple[str, str]]) -> str:
    return "?" + urlencode(items) if items else "?"


def _sort_param(sort: Sort) -> list[tuple[str, str]]:
    """The sort as a URL keeps it: the default is left out."""
    return [] if sort.value == DEFAULT_SORT else [("sort", sort.value)]


def case_listing(request, cases: QuerySet, allowed: tuple[str, ...] = FILTER_PARAMS) -> dict:
    """Everything a template needs to show a filtered, sorted, paginated list of `cases`."""
    filters = parse_case_filters(request.GET, allowed)
    sorts = available_sorts(allowed)
    sort, sort_notices = parse_sort(request.GET, sorts)
    sort_param = _sort_param(sort)
    active = filters.active()
    kept = [(item.param, item.value) for item in active]
    for item in active:
        item.remove_url = _query(
            [pair for pair in kept if pair != (item.param, item.value)] + sort_param
        )
    scope = query_key("cases", cases)  # what decides the counts, with the filters
    page, page_notice = paginate(
        with_lead_images(filters.apply(cases), "card")
        .select_related("municipality")
        .prefetch_related("goals")
        .order_by(*sort.order()),
        request.GET.get("page"),
        settings.CASES_PER_PAGE,
        count_key=f"count:{scope}:{digest(filters.key())}",
    )
    count = page.paginator.count
    # Without a case to list, a page has none at all, or none that the filters let through.
    none_at_all = not count and (not filters.any_chosen or not cases.exists())
    # A single case needs no filters; chosen ones are always shown, to be removed.
    offer_filters = not none_at_all and (count > 1 or filters.any_chosen)
    return {
        "cases": page,
        "none_at_all": none_at_all,
        "active_filters": active,
        "notices": filters.notices + sort_notices + ([page_notice] if page_notice else []),
        "filter_groups": filters.groups(cases, scope) if offer_filters else [],
        "sort": sort.value,
        "sort_options": [
            (option.label, _query(kept + _sort_param(option)), option is sort)
            for option in sorts.values()
        ]
        if len(sorts) > 1
        else [],
        "page_query": urlencode(kept + sort_param + [("page", "")]),
        "clear_url": _query(sort_param),
    }
