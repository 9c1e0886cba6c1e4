"""The search page (/soeg/) and the JSON API (/api/search/, /api/search/suggest/).

Both read their parameters with search.forms and ask search.service, so they always agree;
what the page shows is built by search.results_page, what the API answers by
search.api_answers.
"""

from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from search import service
from search.api_answers import errors_json, results_json
from search.audience import audience_of_user
from search.backends.base import SearchQuery
from search.forms import clean_query_text, parse_search_request
from search.promotions import Promotion, promotions_for
from search.results_page import results_page_context

RESULTS_PER_PAGE = 10
SUGGEST_MAX_CHARS = 100


def _promotions(query) -> list[Promotion]:
    """The editors' promoted pages, above the first page of hits only."""
    return promotions_for(query.text) if query.page == 1 else []


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    search_request = parse_search_request(request.GET, per_page=RESULTS_PER_PAGE)
    results = service.search(asked_by(search_request.query, request))
    context = results_page_context(search_request, results)
    context["promotions"] = _promotions(search_request.query)
    return for_the_asker(render(request, "search/search.html", context), request)


def for_the_asker(response, request: HttpRequest):
    """A logged-in person's answer may hold pages meant for their groups: no shared cache
    may keep it."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
    return response


def asked_by(query: SearchQuery, request: HttpRequest) -> SearchQuery:
    """The query for the person asking: a member also finds the pages meant for their groups."""
    return replace(query, audience=audience_of_user(request.user))


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


@require_GET
def search_api(request: HttpRequest) -> JsonResponse:
    search_request = parse_search_request(request.GET, per_page=RESULTS_PER_PAGE)
    if search_request.invalid:
        return _json(errors_json(search_request), status=400)
    results = service.search(asked_by(search_request.query, request))
    promotions = _promotions(search_request.query)
    answer = _json(results_json(request, search_request.query, results, promotions))
    return for_the_asker(answer, request)


@require_GET
def suggest_api(request: HttpRequest) -> JsonResponse:
    prefix = clean_query_text(request.GET.get("q", ""))[:SUGGEST_MAX_CHARS]
    return _json({"query": prefix, "suggestions": service.suggest(prefix)})
