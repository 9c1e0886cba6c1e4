"""How long each public page takes to render in-process, and how many SQL queries it makes.

    .venv/bin/python bench/page_timing.py [--cases 60] [--repeat 30] [--profile case]
    DATABASE_URL=postgres://user@host:port/db .venv/bin/python bench/page_timing.py
    DATABASE_URL=postgres://user@host:port/site .venv/bin/python bench/page_timing.py --existing

Builds a throwaway database (as search_benchmark.py does), loads the demo content and adds
`--cases` rich cases (tests.factories.ContentMaker: contacts, pictures, research, events);
`--existing` uses the site already in DATABASE_URL's database instead (one that
`generate_content --cases 10000` filled, say). Then it asks Django's test client for each
page of bench/pages.py `--repeat` times and prints the median milliseconds per page (wall
clock, and CPU time of the process) and the queries of one request. Connections are kept
open between requests, as in production. `--profile NAME,...` profiles those pages' requests
with pyinstrument and prints where the time goes; `--queries NAME,...` lists their queries
with the time each took in the database.

A quick look for a developer, not the benchmark: `make bench` serves the pages with gunicorn
and measures them with wrk. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_site(cases: int) -> None:
    from django.core.management import call_command

    from demo.pages import load_demo_content
    from tests.factories import ContentMaker

    call_command("migrate", verbosity=0)
    load_demo_content()
    ContentMaker().add(cases)
    call_command("search_index", "--rebuild", stdout=io.StringIO(), stderr=io.StringIO())


def queries_of(client, url: str) -> list[tuple[float, str]]:
    """(milliseconds in the database, SQL) of each query of one request."""
    from django.db import connection

    queries = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(((time.perf_counter() - started) * 1000, sql))

    with connection.execute_wrapper(timed):
        client.get(url)
    return queries


def show_queries(names: list[str]) -> None:
    from django.test import Client

    from bench.pages import page_urls

    client = Client()
    for name, url in page_urls(names).items():
        client.get(url)
        queries = queries_of(client, url)
        print(f"\n{name}: {url}, {len(queries)} queries")
        for ms, sql in queries:
            print(f"{ms:8.2f} ms  {sql[:160]}")


def time_pages(repeat: int) -> list[tuple]:
    """(name, address, median wall ms, median CPU ms, queries, ms in the database) of each
    page. The CPU time of this process is what a busy machine changes least."""
    from django.test import Client

    from bench.pages import page_urls

    client = Client()
    rows = []
    for name, url in page_urls().items():
        for _ in range(2):  # renditions made, caches filled
            assert client.get(url).status_code == 200, url
        wall, cpu = [], []
        for _ in range(repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        median = statistics.median
        queries = queries_of(client, url)
        sql_ms = sum(ms for ms, _sql in queries)
        rows.append((name, url, median(wall), median(cpu), len(queries), sql_ms))
    return rows


def report(rows) -> None:
    print(f"{'page':<24}{'wall ms':>9}{'CPU ms':>9}{'queries':>9}{'SQL ms':>9}  address")
    for name, url, wall, cpu, queries, sql_ms in rows:
        print(f"{name:<24}{wall:>9.1f}{cpu:>9.1f}{queries:>9}{sql_ms:>9.1f}  {url}")


def profile(names: list[str], repeat: int) -> None:
    from django.test import Client
    from pyinstrument import Profiler

    from bench.pages import page_urls

    client = Client()
    for name, url in page_urls(names).items():
        client.get(url)
        profiler = Profiler(interval=0.0005, async_mode="disabled")
        with profiler:
            for _ in range(repeat):
                client.get(url)
        print(f"\n{name}: {url}, {repeat} requests")
        print(profiler.output_text(unicode=True, color=False, show_all=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--profile", metavar="PAGE,...", help="profile these pages of bench/pages.py instead"
    )
    parser.add_argument(
        "--queries", metavar="PAGE,...", help="list these pages' queries and their times instead"
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="use the site in the database DATABASE_URL names as it is (built and kept)",
    )
    args = parser.parse_args()

    from bench.search_benchmark import ThrowawayDatabase

    database = None if args.existing else ThrowawayDatabase(os.environ.get("DATABASE_URL", ""))
    if database:
        os.environ["DATABASE_URL"] = database.create()
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["TEST_SEARCH_BACKEND"] = "database"
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "600")
    import django

    django.setup()
    try:
        if database:
            build_site(args.cases)
        if args.profile:
            profile(args.profile.split(","), args.repeat)
        elif args.queries:
            show_queries(args.queries.split(","))
        else:
            report(time_pages(args.repeat))
    finally:
        if database:
            database.drop()


if __name__ == "__main__":
    main()
