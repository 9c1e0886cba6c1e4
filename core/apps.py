from django.apps import AppConfig
from django.db.models.signals import pre_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Grundlag"

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from .slugs import AsciiSlugFormField, DanishSlugInput, make_page_slug_ascii

        # Imported first, Wagtail's own SlugInput override is registered before ours replaces it.
        # Not required: a slug left empty (no JavaScript) is made from the title on save.
        register_form_field_override(
            models.SlugField,
            override={
                "widget": DanishSlugInput,
                "form_class": AsciiSlugFormField,
                "required": False,
            },
        )
        from . import images  # noqa: F401 - registers the check that Pillow writes WebP

        pre_save.connect(make_page_slug_ascii, dispatch_uid="core.make_page_slug_ascii")

        from .content_version import connect_signals

        connect_signals()
