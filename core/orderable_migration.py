"""A data migration step shared by the apps that replaced a many-to-many field by an orderable
child relation (a MultipleChooserPanel): it carries the rows over, and back when reversed.

It uses only the historical models the migration passes in, so later changes to the apps'
models cannot change what an old migration does.
"""

from dataclasses import dataclass

from django.db import migrations


@dataclass(frozen=True)
class ManyToManyToOrderable:
    """`model.many_to_many` becomes rows of `orderable` (ParentalKey `parent_field`, foreign
    key `target_field`), in the order the rows were added."""

    model: str
    many_to_many: str
    orderable: str
    target_field: str
    parent_field: str = "page"


def copy_to_orderables(app_label: str, *moves: ManyToManyToOrderable) -> migrations.RunPython:
    def forwards(apps, schema_editor):
        for move in moves:
            through, owner, target = _through(apps, app_label, move)
            orderable = apps.get_model(app_label, move.orderable)
            rows = through.objects.order_by(f"{owner}_id", "pk").values_list(
                f"{owner}_id", f"{target}_id"
            )
            links, position = [], {}
            for owner_id, target_id in rows:
                position[owner_id] = position.get(owner_id, -1) + 1
                links.append(
                    orderable(
                        **{
                            f"{move.parent_field}_id": owner_id,
                            f"{move.target_field}_id": target_id,
                            "sort_order": position[owner_id],
                        }
                    )
                )
            orderable.objects.bulk_create(links)

    def backwards(apps, schema_editor):
        for move in moves:
            through, owner, target = _through(apps, app_label, move)
            orderable = apps.get_model(app_label, move.orderable)
            pairs = orderable.objects.order_by(f"{move.parent_field}_id", "sort_order").values_list(
                f"{move.parent_field}_id", f"{move.target_field}_id"
            )
            through.objects.bulk_create(
                [through(**{f"{owner}_id": a, f"{target}_id": b}) for a, b in dict.fromkeys(pairs)]
            )

    return migrations.RunPython(forwards, backwards)


def _through(apps, app_label: str, move: ManyToManyToOrderable):
    field = apps.get_model(app_label, move.model)._meta.get_field(move.many_to_many)
    return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()
