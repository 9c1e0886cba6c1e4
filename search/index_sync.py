"""Index bookkeeping: keeping every index in step with the pages, and knowing when one is not.

Views only read (search.service); everything that writes an index lives here.

- **Page changes** (search.signals) update the database index *inside* the transaction that
  changed the page: it is the database, so it commits or rolls back with the page, and can
  always answer completely. For Elasticsearch the change is written to the outbox
  (IndexUpdate) in that same transaction and applied only *after* the commit, so a
  rolled-back publish never reaches Elasticsearch and a crash between commit and write
  loses nothing: the row stays until applied.
- **Draining** the outbox happens after each commit that added rows (with a short request
  timeout, so a hung node costs a publish at most SEARCH_WRITE_TIMEOUT_SECONDS, once per
  retry interval), and in `search_index --catch-up`. Only a process configured with
  Elasticsearch drains; a process without ELASTICSEARCH_URL leaves the rows for it.
- **Repair**: a drain that finds the alias missing, or the index holding fewer documents
  than the database index, rebuilds it (a new versioned index, then an alias swap) instead
  of writing single pages into an empty index as if it were whole.
- **The circuit breaker**: after a BackendUnavailable, Elasticsearch is left alone for
  SEARCH_RETRY_AFTER_SECONDS (30 by default), by every process of the site (the state is in
  the cache: Redis in production).
- **Completeness** as searches see it: a count request, remembered in the cache for
  SEARCH_COMPLETENESS_TTL_SECONDS (10 by default); an index found short is not searched.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from core.cache import cache_is_reachable
from search.backends import configured_backend_names, get_backend
from search.backends.base import (
    BackendUnavailable,
    IndexMissing,
    ProgressCallback,
    SearchBackend,
)
from search.documents import (
    SearchDocument,
    document_for_page,
    indexable_pages,
    indexable_specific_pages,
)
from search.models import ExternalIndex, IndexUpdate, SearchIndexVersion

logger = logging.getLogger(__name__)


def database_backend() -> SearchBackend:
    return get_backend("database")


def external_backends() -> list[SearchBackend]:
    """The configured backends besides the database one (Elasticsearch, when it is primary)."""
    return [get_backend(name) for name in configured_backend_names() if name != "database"]


# The circuit breaker ----------------------------------------------------------------------

# In the cache (Redis in production), so that every process of the site rests a failed backend
# together: one timeout per interval for the site, not for each worker. Times are wall-clock
# (time.time), the one clock processes share. This process also remembers what it marked,
# consulted only while the cache cannot be reached, so a hung node and a dead Redis together
# still cost this process one timeout per interval.
_resting_here: dict[str, float] = {}


def _state_key(kind: str, backend: SearchBackend) -> str:
    return f"search:{kind}:{hashlib.sha256(backend.identity.encode()).hexdigest()[:32]}"


def is_available(backend: SearchBackend) -> bool:
    """False while the backend is resting after a failure (in any process of the site)."""
    key = _state_key("resting", backend)
    until = cache.get(key)
    if until is None and not cache_is_reachable(cache):
        until = _resting_here.get(key)
    return time.time() >= (until or 0.0)


def mark_unavailable(backend: SearchBackend, error: BackendUnavailable) -> None:
    retry_after = settings.SEARCH_RETRY_AFTER_SECONDS
    key = _state_key("resting", backend)
    until = time.time() + retry_after
    _resting_here[key] = until
    cache.set(key, until, math.ceil(retry_after) + 1)
    logger.warning("%s unavailable, not tried for %ss: %s", backend.name, retry_after, error)


def mark_available(backend: SearchBackend) -> None:
    key = _state_key("resting", backend)
    _resting_here.pop(key, None)
    cache.delete(key)


# Completeness -----------------------------------------------------------------------------


def index_is_complete(backend: SearchBackend) -> bool:
    """Whether the backend's index exists and holds at least as many documents as there are
    pages to index. Counting the pages rather than the database index's entries means that
    a database index gone wrong cannot make a whole Elasticsearch index look short (and be
    rebuilt at every publish). Raises BackendUnavailable."""
    count = backend.document_count()
    return count is not None and count >= indexable_pages().count()


def answers_completely(backend: SearchBackend) -> bool:
    """index_is_complete, remembered in the cache (shared by the site's processes) for
    SEARCH_COMPLETENESS_TTL_SECONDS: searches pay for the two counts once per interval."""
    key = _state_key("complete", backend)
    remembered = cache.get(key)
    if remembered is not None:
        verdict, expires = remembered
        if time.time() < expires:
            return verdict
    verdict = index_is_complete(backend)
    ttl = settings.SEARCH_COMPLETENESS_TTL_SECONDS
    if ttl > 0:
        cache.set(key, (verdict, time.time() + ttl), math.ceil(ttl) + 1)
    return verdict


def is_in_step(backend: SearchBackend) -> bool:
    """Whether the backend may answer searches as if whole: not resting after a failure,
    complete, and with no update waiting for it. A waiting removal (of a page unpublished or
    made private while the node was away, or by a process without ELASTICSEARCH_URL) would
    otherwise show a page that is no longer public, or offer its words. Raises
    BackendUnavailable."""
    return (
        is_available(backend) and answers_completely(backend) and not IndexUpdate.objects.exists()
    )


def forget_completeness(backend: SearchBackend) -> None:
    """After this process changed the index: the next search (in any process) counts again."""
    cache.delete(_state_key("complete", backend))


# Page changes -----------------------------------------------------------------------------


def pages_changed(page_ids: Iterable[int]) -> None:
    """Bring the pages' index entries in line with the pages as they are now: index the live,
    public ones and remove the rest (drafts, private, deleted, of an unsearched type).

    The database index is written now, in the caller's transaction; Elasticsearch gets an
    outbox row now and the write after the commit."""
    page_ids = set(page_ids)
    if not page_ids:
        return
    with transaction.atomic():
        documents, gone = current_documents(page_ids)
        apply(database_backend(), documents, gone)
        if outbox_in_use():
            IndexUpdate.objects.bulk_create(IndexUpdate(page_id=pk) for pk in sorted(page_ids))
            drain_after_commit()


def subtree_changed(page: Page) -> None:
    """A page and everything under it: after a move, a slug change or a privacy change."""
    pages_changed(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))


def current_documents(page_ids: set[int]) -> tuple[list[SearchDocument], set[int]]:
    """The documents of the pages that belong in the index, and the ids of those that do not."""
    pages = indexable_pages().filter(pk__in=page_ids)
    documents = [document_for_page(page) for page in indexable_specific_pages(pages)]
    return documents, page_ids - {document.page_id for document in documents}


def apply(backend: SearchBackend, documents: list[SearchDocument], gone: set[int]) -> None:
    if documents:
        backend.index_documents(documents)
    if gone:
        backend.remove_pages(sorted(gone))


# The outbox -------------------------------------------------------------------------------


def outbox_in_use() -> bool:
    """Whether page changes must be recorded for Elasticsearch: this process is configured
    with it, or the database says an index was built (by another process) that must not
    miss the changes of this one."""
    return bool(external_backends()) or ExternalIndex.objects.exists()


def drain_after_commit() -> None:
    """Drain at the end of the current transaction (at once without one). A transaction
    publishing many pages schedules many drains: the first applies every row, the others
    find the outbox empty and stop there."""
    transaction.on_commit(drain_outbox, robust=True)


def drain_outbox() -> None:
    """Apply the outbox to every available external backend, with the short write timeout:
    this runs at the end of a publishing request. Failures leave the rows for later."""
    timeout = settings.SEARCH_WRITE_TIMEOUT_SECONDS
    for backend in external_backends():
        if not is_available(backend) or not IndexUpdate.objects.exists():
            continue  # resting, or another drain of this commit applied the rows
        try:
            apply_outbox(backend, write_timeout=timeout)
        except BackendUnavailable as error:
            mark_unavailable(backend, error)


def catch_up(repair: bool = True) -> CatchUp:
    """Apply the outbox to every external backend with the usual timeouts, rebuilding an
    index found missing or short unless `repair` is false (`search_index --check` reports
    such an index instead). Raises BackendUnavailable."""
    backends = external_backends()
    result = CatchUp(pages=0, rebuilt=[], left=0)
    for backend in backends:
        outcome = apply_outbox(backend, repair=repair)
        mark_available(backend)
        result.pages += outcome.pages
        if outcome.rebuilt:
            result.rebuilt.append(backend.name)
    if not backends:
        result.left = IndexUpdate.objects.count()
    return result


@dataclass
class CatchUp:
    pages: int  # pages brought up to date (or indexed by a rebuild)
    rebuilt: list[str]  # names of the backends whose index had to be rebuilt
    left: int  # outbox rows left for a process configured with Elasticsearch


@dataclass
class Drained:
    pages: int
    rebuilt: bool


def apply_outbox(
    backend: SearchBackend, write_timeout: float | None = None, repair: bool = True
) -> Drained:
    """Apply the recorded updates to the backend, then delete the rows applied; if its index
    is missing or short, rebuild it instead (with `repair`; else leave the rows). Raises
    BackendUnavailable (rows kept)."""
    pending = list(IndexUpdate.objects.values_list("pk", "page_id"))
    writer = backend.with_timeout(write_timeout) if write_timeout else backend
    page_ids = {page_id for _, page_id in pending}
    try:
        if page_ids:
            apply(writer, *current_documents(page_ids))
        if repair and not index_is_complete(writer):
            raise IndexMissing(f"{backend.name} holds fewer documents than there are pages")
    except IndexMissing as missing:
        if not repair:
            return Drained(0, rebuilt=False)
        logger.warning("%s: %s; rebuilding it", backend.name, missing)
        return Drained(rebuild_external(backend), rebuilt=True)
    finally:
        forget_completeness(backend)
    IndexUpdate.objects.filter(pk__in=[pk for pk, _ in pending]).delete()
    return Drained(len(page_ids), rebuilt=False)


def forget_external_index(name: str) -> int:
    """Stop recording page changes for an index no longer used; returns the rows dropped."""
    ExternalIndex.objects.filter(backend=name).delete()
    if ExternalIndex.objects.exists():
        return 0
    dropped, _ = IndexUpdate.objects.all().delete()
    return dropped


# Rebuilding and checking ------------------------------------------------------------------


def all_documents() -> list[SearchDocument]:
    return [document_for_page(page) for page in indexable_specific_pages()]


def rebuild(backend: SearchBackend, progress: ProgressCallback | None = None) -> int:
    """Rebuild the backend's index from the pages, then reconcile it: a page published or
    unpublished while the rebuild ran was written to the index being replaced, and would
    otherwise be lost at the swap. Returns the number of pages indexed."""
    if backend.name != "database":
        return rebuild_external(backend, progress)
    return _rebuild_and_reconcile(backend, progress)


def rebuild_external(backend: SearchBackend, progress: ProgressCallback | None = None) -> int:
    """Rebuild an external index and drop the outbox rows it covers (those recorded before
    it read the pages); record that the index exists, so every process feeds the outbox."""
    covered = list(IndexUpdate.objects.values_list("pk", flat=True))
    indexed = _rebuild_and_reconcile(backend, progress)
    IndexUpdate.objects.filter(pk__in=covered).delete()
    ExternalIndex.objects.update_or_create(backend=backend.name, defaults={"built": timezone.now()})
    forget_completeness(backend)
    mark_available(backend)
    return indexed


def _rebuild_and_reconcile(backend: SearchBackend, progress: ProgressCallback | None) -> int:
    """Rebuild from the pages as read now, then reconcile if a page may have changed since.

    Every page change writes the database index (pages_changed), which replaces its version
    token in the same transaction; so an unchanged token means no change committed while
    the pages were read or the index filled, and the second reading of every page that
    reconciling costs is spared. For an external index the token is read after the swap (a
    change committed later is drained through the alias, into the new index); the database
    index's own rebuild replaces the token, so it compares it inside its transaction, just
    before (DatabaseBackend.rebuild_read_at)."""
    token_before = database_index_token()
    documents = all_documents()
    if backend.name == "database":
        changed = backend.rebuild_read_at(documents, len(documents), progress, token_before)
    else:
        backend.rebuild(documents, len(documents), progress)
        backend.refresh()
        changed = database_index_token() != token_before
    if changed:
        reconcile(backend)
    return len(documents)


def database_index_token() -> str | None:
    """The database index's version token, which every write to it replaces."""
    row = SearchIndexVersion.objects.filter(pk=SearchIndexVersion.ROW)
    return row.values_list("token", flat=True).first()


def reconcile(backend: SearchBackend) -> dict[str, list[int]]:
    """Index the pages missing from or stale in the backend's index and remove the extra ones,
    comparing with the pages as they are now. Returns the differences it found."""
    documents = all_documents()
    differences = index_differences(backend, documents)
    changed = set(differences["missing"]) | set(differences["stale"])
    apply(
        backend,
        [document for document in documents if document.page_id in changed],
        set(differences["extra"]),
    )
    return differences


@dataclass
class IndexCheck:
    """What `search_index --check` finds for one backend: its differences from the pages,
    or the error that kept it from answering."""

    backend: str
    differences: dict[str, list[int]]
    error: str = ""

    @property
    def problems(self) -> int:
        return 1 if self.error else sum(len(ids) for ids in self.differences.values())


def check_indexes(apply_pending: bool = True) -> list[IndexCheck]:
    """Compare every configured backend's index with the pages. With `apply_pending` the
    outbox is applied first (never repaired), so what is left is drift, not a queue; the
    admin's dashboard passes False, as a page view must not write."""
    if apply_pending:
        with contextlib.suppress(BackendUnavailable):  # reported below, backend by backend
            catch_up(repair=False)
    documents = all_documents()
    checks = []
    for name in configured_backend_names():
        try:
            checks.append(IndexCheck(name, index_differences(get_backend(name), documents)))
        except BackendUnavailable as error:
            checks.append(IndexCheck(name, {}, error=str(error) or "unavailable"))
    return checks


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
