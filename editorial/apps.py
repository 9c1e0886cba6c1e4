from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Redaktion"

    def ready(self):
        from . import signals  # noqa: F401
