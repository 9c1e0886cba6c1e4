"""Data migration steps for pages that gained a content date (core.models.ContentDateFields).

Adding the field gives every existing page the day of the migration (its default), which
would date years-old content "today". These steps date each page by what is known instead,
and write the date into the page's revisions too: Wagtail's editor opens a page from its
latest revision, and a revision without the field would fill it with today's date again, which
the next publish would keep.

They use only the historical models the migration passes in, so later changes to the apps'
models cannot change what an old migration does.
"""

from __future__ import annotations

import datetime

from django.db import migrations
from django.utils import timezone

BATCH = 500


def set_page_dates(apps, model, dates: dict[int, datetime.date | None]) -> None:
    """Give the pages of `model` (a historical page model) their dates, by page id, in their
    rows and in every revision of theirs."""
    for pk, day in dates.items():
        model.objects.filter(pk=pk).update(date=day)
    revision_model = apps.get_model("wagtailcore", "Revision")
    revisions = revision_model.objects.filter(
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id__in=[str(pk) for pk in dates],
    ).only("content", "object_id")
    changed = []
    for revision in revisions.iterator(chunk_size=BATCH):
        day = dates[int(revision.object_id)]
        revision.content["date"] = day.isoformat() if day else None
        changed.append(revision)
    revision_model.objects.bulk_update(changed, ["content"], batch_size=BATCH)


def _known_day(page) -> datetime.date | None:
    """The day the page first went live here, else the day of its last revision (a draft)."""
    moment = page.first_published_at or page.latest_revision_created_at
    return timezone.localdate(moment) if moment else None


def date_by_first_publication(app_label: str, *model_names: str) -> migrations.RunPython:
    """Date each existing page of these models by its first publication (a draft by its last
    revision): the best this site knows of when its content came about. Reversing needs
    nothing: removing the field forgets the dates, and revisions ignore an unknown key."""

    def forwards(apps, schema_editor):
        for name in model_names:
            model = apps.get_model(app_label, name)
            pages = model.objects.only("pk", "first_published_at", "latest_revision_created_at")
            set_page_dates(apps, model, {page.pk: _known_day(page) for page in pages})

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)
