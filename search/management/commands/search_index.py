"""Rebuild, check or catch up the search indexes of every configured backend.

    manage.py search_index --rebuild    rebuild the database index (and Elasticsearch's)
    manage.py search_index --check      list pages missing, stale or extra; exit 1 if any
    manage.py search_index --catch-up   apply the updates Elasticsearch missed; rebuild its
                                        index if it is missing or short (an emptied node)
    manage.py search_index --forget-elasticsearch
                                        stop recording updates for an Elasticsearch index
                                        no longer used, and drop the ones recorded
Without an option it prints each backend's health.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from search import index_sync
from search.backends import configured_backend_names, get_backend
from search.backends.base import BackendUnavailable, SearchBackend
from search.models import IndexUpdate

BAR_WIDTH = 30


class ProgressBar:
    """A one-line textual progress bar on stderr: [#####.....]  50%  5000/10000 name."""

    def __init__(self, stream, label: str):
        self.stream = stream
        self.label = label
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent == self.shown and done != total:
            return
        self.shown = percent
        filled = BAR_WIDTH * percent // 100
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stream.write(f"\r[{bar}] {percent:3d}%  {done}/{total} {self.label}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Rebuild (--rebuild), check (--check) or catch up (--catch-up) the search indexes."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--rebuild", action="store_true", help="Rebuild every index.")
        group.add_argument(
            "--check",
            action="store_true",
            help="List pages missing from, stale in or extra in an index; exit status 1 if any.",
        )
        group.add_argument(
            "--catch-up",
            action="store_true",
            help="Apply the updates Elasticsearch missed; rebuild its index if missing or short.",
        )
        group.add_argument(
            "--forget-elasticsearch",
            action="store_true",
            help="Stop recording updates for an Elasticsearch index no longer used.",
        )

    def handle(
        self,
        *args,
        rebuild=False,
        check=False,
        catch_up=False,
        forget_elasticsearch=False,
        **options,
    ):
        backends = [get_backend(name) for name in configured_backend_names()]
        if forget_elasticsearch:
            dropped = index_sync.forget_external_index("elasticsearch")
            self.stdout.write(f"Elasticsearch forgotten; {dropped} recorded update(s) dropped.")
        elif rebuild:
            self.rebuild_indexes(backends)
        elif check:
            self.check_indexes()
        elif catch_up:
            self.catch_up_pending()
        else:
            self.print_health(backends)

    def rebuild_indexes(self, backends: list[SearchBackend]) -> None:
        failed = []
        for backend in backends:
            try:
                indexed = index_sync.rebuild(backend, ProgressBar(sys.stderr, backend.name))
            except BackendUnavailable as error:
                failed.append(f"{backend.name}: {error}")
                continue
            self.stdout.write(f"{backend.name}: indexed {indexed} page(s).")
        if failed:
            raise CommandError("Could not rebuild " + "; ".join(failed))

    def check_indexes(self) -> None:
        problems = 0
        for check in index_sync.check_indexes():
            if check.error:
                self.stdout.write(f"{check.backend}: unavailable: {check.error}")
            else:
                self.report(check.backend, check.differences)
            problems += check.problems
        if problems:
            raise CommandError(f"{problems} problem(s) found.", returncode=1)

    def report(self, name: str, differences: dict[str, list[int]]) -> None:
        if not any(differences.values()):
            self.stdout.write(f"{name}: up to date.")
        for kind, page_ids in differences.items():
            for page_id in page_ids:
                self.stdout.write(f"{name}: {kind} page {page_id}")

    def catch_up_pending(self) -> None:
        try:
            result = index_sync.catch_up()
        except BackendUnavailable as error:
            raise CommandError(f"Still unavailable: {error}") from error
        for name in result.rebuilt:
            self.stdout.write(f"{name}: the index was missing or short; rebuilt it.")
        self.stdout.write(f"Caught up {result.pages} page(s).")
        if result.left:
            self.stdout.write(
                f"{result.left} update(s) left for Elasticsearch: ELASTICSEARCH_URL is not set."
            )

    def print_health(self, backends: list[SearchBackend]) -> None:
        for backend in backends:
            health = backend.health()
            state = "reachable" if health.reachable else "UNREACHABLE"
            self.stdout.write(
                f"{health.backend}: {state}, {health.document_count} document(s). {health.detail}"
            )
        self.stdout.write(f"Pending updates: {IndexUpdate.objects.count()}")
