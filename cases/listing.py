"""Filtering and paginating case lists from query parameters.

One piece of code serves the case listing, the goal pages and the municipality pages.
Parameters: goal (1-17), theme (slug), municipality (slug), approach (top-down, bottom-up,
hybrid), each repeatable; values of one parameter are alternatives (OR), different
parameters narrow each other (AND). A value that cannot be used is dropped with a notice,
so a shared or hand-typed URL always answers.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import ngettext

from core.filter_values import (
    ActiveFilter,
    Rejected,
    choices,
    goal_numbers,
    notices,
    page_number,
    parameter_values,
    slugs,
)
from core.images import with_lead_images
from core.models import newest_first
from taxonomy.models import Approach, Municipality, SDGGoal, Theme

FILTER_PARAMS = ("goal", "theme", "municipality", "approach")


@dataclass
class CaseFilters:
    """The valid filters of a request, and notices about the values that were dropped."""

    goals: list[SDGGoal] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    municipalities: list[Municipality] = field(default_factory=list)
    approaches: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def apply(self, cases: QuerySet) -> QuerySet:
        """Subqueries on the many-to-many tables keep each case once, however many match."""
        if self.goals:
            cases = cases.filter(pk__in=_case_ids(cases.model.goals.through, "sdggoal", self.goals))
        if self.themes:
            cases = cases.filter(pk__in=_case_ids(cases.model.themes.through, "theme", self.themes))
        if self.municipalities:
            cases = cases.filter(municipality__in=self.municipalities)
        if self.approaches:
            cases = cases.filter(approach__in=self.approaches)
        return cases

    def active(self) -> list[ActiveFilter]:
        approach_labels = dict(Approach.choices)
        return (
            [ActiveFilter("goal", str(g.number), str(g)) for g in self.goals]
            + [ActiveFilter("theme", t.slug, t.name) for t in self.themes]
            + [ActiveFilter("municipality", m.slug, m.name) for m in self.municipalities]
            + [ActiveFilter("approach", a, str(approach_labels[a])) for a in self.approaches]
        )

    def selected_values(self, param: str) -> set[str]:
        return {item.value for item in self.active() if item.param == param}


def _case_ids(through, target: str, objects) -> QuerySet:
    return through.objects.filter(**{f"{target}__in": objects}).values("casepage_id")


def _parse_goals(values: list[str]) -> tuple[list[SDGGoal], list[str]]:
    numbers, bad = goal_numbers(values)
    goals = list(SDGGoal.objects.filter(number__in=numbers)) if numbers else []
    known = {goal.number for goal in goals}
    return goals, bad + [value for value in values if value not in bad and int(value) not in known]


def _parse_by_slug(model, values: list[str]) -> tuple[list, list[str]]:
    candidates, bad = slugs(values)
    objects = list(model.objects.filter(slug__in=candidates)) if candidates else []
    known = {obj.slug for obj in objects}
    return objects, bad + [value for value in candidates if value not in known]


_PARSERS = {
    "goal": ("goals", _parse_goals),
    "theme": ("themes", lambda values: _parse_by_slug(Theme, values)),
    "municipality": ("municipalities", lambda values: _parse_by_slug(Municipality, values)),
    "approach": ("approaches", lambda values: choices(values, Approach.values)),
}


def parse_case_filters(params, allowed: tuple[str, ...] = FILTER_PARAMS) -> CaseFilters:
    """Read the allowed filter parameters from a QueryDict; anything unusable becomes a notice."""
    filters, rejected = CaseFilters(), []
    for param in allowed:
        attribute, parse = _PARSERS[param]
        valid, bad = parse(parameter_values(params, param))
        setattr(filters, attribute, valid)
        rejected += [Rejected(param, value, "unknown value") for value in bad]
    filters.notices = notices(rejected)
    return filters


def paginate(items: QuerySet, page_param: str | None, per_page: int) -> tuple[Page, str]:
    """The requested page, or the nearest existing one with a notice saying so."""
    paginator = Paginator(items, per_page)
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


def filter_options(filters: CaseFilters, cases: QuerySet, allowed: tuple[str, ...]) -> dict:
    """What the filter form offers: every goal, the themes and municipalities that have cases."""
    options = {}
    if "goal" in allowed:
        selected = filters.selected_values("goal")
        options["goal"] = [(g, str(g.number) in selected) for g in SDGGoal.objects.all()]
    if "theme" in allowed:
        selected = filters.selected_values("theme")
        themes = Theme.objects.filter(cases__in=cases) | Theme.objects.filter(slug__in=selected)
        options["theme"] = [(t, t.slug in selected) for t in themes.distinct().order_by("name")]
    if "municipality" in allowed:
        selected = filters.selected_values("municipality")
        municipalities = Municipality.objects.filter(cases__in=cases) | Municipality.objects.filter(
            slug__in=selected
        )
        options["municipality"] = [
            (m, m.slug in selected) for m in municipalities.distinct().order_by("name")
        ]
    if "approach" in allowed:
        selected = filters.selected_values("approach")
        options["approach"] = [
            (value, label, value in selected) for value, label in Approach.choices
        ]
    return options


def case_listing(request, cases: QuerySet, allowed: tuple[str, ...] = FILTER_PARAMS) -> dict:
    """Everything a template needs to show a filtered, paginated list of cases."""
    filters = parse_case_filters(request.GET, allowed)
    active = filters.active()
    kept = [(item.param, item.value) for item in active]
    for item in active:
        item.remove_url = _query([pair for pair in kept if pair != (item.param, item.value)])
    page, page_notice = paginate(
        newest_first(
            with_lead_images(filters.apply(cases), "card")
            .select_related("municipality")
            .prefetch_related("goals")
        ),
        request.GET.get("page"),
        settings.CASES_PER_PAGE,
    )
    return {
        "cases": page,
        "active_filters": active,
        "notices": filters.notices + ([page_notice] if page_notice else []),
        "options": filter_options(filters, cases, allowed),
        "page_query": urlencode(kept + [("page", "")]),
        "clear_url": "?",
    }
