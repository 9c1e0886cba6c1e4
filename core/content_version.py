"""What a process may remember between requests about content that changes only when someone
edits it: the site of a host name, the header's sections, the footer, the view restrictions,
page URLs, the goals.

Every change of content (a page, a site, a view restriction, a snippet, the site settings, a
many-to-many link) replaces the token in `ContentVersion`, in the transaction that makes the
change, so every process sees the new token when it sees the change. A request reads the token
once (`ContentVersionMiddleware`, one small query); `remembered(key, build)` gives what was
built under that token in this process, or builds it, and `shared(key, build)` the same from
the cache that all processes share. A process forgets everything it remembered when the token
changes, and the cache's keys hold the token, so nothing is ever served stale after a change
is committed.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http.request import split_domain_port
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

T = TypeVar("T")

# The apps whose models are content: a change to any of them replaces the token.
CONTENT_APPS = frozenset({"core", "taxonomy", "events", "cases", "home"})
CONTENT_MODELS = (Page, Site, PageViewRestriction, SearchPromotion)

_NOT_IN_A_REQUEST = object()
_request_token: ContextVar[Any] = ContextVar("content_version_token", default=_NOT_IN_A_REQUEST)
_remembered: dict[Any, Any] = {}
_remembered_under: list[str | None] = [None]


def _model():
    """core.models.ContentVersion (core.models imports this module, not the other way)."""
    return apps.get_model("core", "ContentVersion")


def _read_token() -> str:
    table = connection.ops.quote_name(_model()._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")  # noqa: S608 - a model's table
        row = cursor.fetchone()
    if row is None:  # a database emptied by a test's flush: a token nobody has used
        return bump()
    return row[0]


def current_token() -> str:
    """The token, read once per request; outside a request, read each time."""
    token = _request_token.get()
    if token is _NOT_IN_A_REQUEST:
        return _read_token()
    if token is None:
        token = _read_token()
        _request_token.set(token)
    return token


def bump() -> str:
    """Replace the token (in the current transaction): everything remembered is forgotten."""
    token = uuid.uuid4().hex
    if not _model().objects.filter(pk=1).update(token=token):
        # Only where the migration's row is gone (a test's flush): two requests may get here
        # at once, and the one that loses the race keeps the other's row.
        _model().objects.update_or_create(pk=1, defaults={"token": token})
    if _request_token.get() is not _NOT_IN_A_REQUEST:
        _request_token.set(token)
    return token


def remembered(key: Any, build: Callable[[], T]) -> T:
    """What `build()` gave under the current token in this process; built now if nothing yet.

    The value is shared by every request of the process: treat it as read-only, unless it is
    a memo meant to grow, as rich_text.page_links fills its dict of page addresses."""
    token = current_token()
    if _remembered_under[0] != token:  # forget the old; the token in the key keeps threads apart
        _remembered.clear()
        _remembered_under[0] = token
    try:
        return _remembered[token, key]
    except KeyError:
        value = _remembered[token, key] = build()
        return value


_ABSENT = object()
SHARED_SECONDS = 3600  # a token's entries outlive it in the cache at most this long


def shared(key: str, build: Callable[[], T]) -> T:
    """What `build()` gave under the current token, kept in the cache (Redis: shared by every
    process) for the work too costly to repeat per request and too varied to keep in each
    process's memory, such as counts over every case for each combination of filters.

    The value must pickle; a cache that is down or full only means building it again."""
    cache_key = f"content:{current_token()}:{key}"
    value = cache.get(cache_key, _ABSENT)
    if value is _ABSENT:
        value = build()
        cache.set(cache_key, value, SHARED_SECONDS)
    return value


def digest(*parts: Any) -> str:
    """A short stable name for a key too long or too varied for the cache (a query's SQL)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def query_key(kind: str, queryset: QuerySet) -> str:
    """A key naming what `queryset` asks, whatever built it: its SQL and parameters."""
    sql, params = queryset.query.sql_with_params()
    return f"{kind}:{queryset.model._meta.label}:" + digest(sql, params)


def shared_rows(queryset: QuerySet) -> list:
    """`list(queryset)`, shared: for a short answer that reads many rows (counts per goal)."""
    return shared(query_key("rows", queryset), lambda: list(queryset))


class ContentVersionMiddleware:
    """Reads the token at most once per request, and finds the request's Wagtail site from
    what the process remembers (Wagtail asks the database on every request otherwise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset = _request_token.set(None)
        try:
            if not hasattr(request, "_wagtail_site"):
                self.find_site(request)
            return self.get_response(request)
        finally:
            _request_token.reset(reset)

    @staticmethod
    def find_site(request) -> None:
        """As Wagtail's Site.find_for_request reads the host (ALLOWED_HOSTS is checked later).
        With the database unreachable the site is left for the view to look up, so a view
        that needs no database (/healthz/ reporting the outage) still answers."""
        hostname = split_domain_port(request._get_raw_host())[0]
        key = ("site", hostname, request.get_port())
        try:
            request._wagtail_site = remembered(key, lambda: Site._find_for_request(request))
        except DatabaseError:
            _request_token.set(None)  # read again, should the database come back mid-request


# The fields a page's own save writes when only its draft, lock or comments changed: what the
# public sees is the same, so these saves keep the token.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "wagtail_admin_comments",
        "locked",
        "locked_by",
        "locked_at",
    }
)


def is_content(model) -> bool:
    """Content is what public pages show: pages, sites, view restrictions, the content apps'
    models (snippets, settings, orderable links) and images and documents."""
    if model.__module__ == "__fake__" or model is _model():  # "__fake__": in a migration
        return False
    if getattr(model, "shown_on_pages", True) is False:  # a content app's private records
        return False
    return (
        issubclass(model, CONTENT_MODELS)
        or model._meta.app_label in CONTENT_APPS
        or model in (get_image_model(), get_document_model())
    )


def _only_a_draft(instance, update_fields) -> bool:
    return isinstance(instance, Page) and bool(update_fields) and set(update_fields) <= DRAFT_FIELDS


def _content_changed(sender, instance=None, action: str = "post_", update_fields=None, **kwargs):
    changed = action.startswith("post_") and not _only_a_draft(instance, update_fields)
    if changed and is_content(sender):
        bump()


def _page_moved(sender, **kwargs) -> None:
    bump()


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_content_changed, dispatch_uid=f"core.content_version.{signal}")
    post_page_move.connect(_page_moved, dispatch_uid="core.content_version.page_moved")
