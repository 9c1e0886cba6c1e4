from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Arrangementer"

    def ready(self):
        from . import signals  # noqa: F401 - the waiting list moves up after admin changes
