"""Carry the many-to-many rows over into the chooser links, in the order they were added."""

from django.db import migrations

from core.orderable_migration import ManyToManyToOrderable, copy_to_orderables


class Migration(migrations.Migration):
    dependencies = [("events", "0002_chooser_links")]

    operations = [
        copy_to_orderables(
            "events",
            ManyToManyToOrderable("eventpage", "participants", "eventparticipant", "organisation"),
        )
    ]
