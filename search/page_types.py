"""The kinds of page the search shows: the page types that declare themselves searchable
(`core.models.SearchablePage`), in the order they declare, with their Danish names: plural for
the type facet, singular for a result's meta line.

Read when first asked, once every app's models are loaded; search never imports the apps.
"""

from __future__ import annotations

from functools import cache

from core.models import searchable_page_types


@cache
def types() -> tuple[str, ...]:
    return tuple(searchable_page_types())


@cache
def type_labels() -> dict[str, str]:
    return {name: model.search_label_plural for name, model in searchable_page_types().items()}


@cache
def type_labels_singular() -> dict[str, str]:
    return {name: model.search_label for name, model in searchable_page_types().items()}
