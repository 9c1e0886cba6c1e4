"""Delete the registrations of events that ended more than their set number of days ago
(README, "Production": run it daily from cron)."""

from django.core.management.base import BaseCommand

from events.registrations import delete_old


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        deleted = delete_old()
        self.stdout.write(f"{deleted} registration(s) deleted.")
