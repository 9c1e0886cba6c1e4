"""A collection for the room's documents and images ("Netværket"), restricted to the two
network groups: Wagtail protects a document by its collection, not by the page linking it."""

from django.db import migrations

GROUPS = ("Netværksmedlemmer", "Videnspartnere")
NAME = "Netværket"


def create(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    root = Collection.objects.filter(depth=1).first()
    if root is None or Collection.objects.filter(name=NAME, depth=2).exists():
        return
    # Collection is a treebeard MP node: the historical model has none of its methods.
    last = Collection.objects.filter(depth=2).order_by("-path").first()
    step = 4  # treebeard steplen of Collection
    number = int(last.path[-step:], 36) + 1 if last else 1
    path = root.path + _base36(number).rjust(step, "0")
    collection = Collection.objects.create(name=NAME, path=path, depth=2, numchild=0)
    root.numchild += 1
    root.save(update_fields=["numchild"])
    restriction = Restriction.objects.create(collection=collection, restriction_type="groups")
    restriction.groups.set(Group.objects.filter(name__in=GROUPS))


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while number:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
    return text or "0"


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0003_invitation_email"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
