from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page, Site

from demo.pages import load_demo_content


class Command(BaseCommand):
    help = (
        "Build the demo site from the source article, once: running it again changes nothing, "
        "and what editors renamed, moved, changed or deleted stays as they left it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-address",
            help="Where the site is served, e.g. http://127.0.0.1:8000: the default Site's "
            "hostname and port, used for absolute links in the sitemap, RSS and calendar files.",
        )

    def handle(self, *args, site_address=None, **options):
        pages_before = set(Page.objects.values_list("pk", flat=True))
        site = load_demo_content()
        created = Page.objects.exclude(pk__in=pages_before).count()
        if site_address:
            self.point_default_site_at(site_address)
        if site.home is None:
            self.stdout.write("The demo's home page was deleted in the admin; nothing was built.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready under '{site.home.title}': {created} page(s) created."
            )
        )

    def point_default_site_at(self, address: str) -> None:
        parts = urlsplit(address)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise CommandError(f"--site-address must be an http(s) URL, not {address!r}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = parts.hostname, port
        site.save()  # save(), not update(): it clears Wagtail's cache of site root paths
