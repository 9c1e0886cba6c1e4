"""Editors' promoted results (Wagtail's `wagtail.contrib.search_promotions`): the pages an
editor recommends for a query, shown above the hits under "Anbefalet" and never counted as
hits. Only live, public pages are shown; a search never records the query (no hit counts)."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

MAX_PROMOTIONS = 5


@dataclass(frozen=True)
class Promotion:
    title: str
    url: str
    description: str


def promotions_for(text: str) -> list[Promotion]:
    """The live, public pages promoted for the query, in the editors' order."""
    query_string = normalise_query_string(" ".join(text.split()))
    if not query_string:
        return []
    picks = list(
        SearchPromotion.objects.filter(query__query_string=query_string, page__isnull=False)
        .order_by("sort_order", "pk")
        .values_list("page_id", "description")[: MAX_PROMOTIONS * 2]
    )
    visible = Page.objects.live().public().filter(pk__in=[page_id for page_id, _ in picks])
    pages = {page.pk: page for page in visible}
    shown = [
        Promotion(pages[page_id].title, pages[page_id].url, description)
        for page_id, description in picks
        if page_id in pages and pages[page_id].url
    ]
    return shown[:MAX_PROMOTIONS]
