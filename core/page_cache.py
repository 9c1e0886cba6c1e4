"""Public pages kept in the cache for anonymous visitors, and purged when content changes.

**What is kept**: the 200 answer to a GET of a Wagtail page (its routable sub-pages and query
strings included: a listing's filters are part of the key) for a request without a session
or messages cookie, when the page and its ancestors have no view restriction, the answer sets
no cookie and used no CSRF token. HEAD is answered from a kept GET. Nothing else: a logged-in
editor (who has a session), a visitor who entered a page's password (a session), the admin,
previews, forms (/indsend/: a CSRF token), search and the API are never kept or served from it.

**Purging**: the key holds the content version token (core.content_version), which every
change a page might show replaces in the change's own transaction (a page published,
unpublished, moved, deleted or saved live; a view restriction; a snippet such as a theme or a
person; the site settings; an image or a document; a site), so after the commit every page is
rendered afresh on its next request, in every process. That purges more than needed, never
less. The token lives in the database, so this holds with a cache per process too.
CACHE_PAGES_SECONDS bounds what changes with time alone (an event becoming past, the home
page's next event).

**Headers**: `X-Cache: HIT` or `MISS` (with `Age` on a hit); a kept page says
`Cache-Control: no-cache`, so browsers and proxies ask again each time and see a publish at
once, and a page rendered for a session says `private`.

With the cache unreachable (Redis down) pages are rendered as if nothing were kept.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, get_resolver
from django.utils.cache import patch_cache_control
from wagtail import views as wagtail_views

from . import content_version

PAGE_MARK = "_page_cache_page"  # request attribute: the Wagtail page being served
USER_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")  # a visitor with these may see own things


def enabled() -> bool:
    return settings.CACHE_PAGES_SECONDS > 0


# Which requests and answers ---------------------------------------------------------------


def may_use_cache(request: HttpRequest) -> bool:
    """A GET or HEAD of a page Wagtail serves, by a visitor without a session."""
    if not enabled() or request.method not in ("GET", "HEAD"):
        return False
    if any(name in request.COOKIES for name in USER_COOKIES):
        return False
    try:
        match = get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
    except Resolver404:
        return False
    return match.func is wagtail_views.serve


def note_served_page(page, request: HttpRequest) -> None:
    """Called by the before_serve_page hook: remember which page answers the request."""
    setattr(request, PAGE_MARK, page)


def may_keep(request: HttpRequest, response: HttpResponse) -> bool:
    """Only answers the same for every anonymous visitor, and only for the query parameters
    the page reads (its `cached_query_parameters`), so made-up ones cannot fill the cache."""
    page = getattr(request, PAGE_MARK, None)
    return (
        request.method == "GET"
        and page is not None
        and response.status_code == 200
        and not response.streaming
        and not response.cookies  # a CSRF token used sends its cookie, so a form is never kept
        and not getattr(request, "is_preview", False)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        and set(_vary(response)) <= {"cookie"}
        and set(request.GET) <= set(getattr(page, "cached_query_parameters", ()))
        and not page.get_view_restrictions().exists()
    )


def _vary(response: HttpResponse) -> list[str]:
    return [name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()]


# Keeping and serving ----------------------------------------------------------------------


def page_key(request: HttpRequest, token: str) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"pages:{token}:{hashlib.sha256(address.encode()).hexdigest()}"


def keep(key: str, response: HttpResponse) -> None:
    patch_cache_control(response, no_cache=True)
    headers = tuple((name, value) for name, value in response.items() if name != "X-Cache")
    entry = (response.status_code, headers, response.content, time.time())
    cache.set(key, entry, settings.CACHE_PAGES_SECONDS)


def kept_response(entry, method: str) -> HttpResponse:
    """The kept answer; to a HEAD without its body (its Content-Length stays the GET's)."""
    status, headers, content, stored = entry
    body = b"" if method == "HEAD" else content
    response = HttpResponse(body, status=status, headers=dict(headers))
    response["Age"] = str(max(0, int(time.time() - stored)))
    response["X-Cache"] = "HIT"
    return response


class PageCacheMiddleware:
    """Place it outside the session, CSRF and authentication middleware (just after
    SecurityMiddleware), so it sees the cookies they set and answers hits before them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not may_use_cache(request):
            return self.mark_private_pages(request, self.get_response(request))
        key = page_key(request, content_version.current_token())
        entry = cache.get(key)
        if entry is not None:
            return kept_response(entry, request.method)
        response = self.get_response(request)
        if may_keep(request, response):
            keep(key, response)
        response["X-Cache"] = "MISS"
        return response

    @staticmethod
    def mark_private_pages(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """A page rendered for a visitor with a session may be theirs alone."""
        if getattr(request, PAGE_MARK, None) is not None and enabled():
            patch_cache_control(response, private=True)
        return response
