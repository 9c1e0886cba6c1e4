"""The search's facets, one entry each: all that the search page, the JSON API and both
backends need to know about a facet.

A facet's `name` is its URL parameter and its key everywhere else: in SearchQuery.filters,
SearchResults.facets and the API's `facets`. Adding a facet is adding an entry here, plus
what it reads in each index: a SearchFilter column (written by the database backend's
`_filter_row`) and a PageDocument field.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from search.facet_labels import (
    NameLookup,
    OptionOrder,
    alphabetical,
    by_number,
    fixed_names,
    goals_by_number,
    in_order_of,
    most_common_first,
    municipality_names,
    newest_first,
    no_names,
    theme_names,
)
from search.facet_values import (
    ValueRule,
    choice_rule,
    goal_number_rule,
    known_slug_rule,
    year_rule,
)
from search.page_types import type_labels, types
from taxonomy.models import Approach, Theme
from taxonomy.reference import MUNICIPALITIES


class Encoding(Enum):
    """How a SearchFilter column holds a facet's values (search.backends.database.facets)."""

    PLAIN = "plain"  # the value itself; "" or NULL: none
    NUMBER_BITS = "number bits"  # a bit set: bit n is the number n
    THEME_BITS = "theme bits"  # the bits SearchThemeBit assigns, then slugs in theme_overflow


@dataclass(frozen=True)
class SnapshotField:
    """Where the database backend's facet bitmaps read a facet: SearchFilter columns."""

    columns: tuple[str, ...]
    encoding: Encoding = Encoding.PLAIN


@dataclass(frozen=True)
class Facet:
    name: str
    label: Promise  # the heading on the search page and in a filter chip
    values: ValueRule  # which URL values are usable, and their type
    database: SnapshotField
    elasticsearch_field: str  # the PageDocument field it filters and counts on
    option_order: OptionOrder = alphabetical  # of its options on the search page
    value_names: NameLookup = no_names  # what the page calls its values


_MUNICIPALITY_SLUGS = frozenset(slug for _code, _name, slug, _region in MUNICIPALITIES)


def _known_themes(candidates: list[str]) -> set[str]:
    return set(Theme.objects.filter(slug__in=candidates).values_list("slug", flat=True))


def _known_municipalities(candidates: list[str]) -> set[str]:
    return _MUNICIPALITY_SLUGS.intersection(candidates)


FACETS: tuple[Facet, ...] = (
    Facet(
        name="goal",
        label=gettext_lazy("Verdensmål"),
        values=goal_number_rule(),
        database=SnapshotField(("goal_bits",), Encoding.NUMBER_BITS),
        elasticsearch_field="goals",
        option_order=by_number,
        value_names=goals_by_number,
    ),
    Facet(
        name="theme",
        label=gettext_lazy("Tema"),
        values=known_slug_rule(_known_themes, "unknown theme"),
        database=SnapshotField(("theme_bits", "theme_overflow"), Encoding.THEME_BITS),
        elasticsearch_field="themes",
        value_names=theme_names,
    ),
    Facet(
        name="municipality",
        label=gettext_lazy("Kommune"),
        values=known_slug_rule(_known_municipalities, "unknown municipality"),
        database=SnapshotField(("municipality",)),
        elasticsearch_field="municipality",
        option_order=most_common_first,
        value_names=municipality_names,
    ),
    Facet(
        name="type",
        label=gettext_lazy("Indholdstype"),
        values=choice_rule(types()),
        database=SnapshotField(("type",)),
        elasticsearch_field="type",
        option_order=in_order_of(types()),
        value_names=fixed_names(type_labels()),
    ),
    Facet(
        name="approach",
        label=gettext_lazy("Organisering"),
        values=choice_rule(Approach.values),
        database=SnapshotField(("approach",)),
        elasticsearch_field="approach",
        option_order=in_order_of(Approach.values),
        value_names=fixed_names(dict(Approach.choices)),
    ),
    Facet(
        name="year",
        label=gettext_lazy("År"),
        values=year_rule(),
        database=SnapshotField(("year",)),
        elasticsearch_field="year",
        option_order=newest_first,
    ),
)
FACET_NAMES = tuple(facet.name for facet in FACETS)
