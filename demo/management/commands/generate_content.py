import time

from django.core.management.base import BaseCommand, CommandError

from demo.generated.content import NoSiteToFill, generate_content


def positive(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Add N realistic cases (Danish text; goals, themes and municipalities spread as in life) "
        "and one research finding per hundred to the default site, published, the same for the "
        "same seed; then rebuild the search indexes. Needs the site's case index "
        "(load_demo_content)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=positive, required=True, help="How many cases.")
        parser.add_argument("--seed", type=int, default=2021, help="The same seed, the same cases.")
        parser.add_argument(
            "--no-search-rebuild",
            action="store_true",
            help="Leave the search indexes for a later `search_index --rebuild`.",
        )

    def handle(self, *args, cases, seed, no_search_rebuild=False, **options):
        started = time.perf_counter()
        try:
            generated = generate_content(
                cases,
                seed,
                rebuild_search=not no_search_rebuild,
                progress=lambda message: self.stderr.write(message),
            )
        except NoSiteToFill as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(generated.cases)} case(s) and {len(generated.findings)} research "
                f"finding(s) published in {seconds:.1f} s (seed {seed})."
            )
        )
