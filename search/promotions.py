"""Editors' promoted results (Wagtail's `wagtail.contrib.search_promotions`): the pages an
editor recommends for a query, shown above the hits under "Anbefalet" and never counted as
hits. Only live, public pages and links to other sites are shown; a search never records the
query (no hit counts)."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core.content_version import remembered

MAX_PROMOTIONS = 5


@dataclass(frozen=True)
class Promotion:
    title: str
    url: str
    description: str


def promotions_for(text: str) -> list[Promotion]:
    """What the editors promoted for the query, in their order: live, public pages of the
    site, and links to other sites (a promotion may be either)."""
    query_string = normalise_query_string(" ".join(text.split()))
    if query_string not in promoted_queries():  # most are not: no query for them
        return []
    picks = list(
        SearchPromotion.objects.filter(query__query_string=query_string).order_by(
            "sort_order", "pk"
        )[: MAX_PROMOTIONS * 2]
    )
    page_ids = [pick.page_id for pick in picks if pick.page_id is not None]
    # Most queries have no promotion: no query for their pages (public() is a costly one).
    visible = Page.objects.live().public().filter(pk__in=page_ids) if page_ids else []
    pages = {page.pk: page for page in visible}
    shown = [promotion for pick in picks if (promotion := _promotion(pick, pages))]
    return shown[:MAX_PROMOTIONS]


def promoted_queries() -> frozenset[str]:
    """The queries with a promotion, remembered until content changes (a promotion is
    content: core.content_version)."""
    return remembered(
        "promoted-queries",
        lambda: frozenset(
            SearchPromotion.objects.values_list("query__query_string", flat=True).distinct()
        ),
    )


def _promotion(pick: SearchPromotion, pages: dict[int, Page]) -> Promotion | None:
    if pick.page_id is None:
        url = pick.external_link_url
        return Promotion(pick.external_link_text or url, url, pick.description) if url else None
    page = pages.get(pick.page_id)
    if page is None or not page.url:  # a draft, a restricted page, or one outside the site
        return None
    return Promotion(page.title, page.url, pick.description)
