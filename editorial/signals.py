"""A section page created after the migration (the demo, an editor) gets the editorial
set-up at once: the moderation workflow and the groups' permissions (editorial.roles)."""

from django.apps import apps
from django.db.models.signals import post_save

from .roles import SECTION_PAGE_TYPES, set_up_section


def section_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        set_up_section(apps, instance)


for app_label, model_name in SECTION_PAGE_TYPES:
    post_save.connect(
        section_created,
        sender=apps.get_model(app_label, model_name),
        dispatch_uid=f"editorial_section_created_{app_label}_{model_name}",
    )
