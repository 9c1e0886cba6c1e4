"""`make bench`: every benchmark, against PostgreSQL, Redis and Elasticsearch, into
bench/results.json and a table. Method and how to read it: bench/README.md.

    make bench
    BENCH_CASES=300 BENCH_ES_DOCS=1000 BENCH_SECONDS=3 make bench     # a quick run

Services come from DATABASE_URL, REDIS_URL and ELASTICSEARCH_URL; one not set is started by
its script (scripts/postgres, scripts/redis, scripts/elasticsearch --nodes 3). The site lives
in a throwaway database on that PostgreSQL server (dropped at the end) and in Elasticsearch
indexes of its own (deleted at the end).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import members  # noqa: E402
import search_benchmark  # noqa: E402
import services  # noqa: E402
import wrk  # noqa: E402
from page_list import TRIVIAL_URL, measured_urls  # noqa: E402

ROOT = services.ROOT
RESULTS = ROOT / "bench" / "results.json"


def knob(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


CASES = int(knob("BENCH_CASES", 10_000))
ES_DOCS = int(knob("BENCH_ES_DOCS", 100_000))
SECONDS = knob("BENCH_SECONDS", 10)
REPEAT = int(knob("BENCH_REPEAT", 30))  # runs of each query of the search mix
WAGTAIL_REPEAT = int(knob("BENCH_WAGTAIL_REPEAT", 3))
ES_NODES = int(knob("BENCH_ES_NODES", 3))
CONFIDENTIAL = int(knob("BENCH_CONFIDENTIAL", 100))  # pages in the network's room
CONNECTIONS = int(knob("BENCH_CONNECTIONS", 8))
SEED = int(knob("BENCH_SEED", 2021))
PUBLISH_EVERY_S = 0.5
CACHED_SECONDS = "300"


def step(label: str):
    class Step:
        def __enter__(self):
            self.started = time.perf_counter()
            print(f"{label} ...", flush=True)
            return self

        def __exit__(self, *exc):
            self.seconds = time.perf_counter() - self.started
            print(f"  {label}: {self.seconds:.1f} s", flush=True)

    return Step()


def p(samples: list[float], fraction: float) -> float:
    return round(search_benchmark.percentile(samples, fraction), 2)


# The machine ---------------------------------------------------------------------------------


def machine() -> dict:
    def cpu_model() -> str:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
        return platform.processor()

    def memory_gb() -> float:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
        return 0.0

    return {
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "memory_gb": memory_gb(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "database": search_benchmark.database_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


# Content ---------------------------------------------------------------------------------------


def build_site(cases: int) -> float:
    """The demo site and `cases` generated cases; returns the cases made per second."""
    from django.core.management import call_command

    from demo.generated.content import generate_content

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    started = time.perf_counter()
    generate_content(cases, SEED, rebuild_search=False)
    return cases / (time.perf_counter() - started)


def grow_to(cases: int) -> float | None:
    """More generated cases (another seed) until the site has `cases`; cases per second."""
    from cases.models import CasePage
    from demo.generated.content import generate_content

    missing = cases - CasePage.objects.count()
    if missing <= 0:
        return None
    started = time.perf_counter()
    generate_content(missing, SEED + 1, rebuild_search=False)
    return missing / (time.perf_counter() - started)


def rebuild(backend_name: str) -> dict:
    """What `search_index --rebuild` does for one backend, timed."""
    from search import index_sync
    from search.backends import get_backend

    started = time.perf_counter()
    docs = index_sync.rebuild(get_backend(backend_name))
    seconds = time.perf_counter() - started
    return {"docs": docs, "reindex_docs_per_s": round(docs / seconds, 1)}


def refresh_statistics() -> None:
    search_benchmark.refresh_statistics()


# Search through the API --------------------------------------------------------------------


def api_params(spec: dict) -> dict:
    params = {"q": spec.get("text", "")}
    params.update(spec.get("filters", {}))
    return {key: value for key, value in params.items() if value}


def api_latencies(base: str, mix: list, cookie: str = "") -> tuple[list[float], dict]:
    """Each query of the mix REPEAT times through /api/search/, one request at a time; with
    `cookie`, as the logged-in person of that session."""
    everything, per_query = [], {}
    headers = {"Cookie": cookie} if cookie else {}
    for label, spec in mix:
        url = f"{base}/api/search/?{urlencode(api_params(spec), doseq=True)}"
        samples = []
        for run in range(REPEAT + 1):
            started = time.perf_counter()
            request = urllib.request.Request(url, headers=headers)
            with urllib.request.urlopen(request, timeout=30) as answer:
                body = json.load(answer)
            if run:  # the first is a warm-up
                samples.append((time.perf_counter() - started) * 1000)
        per_query[label] = {
            "hits": body["count"],
            "backend": body["backend"],
            "p50_ms": p(samples, 0.5),
            "p95_ms": p(samples, 0.95),
        }
        everything += samples
    return everything, per_query


class TookRecorder:
    """The Elasticsearch client, recording the engine's own `took` of each search."""

    def __init__(self, client):
        self._client = client
        self.took: list[int] = []

    def search(self, *args, **kwargs):
        response = self._client.search(*args, **kwargs)
        self.took.append(response["took"])
        return response

    def __getattr__(self, name):
        return getattr(self._client, name)


def engine_took(mix: list) -> list[float]:
    """Elasticsearch's `took` for the same searches the API runs (the backend's own request,
    every request of one search added up: the hits and facets, and a "did you mean")."""
    from search.backends import get_backend
    from search.backends.base import SearchQuery

    backend = get_backend("elasticsearch")
    recorder = TookRecorder(backend.client)
    backend.client = recorder
    samples = []
    try:
        for _, spec in mix:
            for run in range(REPEAT + 1):
                recorder.took.clear()
                backend.search(SearchQuery(**spec))
                if run:
                    samples.append(float(sum(recorder.took)))
    finally:
        backend.client = recorder._client
    return samples


# Pages -----------------------------------------------------------------------------------------


def sql_queries(urls: dict[str, str]) -> dict[str, int]:
    """Queries of a second anonymous request (the first fills per-process caches)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, counts = Client(), {}
    for name, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[name] = len(queries)
    return counts


def measure_pages(server: services.Server, urls: dict[str, str], wrk_path: str) -> dict:
    """Each page, then the trivial response, with wrk on the same server one after the other."""
    pages, trivial = {}, []
    for name, url in urls.items():
        page = wrk.run(wrk_path, server.base + url, SECONDS, CONNECTIONS)
        plain = wrk.run(wrk_path, server.base + TRIVIAL_URL, SECONDS, CONNECTIONS)
        trivial.append(plain.requests_per_s)
        pages[name] = {
            "requests_per_s": round(page.requests_per_s, 1),
            "p50_ms": round(page.p50_ms, 2),
            "p99_ms": round(page.p99_ms, 2),
            "errors": page.errors,
            "trivial_requests_per_s": round(plain.requests_per_s, 1),
        }
        print(f"  {name}: {page.requests_per_s:.0f}/s beside {plain.requests_per_s:.0f}/s")
    return {"pages": pages, "trivial_requests_per_s": round(statistics.median(trivial), 1)}


def measure_cached(environment: dict, urls: dict[str, str], wrk_path: str) -> dict:
    """requests_per_s of each page with the page cache on (CACHE_PAGES_SECONDS, on Redis).
    The search page and the API are never kept: their figure is an uncached one."""
    cached = {}
    with services.Server({**environment, "CACHE_PAGES_SECONDS": CACHED_SECONDS}) as server:
        for name, url in urls.items():
            urllib.request.urlopen(server.base + url, timeout=30).read()  # fill the cache
            cached[name] = round(wrk.run(wrk_path, server.base + url, SECONDS).requests_per_s, 1)
            print(f"  {name} cached: {cached[name]:.0f}/s")
    return cached


# Load: a mix of pages while editors publish ------------------------------------------------


def publish_continuously(stop: threading.Event, counts: dict) -> None:
    """Publish a case through Wagtail's revision publish every PUBLISH_EVERY_S seconds."""
    from django.db import connection

    from cases.models import CasePage

    pages = list(CasePage.objects.live().order_by("-pk")[:50])
    number = 0
    try:
        while not stop.wait(PUBLISH_EVERY_S):
            page = pages[number % len(pages)]
            page.refresh_from_db()
            page.summary = f"{page.summary.split(' [')[0]} [opdateret {number}]"
            try:
                page.save_revision().publish()
                counts["published"] += 1
            except Exception as error:  # counted and shown, not hidden
                counts["failed"] += 1
                print(f"  publish failed: {error!r}", flush=True)
            number += 1
    finally:
        connection.close()


def measure_load(server: services.Server, urls: dict[str, str], wrk_path: str) -> dict:
    stop, counts = threading.Event(), {"published": 0, "failed": 0}
    publisher = threading.Thread(target=publish_continuously, args=(stop, counts))
    publisher.start()
    try:
        paths = list(urls.values()) + [TRIVIAL_URL]
        result = wrk.run(wrk_path, server.base + "/", SECONDS * 2, CONNECTIONS, paths=paths)
    finally:
        stop.set()
        publisher.join()
    return {
        "requests": result.requests,
        "errors": result.errors,
        "publishes": counts["published"],
        "failed_publishes": counts["failed"],
    }


# Wagtail's built-in search ---------------------------------------------------------------


def ours_in_process(backend_name: str, mix: list) -> dict:
    """Our backend on the same mix in the same process as Wagtail's (no HTTP), for the ratio."""
    everything = []
    for _, spec in mix:
        everything += search_benchmark.measure(search_benchmark.ours(backend_name, spec), REPEAT)[0]
    return {"ours_p50_ms": p(everything, 0.5), "ours_p95_ms": p(everything, 0.95)}


def wagtail_database(mix: list, place) -> dict:
    rows = [
        (label, *search_benchmark.measure(search_benchmark.wagtails(spec, place), WAGTAIL_REPEAT))
        for label, spec in mix
    ]
    from cases.models import CasePage

    docs = {"docs": CasePage.objects.live().count()}
    return docs | wagtail_summary(rows, ours_in_process("database", mix))


def wagtail_summary(rows: list, ours: dict) -> dict:
    everything = [sample for _, samples, _ in rows for sample in samples]
    p50 = p(everything, 0.5)
    return {
        "search_p50_ms": p50,
        "search_p95_ms": p(everything, 0.95),
        **ours,
        "times_slower_than_ours_p50": round(p50 / ours["ours_p50_ms"], 1),
        "queries": {
            label: {"hits": hits, "p50_ms": p(samples, 0.5), "runs": len(samples)}
            for label, samples, hits in rows
        },
    }


def wagtail_elasticsearch(mix: list, place, url: str) -> dict:
    """Wagtail's Elasticsearch 8 backend on the same cases: indexed, then the same mix."""
    from django.conf import settings
    from wagtail.search.backends import get_search_backend

    from cases.models import CasePage

    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "es8": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": url.split(","),
            "INDEX": f"{settings.SEARCH_INDEX_PREFIX}-wagtail",
            "TIMEOUT": 60,
        },
    }
    backend = get_search_backend("es8")
    started = time.perf_counter()
    index = backend.get_index_for_model(CasePage)
    index.reset()
    index.add_model(CasePage)
    pages = CasePage.objects.select_related("municipality").order_by("pk")
    ids = list(pages.values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        index.add_items(CasePage, list(pages.filter(pk__in=ids[start : start + 1000])))
    index.refresh()
    docs_per_s = len(ids) / (time.perf_counter() - started)
    rows = [
        (label, *search_benchmark.measure(wagtails_on(backend, spec, place), WAGTAIL_REPEAT))
        for label, spec in mix
    ]
    try:
        summary = wagtail_summary(rows, ours_in_process("elasticsearch", mix))
        return {"docs": len(ids), "reindex_docs_per_s": round(docs_per_s, 1)} | summary
    finally:
        index.delete()


def wagtails_on(backend, spec: dict, place):
    """search_benchmark.wagtails on another Wagtail backend."""
    from cases.models import CasePage

    def run() -> int:
        filters = spec.get("filters", {})
        pages = CasePage.objects.live()
        if filters.get("municipality"):
            pages = pages.filter(municipality_id=place.pk)
        if not spec.get("text"):
            return search_benchmark.wagtails(spec, place)()
        results = backend.search(spec["text"], pages)
        list(results[:10])
        results.facet("municipality_id")
        return results.count()

    return run


# The run ---------------------------------------------------------------------------------


def elasticsearch_nodes(url: str) -> int:
    from search.backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(url=url).client.cluster.health()["number_of_nodes"]


def main() -> None:
    wrk_path = services.ensure_wrk()
    found = services.start_services(ES_NODES)
    database = search_benchmark.ThrowawayDatabase(found["database"])
    es_url = found["elasticsearch"]
    site = {
        "DATABASE_URL": database.create(),
        "SEARCH_INDEX_PREFIX": f"bench-{os.getpid()}",
        "ELASTICSEARCH_URL": "",
        "CACHE_PAGES_SECONDS": "0",
        "STATIC_ROOT": str(Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-static-{os.getpid()}"),
    }
    os.environ.update(site)
    os.environ.update(services.site_environment("http://127.0.0.1"))
    import django

    django.setup()
    results: dict = {}
    try:
        run(results, site, es_url, wrk_path)
    finally:
        from django.db import connections

        connections.close_all()
        database.drop()
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}\n")
    print(table(results))


def run(results: dict, site: dict, es_url: str | None, wrk_path: str) -> None:
    from django.core.management import call_command
    from django.test import override_settings

    with step("collectstatic"):
        call_command("collectstatic", "--noinput", verbosity=0)
    with step(f"site: migrate, demo, {CASES} generated cases"):
        generated_per_s = build_site(CASES)
    with step(f"site: {CONFIDENTIAL} pages in the network's room, a member's session"):
        members.add_confidential_pages(CONFIDENTIAL, SEED)
        cookie = members.member_cookie()
    results["machine"] = machine()
    mix, place = search_benchmark.query_mix()
    with step("database: search_index --rebuild"):
        database = rebuild("database")
    refresh_statistics()
    with services.Server(site) as server:
        with step("database: search through the API"):
            samples, per_query = api_latencies(server.base, mix)
        with step("database: a member's search through the API"):
            member_samples, member_queries = api_latencies(server.base, mix, cookie)
        results["database"] = {
            "docs": database["docs"],
            "search_p50_ms": p(samples, 0.5),
            "search_p95_ms": p(samples, 0.95),
            "member_search_p50_ms": p(member_samples, 0.5),
            "member_search_p95_ms": p(member_samples, 0.95),
            "member_queries": member_queries,
            "reindex_docs_per_s": database["reindex_docs_per_s"],
            "generated_cases_per_s": round(generated_per_s, 1),
            "queries": per_query,
        }
        urls = measured_urls()
        with step("pages: wrk, each beside /robots.txt"):
            results.update(measure_pages(server, urls, wrk_path))
    with step("pages: SQL queries"):
        for name, count in sql_queries(urls).items():
            results["pages"][name]["sql_queries"] = count
    with step("pages: cached"):
        for name, rate in measure_cached(site, urls, wrk_path).items():
            results["pages"][name]["cached_requests_per_s"] = rate
    with step("Wagtail's database search"):
        results["wagtail_builtin"] = {"database": wagtail_database(mix, place)}
    with step(f"site: grow to {ES_DOCS} cases"):
        grown_per_s = grow_to(ES_DOCS)
    refresh_statistics()
    on_es = {**site, "ELASTICSEARCH_URL": es_url}
    with override_settings(ELASTICSEARCH_URL=es_url, SEARCH_BACKEND="elasticsearch"):
        try:
            measure_elasticsearch(
                results, on_es, es_url, mix, place, urls, wrk_path, grown_per_s, cookie
            )
        finally:
            from search.backends import get_backend

            get_backend("elasticsearch").delete_all_indexes()


def measure_elasticsearch(results, on_es, es_url, mix, place, urls, wrk_path, grown_per_s, cookie):
    with step("elasticsearch: search_index --rebuild"):
        elastic = rebuild("elasticsearch")
    with services.Server(on_es) as server:
        with step("elasticsearch: search through the API"):
            samples, per_query = api_latencies(server.base, mix)
        with step("elasticsearch: a member's search through the API"):
            member_samples, member_queries = api_latencies(server.base, mix, cookie)
        with step("elasticsearch: the engine's own took"):
            took = engine_took(mix)
        results["elasticsearch"] = {
            "docs": elastic["docs"],
            "nodes": elasticsearch_nodes(es_url),
            "search_p50_ms": p(samples, 0.5),
            "search_p95_ms": p(samples, 0.95),
            "engine_took_p50_ms": p(took, 0.5),
            "engine_took_p95_ms": p(took, 0.95),
            "member_search_p50_ms": p(member_samples, 0.5),
            "member_search_p95_ms": p(member_samples, 0.95),
            "member_queries": member_queries,
            "reindex_docs_per_s": elastic["reindex_docs_per_s"],
            "generated_cases_per_s": round(grown_per_s, 1) if grown_per_s else None,
            "queries": per_query,
        }
        with step("load: a mix of pages while a case is published every 0.5 s"):
            results["load"] = measure_load(server, urls, wrk_path)
    with step("Wagtail's Elasticsearch 8 search"):
        results["wagtail_builtin"]["elasticsearch"] = wagtail_elasticsearch(mix, place, es_url)


# The table -------------------------------------------------------------------------------


def table(results: dict) -> str:
    lines = [f"machine: {json.dumps(results.get('machine'), ensure_ascii=False)}", ""]
    trivial = results.get("trivial_requests_per_s") or 0
    lines.append(f"{'page':<10}{'req/s':>8}{'÷ trivial':>11}{'p50 ms':>9}{'p99 ms':>9}"
                 f"{'SQL':>6}{'cached/s':>10}{'÷ trivial':>11}")  # fmt: skip
    for name, page in (results.get("pages") or {}).items():
        plain = page.get("trivial_requests_per_s") or trivial or 1
        cached = page.get("cached_requests_per_s")
        lines.append(
            f"{name:<10}{page['requests_per_s']:>8.0f}{page['requests_per_s'] / plain:>11.2f}"
            f"{page['p50_ms']:>9.1f}{page['p99_ms']:>9.1f}{page.get('sql_queries', '-'):>6}"
            + (f"{cached:>10.0f}{cached / plain:>11.2f}" if cached else f"{'-':>10}{'-':>11}")
        )
    lines.append(f"{'trivial':<10}{trivial:>8.0f}  (/robots.txt, median of the runs beside each)")
    lines.append("")
    lines.append(f"{'search':<26}{'docs':>8}{'p50 ms':>9}{'p95 ms':>9}{'took p50':>10}"
                 f"{'rebuild docs/s':>16}")  # fmt: skip
    rows = [
        ("ours, database", results.get("database")),
        ("ours, Elasticsearch", results.get("elasticsearch")),
        ("Wagtail, database", (results.get("wagtail_builtin") or {}).get("database")),
        ("Wagtail, Elasticsearch 8", (results.get("wagtail_builtin") or {}).get("elasticsearch")),
    ]
    for label, row in rows:
        if row:
            lines.append(
                f"{label:<26}{row.get('docs', results['database']['docs']):>8}"
                f"{row['search_p50_ms']:>9.1f}{row['search_p95_ms']:>9.1f}"
                f"{row.get('engine_took_p50_ms') or '-':>10}"
                f"{row.get('reindex_docs_per_s') or '-':>16}"
            )
            if "member_search_p50_ms" in row:
                lines.append(
                    f"{'  the same, as a member':<26}{'':>8}"
                    f"{row['member_search_p50_ms']:>9.1f}{row['member_search_p95_ms']:>9.1f}"
                )
    for name, row in (results.get("wagtail_builtin") or {}).items():
        lines.append(
            f"Wagtail's {name} search: p50 {row['times_slower_than_ours_p50']}× ours on the same "
            f"mix in the same process ({row['search_p50_ms']} ms against {row['ours_p50_ms']} ms)"
        )
    load = results.get("load")
    if load:
        lines += [
            "",
            f"load: {load['requests']} requests, {load['errors']} errors, "
            f"{load['publishes']} publishes ({load['failed_publishes']} failed)",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"\nmake bench took {(time.perf_counter() - started) / 60:.1f} minutes")
