"""The JSON the search API (/api/search/) answers: results with their facets, or the
parameters it could not use."""

from __future__ import annotations

import math

from django.http import HttpRequest

from core.filter_values import capped
from search.backends.base import SearchHit, SearchQuery, SearchResults
from search.forms import SearchRequest
from search.promotions import Promotion


def hit_json(request: HttpRequest, hit: SearchHit) -> dict:
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


def promotion_json(request: HttpRequest, promotion: Promotion) -> dict:
    return {
        "title": promotion.title,
        "url": request.build_absolute_uri(promotion.url),
        "description": promotion.description,
    }


def results_json(
    request: HttpRequest,
    query: SearchQuery,
    results: SearchResults,
    promotions: list[Promotion] = (),
) -> dict:
    """`facets` has a key per facet of search.facets, as the backends count them;
    `promotions` the pages editors recommend for the query, apart from the counted results."""
    return {
        "backend": results.backend,
        "degraded": results.degraded,
        "count": results.count,
        "page": query.page,
        "pages": math.ceil(results.count / query.per_page),
        "promotions": [promotion_json(request, promotion) for promotion in promotions],
        "results": [hit_json(request, hit) for hit in results.hits],
        "facets": results.facets,
        "suggestion": results.suggestion,
    }


def errors_json(search_request: SearchRequest) -> dict:
    """The first few unusable values of each parameter, so the answer stays small."""
    first = search_request.invalid[0]
    return {
        "error": first.error,
        "parameter": first.param,
        "errors": [
            {"parameter": bad.param, "error": bad.error} for bad in capped(search_request.invalid)
        ],
    }
