from django.core.management.base import BaseCommand
from wagtail.models import Page

from cases.demo_content import load_demo_content


class Command(BaseCommand):
    help = "Build the demo site from the source article. Running it again changes nothing."

    def handle(self, *args, **options):
        pages_before = set(Page.objects.values_list("pk", flat=True))
        site = load_demo_content()
        created = Page.objects.exclude(pk__in=pages_before).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready under '{site.home.title}': {created} page(s) created."
            )
        )
