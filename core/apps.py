from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Grundlag"

    def ready(self):
        from . import images  # noqa: F401 - registers the check that Pillow writes WebP
