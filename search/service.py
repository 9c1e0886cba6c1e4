"""What views, signals and commands call: search with a fallback, and index updates that
keep every configured backend in step.

The database index is always maintained, so that it can answer completely when Elasticsearch
does not. An update Elasticsearch misses is recorded as a PendingIndexUpdate and replayed
(from the pages as they are then) at its next successful write or search, or by
`search_index --catch-up` / `--check`.

After a BackendUnavailable, Elasticsearch is left alone for SEARCH_RETRY_AFTER_SECONDS (30 by
default): searches answer from the database at once and updates are recorded as pending,
instead of each waiting for the request timeout of a node that does not answer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from weakref import WeakKeyDictionary

from django.conf import settings
from wagtail.models import Page

from search.backends import configured_backend_names, get_backend, primary_backend_name
from search.backends.base import (
    BackendUnavailable,
    ProgressCallback,
    SearchBackend,
    SearchQuery,
    SearchResults,
)
from search.documents import document_for_page, indexable_pages, indexable_specific_pages
from search.models import PendingIndexUpdate

logger = logging.getLogger(__name__)


def database_backend() -> SearchBackend:
    return get_backend("database")


def _secondary_backends() -> list[SearchBackend]:
    """The configured backends besides the database one (Elasticsearch, when it is primary)."""
    return [get_backend(name) for name in configured_backend_names() if name != "database"]


# The circuit breaker ----------------------------------------------------------------------

# Backend -> monotonic time before which it is not tried. Keyed by the instance, so a changed
# ELASTICSEARCH_URL (a new instance) is tried at once.
_unavailable_until: WeakKeyDictionary[SearchBackend, float] = WeakKeyDictionary()
DEFAULT_RETRY_AFTER_SECONDS = 30


def is_available(backend: SearchBackend) -> bool:
    """False while the backend is resting after a failure."""
    return time.monotonic() >= _unavailable_until.get(backend, 0.0)


def mark_unavailable(backend: SearchBackend, error: BackendUnavailable) -> None:
    retry_after = getattr(settings, "SEARCH_RETRY_AFTER_SECONDS", DEFAULT_RETRY_AFTER_SECONDS)
    _unavailable_until[backend] = time.monotonic() + retry_after
    logger.warning("%s unavailable, not tried for %ss: %s", backend.name, retry_after, error)


# Searching --------------------------------------------------------------------------------


def search(query: SearchQuery) -> SearchResults:
    """Answer from the primary backend, or from the database one (degraded) if it is down."""
    if primary_backend_name() == "database":
        return database_backend().search(query)
    primary = get_backend()
    if is_available(primary):
        try:
            catch_up(primary)
            return primary.search(query)
        except BackendUnavailable as error:
            mark_unavailable(primary, error)
    results = database_backend().search(query)
    results.degraded = True
    return results


def suggest(prefix: str, limit: int = 8) -> list[str]:
    primary = get_backend()
    if is_available(primary):
        try:
            return primary.suggest(prefix, limit)
        except BackendUnavailable as error:
            mark_unavailable(primary, error)
    return database_backend().suggest(prefix, limit)


# Indexing ---------------------------------------------------------------------------------


def refresh_pages(page_ids: Iterable[int]) -> None:
    """Bring the given pages' index entries in line with the pages as they are now: index the
    live, public ones and remove the rest (drafts, private, deleted, of an unsearched type)."""
    page_ids = set(page_ids)
    if not page_ids:
        return
    pages = indexable_pages().filter(pk__in=page_ids)
    documents = [document_for_page(page) for page in indexable_specific_pages(pages)]
    gone = page_ids - {document.page_id for document in documents}
    _apply(database_backend(), documents, gone)
    for backend in _secondary_backends():
        if not is_available(backend):
            _record_pending(documents, gone)
            continue
        try:
            catch_up(backend)
            _apply(backend, documents, gone)
        except BackendUnavailable as error:
            mark_unavailable(backend, error)
            _record_pending(documents, gone)


def refresh_subtree(page: Page) -> None:
    """A page and everything under it: after a move, a slug change or a privacy change."""
    refresh_pages(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))


def _apply(backend: SearchBackend, documents, gone: set[int]) -> None:
    if documents:
        backend.index_documents(documents)
    if gone:
        backend.remove_pages(sorted(gone))


def _record_pending(documents, gone: set[int]) -> None:
    PendingIndexUpdate.objects.bulk_create(
        [
            PendingIndexUpdate(page_id=document.page_id, action=PendingIndexUpdate.Action.INDEX)
            for document in documents
        ]
        + [
            PendingIndexUpdate(page_id=page_id, action=PendingIndexUpdate.Action.REMOVE)
            for page_id in gone
        ]
    )


def catch_up(backend: SearchBackend | None = None) -> int:
    """Replay the updates Elasticsearch missed; raises BackendUnavailable if it still does not
    answer (and keeps them). Returns how many pages were brought up to date."""
    backends = [backend] if backend else _secondary_backends()
    pending = list(PendingIndexUpdate.objects.values_list("pk", "page_id"))
    if not pending or not backends:
        return 0
    page_ids = {page_id for _, page_id in pending}
    pages = indexable_pages().filter(pk__in=page_ids)
    documents = [document_for_page(page) for page in indexable_specific_pages(pages)]
    gone = page_ids - {document.page_id for document in documents}
    for target in backends:
        _apply(target, documents, gone)
    PendingIndexUpdate.objects.filter(pk__in=[pk for pk, _ in pending]).delete()
    return len(page_ids)


# Rebuilding and checking ------------------------------------------------------------------


def all_documents() -> list:
    return [document_for_page(page) for page in indexable_specific_pages()]


def rebuild(backend: SearchBackend, progress: ProgressCallback | None = None) -> int:
    """Rebuild the backend's index from the pages, then reconcile it: a page published or
    unpublished while the rebuild ran was written to the index being replaced, and would
    otherwise be lost at the swap. Returns the number of pages indexed."""
    documents = all_documents()
    backend.rebuild(documents, len(documents), progress)
    backend.refresh()
    reconcile(backend)
    return len(documents)


def reconcile(backend: SearchBackend) -> dict[str, list[int]]:
    """Index the pages missing from or stale in the backend's index and remove the extra ones,
    comparing with the pages as they are now. Returns the differences it found."""
    documents = all_documents()
    differences = index_differences(backend, documents)
    changed = set(differences["missing"]) | set(differences["stale"])
    _apply(
        backend,
        [document for document in documents if document.page_id in changed],
        set(differences["extra"]),
    )
    return differences


def index_differences(backend: SearchBackend, documents) -> dict[str, list[int]]:
    """Pages missing from the backend's index, stale in it (fingerprint differs), or extra."""
    expected = {document.page_id: document.fingerprint for document in documents}
    actual = backend.index_state()
    return {
        "missing": sorted(expected.keys() - actual.keys()),
        "stale": sorted(
            page_id
            for page_id in expected.keys() & actual.keys()
            if expected[page_id] != actual[page_id]
        ),
        "extra": sorted(actual.keys() - expected.keys()),
    }
