"""Carry the many-to-many rows over into the chooser links, in the order they were added."""

from django.db import migrations

from core.orderable_migration import ManyToManyToOrderable, copy_to_orderables


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_chooser_links")]

    operations = [
        copy_to_orderables(
            "cases",
            ManyToManyToOrderable("casepage", "contacts", "casecontact", "person"),
            ManyToManyToOrderable("casepage", "related_research", "caseresearch", "research"),
            ManyToManyToOrderable("researchfindingpage", "researchers", "findingresearcher", "person"),
            ManyToManyToOrderable("researchfindingpage", "partners", "findingpartner", "organisation"),
        )
    ]
