"""Search speed at scale: our database backend beside Wagtail's built-in database search.

    .venv/bin/python bench/search_benchmark.py --cases 10000
    DATABASE_URL=postgres://user@host:port/db .venv/bin/python bench/search_benchmark.py

Builds a throwaway database (a temporary SQLite file, or a new database on the PostgreSQL
server DATABASE_URL names, dropped afterwards), fills it with N cases made by `manage.py
generate_content` (demo/generated/: plausible Danish text, goals, themes and municipalities
spread as in life), indexes them for both searches, runs a fixed
mix of queries and prints p50/p95 per query and over the mix. Ours answers with the count,
all six facet counts and highlighted snippets; Wagtail's with the count, its one facet
(municipality) and no highlights, and cannot filter on goals or themes (many-to-many), so
its filtered queries filter on municipality only and its browse query is a plain ORM query.
With ELASTICSEARCH_URL set, the Elasticsearch backend is measured on the same content too.
This is a benchmark that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The throwaway database -------------------------------------------------------------------


class ThrowawayDatabase:
    """A temporary SQLite file, or a new database on the PostgreSQL server of DATABASE_URL."""

    def __init__(self, server_url: str):
        self.server_url = server_url
        self.name = f"search_bench_{os.getpid()}"
        self.directory = None

    @property
    def is_postgres(self) -> bool:
        return self.server_url.startswith(("postgres://", "postgresql://"))

    def create(self) -> str:
        if not self.is_postgres:
            self.directory = tempfile.TemporaryDirectory(prefix="search-bench-")
            return f"sqlite:///{self.directory.name}/bench.sqlite3"
        self._admin(f'CREATE DATABASE "{self.name}"')
        parts = urlsplit(self.server_url)
        return urlunsplit(parts._replace(path=f"/{self.name}"))

    def drop(self) -> None:
        if self.directory:
            self.directory.cleanup()
        elif self.is_postgres:
            from django.db import connections

            connections.close_all()
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.server_url, autocommit=True) as connection:
            connection.execute(statement)


# Building the content ---------------------------------------------------------------------


def timed(label: str):
    class Timer:
        def __enter__(self):
            self.started = time.perf_counter()
            print(f"{label} ...", end=" ", flush=True)

        def __exit__(self, *exc):
            print(f"{time.perf_counter() - self.started:.1f} s", flush=True)

    return Timer()


def build_site() -> None:
    """A home page as the default site's root with a case and a research index under it."""
    from wagtail.models import Page, Site

    from cases.models import CaseIndexPage, ResearchIndexPage
    from home.models import HomePage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Forside", slug="forside"))
    Site.objects.update(root_page=home, is_default_site=True)
    home.add_child(instance=CaseIndexPage(title="Cases", slug="cases"))
    home.add_child(instance=ResearchIndexPage(title="Forskning", slug="forskning"))


def create_cases(count: int, seed: int) -> None:
    """Through `manage.py generate_content`'s generator (demo/generated/): published pages
    with revisions, in Wagtail's own search index too; our indexes are built after."""
    from demo.generated.content import generate_content

    generate_content(count, seed, rebuild_search=False)


def index_ours() -> list:
    from search import index_sync
    from search.backends import get_backend

    documents = index_sync.all_documents()
    get_backend("database").rebuild(documents, len(documents), None)
    return documents


def refresh_statistics() -> None:
    """What autovacuum or a DBA would have done by the time anyone searches, for both."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


# The query mix ----------------------------------------------------------------------------


def query_mix():
    from taxonomy.models import Municipality, Theme

    place = Municipality.objects.get(slug="aarhus")
    theme = Theme.objects.get(name="Klima")
    from demo.generated.text import RARE_WORD

    return [
        ("rare word", {"text": RARE_WORD}),
        ("common word", {"text": "kommunen"}),
        ("two words", {"text": "klimaplan borgerne"}),
        ("word + goal filter", {"text": "klimaplan", "filters": {"goal": (13,)}}),
        (
            "word + 3 filters",
            {
                "text": "borgerne",
                "filters": {
                    "goal": (11, 13),
                    "theme": (theme.slug,),
                    "municipality": (place.slug,),
                },
            },
        ),
        ("browse: goal + theme", {"filters": {"goal": (13,), "theme": (theme.slug,)}}),
    ], place


def ours(backend_name: str, spec: dict) -> Callable[[], int]:
    from search.backends import get_backend
    from search.backends.base import SearchQuery

    backend = get_backend(backend_name)

    def run() -> int:
        return backend.search(SearchQuery(**spec)).count

    return run


def wagtails(spec: dict, place) -> Callable[[], int]:
    """Wagtail's database search: hits, count and its facet on municipality."""
    from cases.models import CasePage

    def run() -> int:
        filters = spec.get("filters", {})
        pages = CasePage.objects.live()
        if filters.get("municipality"):
            pages = pages.filter(municipality_id=place.pk)
        if not spec.get("text"):  # no search to run: the ORM listing a browse page would use
            pages = pages.filter(
                goals__number__in=filters["goal"], themes__slug__in=filters["theme"]
            )
            list(pages.order_by("-date", "-pk")[:10])
            return pages.count()
        results = pages.search(spec["text"])
        list(results[:10])
        results.facet("municipality_id")
        return results.count()

    return run


def ours_after_a_write(spec: dict, document) -> Callable[[], int]:
    """A search right after a write to the index (indexing one page again), which makes it
    rebuild the facet bitmaps."""
    from search.backends import get_backend
    from search.backends.base import SearchQuery

    backend = get_backend("database")

    def run() -> int:
        backend.index_documents([document])
        return backend.search(SearchQuery(**spec)).count

    return run


SLOW_MS = 2000  # a query this slow is timed once, so the benchmark ends in minutes


def measure(run: Callable[[], int], repeat: int) -> tuple[list[float], int]:
    started = time.perf_counter()
    count = run()  # warm-up
    first = (time.perf_counter() - started) * 1000
    if first > SLOW_MS:
        return [first], count
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples, count


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(title: str, rows: list[tuple[str, list[float], int]]) -> None:
    print(f"\n{title}")
    print(f"  {'query':<24}{'hits':>7}{'p50 ms':>10}{'p95 ms':>10}{'runs':>6}")
    everything = []
    runs = max(len(samples) for _, samples, _ in rows)
    for label, samples, count in rows:
        everything += [samples[i % len(samples)] for i in range(runs)]  # each query weighs same
        p50, p95 = percentile(samples, 0.5), percentile(samples, 0.95)
        print(f"  {label:<24}{count:>7}{p50:>10.1f}{p95:>10.1f}{len(samples):>6}")
    if len(rows) > 1:
        p50, p95 = percentile(everything, 0.5), percentile(everything, 0.95)
        print(f"  {'whole mix':<24}{'':>7}{p50:>10.1f}{p95:>10.1f}", flush=True)


def database_version() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def benchmark(args) -> None:
    from django.core.management import call_command

    with timed("migrate"):
        call_command("migrate", verbosity=0)
    print(f"database: {database_version()}")
    build_site()
    with timed(f"generate {args.cases} cases (and Wagtail's search index)"):
        create_cases(args.cases, args.seed)
    with timed("index for our database backend"):
        documents = index_ours()
    with timed("refresh the planner's statistics"):
        refresh_statistics()
    mix, place = query_mix()
    backends = ["database"]
    if args.elasticsearch:
        from search.backends import get_backend

        with timed("index for Elasticsearch"):
            get_backend("elasticsearch").rebuild(documents, len(documents), None)
        backends.append("elasticsearch")
    for name in backends:
        rows = [(label, *measure(ours(name, spec), args.repeat)) for label, spec in mix]
        report(
            f"Ours ({name} backend): count + 6 facets + highlights, {args.repeat} runs each", rows
        )
    label, spec = mix[0]
    samples, count = measure(ours_after_a_write(spec, documents[0]), 10)
    report(
        "Ours (database backend), the first search after a write (rebuilds the bitmaps)",
        [(f"{label}", samples, count)],
    )
    rows = [(label, *measure(wagtails(spec, place), args.wagtail_repeat)) for label, spec in mix]
    report(f"Wagtail's database search: count + 1 facet, {args.wagtail_repeat} runs each", rows)
    if args.elasticsearch:
        get_backend("elasticsearch").delete_all_indexes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=50, help="runs per query for ours")
    parser.add_argument("--wagtail-repeat", type=int, default=5, help="runs per query, Wagtail")
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    args.elasticsearch = bool(os.environ.get("ELASTICSEARCH_URL"))

    database = ThrowawayDatabase(os.environ.get("DATABASE_URL", ""))
    os.environ["DATABASE_URL"] = database.create()
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["TEST_SEARCH_BACKEND"] = "database"
    os.environ.setdefault("SEARCH_INDEX_PREFIX", f"search-bench-{os.getpid()}")
    import django

    django.setup()
    try:
        benchmark(args)
    finally:
        database.drop()


if __name__ == "__main__":
    main()
