"""How the search page names and orders a facet's values.

A facet's names come from one lookup per results page (search.results_page.Labels calls it
once with every value it will show), so naming costs at most one query per facet, however
many values there are. A value without a name is shown as it is (years need none).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Protocol

from taxonomy.models import Municipality, SDGGoal, Theme

# values -> value: what names it; str() of it is what the page shows.
NameLookup = Callable[[Collection[str]], Mapping[str, object]]


class Option(Protocol):
    """What an ordering sees of a facet option (search.results_page.FacetOption)."""

    value: str
    label: str
    count: int


OptionOrder = Callable[[Option], tuple]


# Names ------------------------------------------------------------------------------------


def no_names(values: Collection[str]) -> Mapping[str, object]:
    return {}


def fixed_names(names: Mapping[str, object]) -> NameLookup:
    """Names known without asking the database (choices)."""
    return lambda values: names


def goals_by_number(values: Collection[str]) -> Mapping[str, object]:
    """Every goal, not only the values': the page also shows them as badges and to browse by."""
    return {str(goal.number): goal for goal in SDGGoal.objects.all()}


def theme_names(values: Collection[str]) -> Mapping[str, object]:
    return dict(Theme.objects.filter(slug__in=values).values_list("slug", "name"))


def municipality_names(values: Collection[str]) -> Mapping[str, object]:
    return dict(Municipality.objects.filter(slug__in=values).values_list("slug", "name"))


# Orders -----------------------------------------------------------------------------------


def alphabetical(option: Option) -> tuple:
    return (option.label.lower(),)


def by_number(option: Option) -> tuple:
    return (int(option.value),)


def newest_first(option: Option) -> tuple:
    return (-int(option.value),)


def most_common_first(option: Option) -> tuple:
    return (-option.count, option.label)


def in_order_of(values: Sequence[str]) -> OptionOrder:
    """The order of a list of choices; values not in it last."""
    position = {value: index for index, value in enumerate(values)}
    return lambda option: (position.get(option.value, len(values)),)
