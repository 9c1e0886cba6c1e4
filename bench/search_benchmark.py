"""Search speed at scale: our database backend beside Wagtail's built-in database search.

    .venv/bin/python bench/search_benchmark.py --cases 10000
    DATABASE_URL=postgres://user@host:port/db .venv/bin/python bench/search_benchmark.py

Builds a throwaway database (a temporary SQLite file, or a new database on the PostgreSQL
server DATABASE_URL names, dropped afterwards), fills it with N synthetic but plausible Danish
cases (random goals, themes and municipalities), indexes them for both searches, runs a fixed
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
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Synthetic text ------------------------------------------------------------------------------

TOPICS = [
    "klimaplan",
    "affaldssortering",
    "energirenovering",
    "cykelstier",
    "biodiversitet",
    "vandforsyning",
    "fjernvarme",
    "solceller",
    "skolemad",
    "sundhedsfremme",
    "borgerinddragelse",
    "partnerskaber",
    "grøn omstilling",
    "kollektiv trafik",
    "genbrug",
    "naturpleje",
    "klimatilpasning",
    "lokal fødevareproduktion",
    "ligestilling",
    "integration",
]
NOUNS = [
    "kommunen",
    "borgerne",
    "virksomhederne",
    "byrådet",
    "forvaltningen",
    "medarbejderne",
    "institutionerne",
    "skolerne",
    "foreningerne",
    "landbruget",
    "forsyningen",
    "direktionen",
    "verdensmålene",
    "strategien",
    "handleplanen",
    "indsatsen",
    "projektet",
    "netværket",
    "partnerskabet",
    "udvalget",
    "lokalsamfundet",
    "erhvervslivet",
    "daginstitutionerne",
    "plejecentrene",
    "biblioteket",
    "kulturhuset",
    "havnen",
    "landsbyerne",
    "boligselskabet",
    "ungdomsskolen",
    "jobcentret",
    "rådhuset",
    "borgermødet",
    "frivillige",
    "eleverne",
]
VERBS = [
    "arbejder med",
    "forankrer",
    "udvikler",
    "styrker",
    "måler",
    "rapporterer på",
    "prioriterer",
    "inddrager",
    "understøtter",
    "samarbejder om",
    "planlægger",
    "evaluerer",
    "finansierer",
    "skaber ejerskab for",
    "oversætter",
    "kommunikerer",
    "tester",
    "udbreder",
]
OBJECTS = [
    "bæredygtig udvikling",
    "en bred forankring",
    "nye løsninger",
    "konkrete mål",
    "fælles projekter",
    "lokale initiativer",
    "grønne investeringer",
    "et fælles sprog",
    "data om forbruget",
    "mindre affald",
    "renere vand",
    "bedre trivsel",
    "lavere udledning",
    "flere arbejdspladser",
    "stærkere fællesskaber",
    "cirkulær økonomi",
    "sunde madvaner",
    "klimavenlige indkøb",
    "gode erfaringer",
    "tværgående samarbejde",
]
CONNECTIVES = ["Samtidig", "Derfor", "I praksis", "Over tid", "Til sidst", "Først", "Desuden"]
RARE_WORD = "havørred"  # in about one case in a thousand
APPROACHES = ["top-down", "bottom-up", "hybrid"]
THEME_NAMES = [
    "Klima",
    "Energi",
    "Affald og genbrug",
    "Mobilitet",
    "Natur og biodiversitet",
    "Vand",
    "Sundhed",
    "Uddannelse",
    "Partnerskaber",
    "Organisering",
    "Ejerskab og forankring",
    "Rapportering",
    "Indkøb",
    "Byudvikling",
    "Landdistrikter",
    "Fødevarer",
    "Ligestilling",
    "Beskæftigelse",
    "Kultur",
    "Digitalisering",
]


def sentence(rng: random.Random) -> str:
    start = rng.choice(CONNECTIVES) + " " if rng.random() < 0.3 else ""
    subject = rng.choice(NOUNS)
    text = f"{start}{subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.5:
        text += f" sammen med {rng.choice(NOUNS)}"
    if rng.random() < 0.3:
        text += f" inden for {rng.choice(TOPICS)}"
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def case_body(rng: random.Random, rare: bool) -> list[dict]:
    sections = ["challenge", "approach", "results", "lessons"]
    blocks = []
    for block_type in sections:
        text = paragraph(rng, rng.randint(3, 6))
        if rare and block_type == "results":
            text += f" Vandløbet har fået sin {RARE_WORD} tilbage."
        blocks.append({"type": block_type, "value": {"heading": "", "text": f"<p>{text}</p>"}})
    return blocks


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


def build_site():
    from wagtail.models import Page, Site

    from cases.models import CaseIndexPage
    from home.models import HomePage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Forside", slug="forside"))
    Site.objects.update(root_page=home, is_default_site=True)
    return home.add_child(instance=CaseIndexPage(title="Cases", slug="cases"))


def create_cases(index, count: int, rng: random.Random) -> None:
    """Pages in bulk: the Page rows with their tree paths, then the CasePage rows, then the
    many-to-many rows. Wagtail's add_child would take minutes for 10,000 pages."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from cases.models import CasePage
    from taxonomy.models import Municipality, SDGGoal, Theme

    themes = [Theme.objects.get_or_create(name=name)[0] for name in THEME_NAMES]
    goals = list(SDGGoal.objects.all())
    municipalities = list(Municipality.objects.all())
    content_type = ContentType.objects.get_for_model(CasePage)
    locale = Locale.get_default()
    now = timezone.now()
    depth = index.depth + 1
    batch = 500
    for start in range(0, count, batch):
        numbers = range(start, min(start + batch, count))
        specs = []
        for number in numbers:
            topic = rng.choice(TOPICS)
            place = rng.choice(municipalities)
            title = f"{topic.capitalize()} i {place.name}: {rng.choice(OBJECTS)} ({number})"
            slug = f"case-{number}"
            published = now - timezone.timedelta(days=rng.randint(0, 2000))
            page = Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=Page._get_path(index.path, depth, number + 1),
                depth=depth,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                locale=locale,
                translation_key=uuid.uuid4(),
            )
            specs.append((page, place, topic, number))
        Page.objects.bulk_create([page for page, *_ in specs])
        cases = [
            CasePage(
                page_ptr_id=page.pk,
                municipality_id=place.pk,
                date=timezone.localdate(page.first_published_at),
                summary=f"Kommunen {rng.choice(VERBS)} {topic}. {sentence(rng)}",
                approach=rng.choice(APPROACHES),
                lead_image_alt="",
                body=case_body(rng, rare=number % 1000 == 7),
            )
            for page, place, topic, number in specs
        ]
        fields = CasePage._meta.local_concrete_fields
        CasePage._base_manager._insert(cases, fields=fields, using="default")
        CasePage.goals.through.objects.bulk_create(
            CasePage.goals.through(casepage_id=page.pk, sdggoal_id=goal.pk)
            for page, *_ in specs
            for goal in rng.sample(goals, rng.randint(1, 4))
        )
        CasePage.themes.through.objects.bulk_create(
            CasePage.themes.through(casepage_id=page.pk, theme_id=theme.pk)
            for page, *_ in specs
            for theme in rng.sample(themes, rng.randint(1, 3))
        )
    Page.objects.filter(pk=index.pk).update(numchild=count)


def index_ours() -> list:
    from search import index_sync
    from search.backends import get_backend

    documents = index_sync.all_documents()
    get_backend("database").rebuild(documents, len(documents), None)
    return documents


def index_wagtail() -> None:
    from wagtail.search.backends import get_search_backend

    from cases.models import CasePage

    backend = get_search_backend()
    pages = CasePage.objects.select_related("municipality").order_by("pk")
    ids = list(pages.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        backend.add_bulk(CasePage, list(pages.filter(pk__in=ids[start : start + 500])))


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

    rng = random.Random(args.seed)
    with timed("migrate"):
        call_command("migrate", verbosity=0)
    print(f"database: {database_version()}")
    index = build_site()
    with timed(f"create {args.cases} cases in bulk"):
        create_cases(index, args.cases, rng)
    with timed("index for our database backend"):
        documents = index_ours()
    with timed("index for Wagtail's database search"):
        index_wagtail()
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
