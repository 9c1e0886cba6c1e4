"""The demo pages made before pages had a content date get the article's dates.

The content-date migrations dated every existing page by its first publication, which for the
demo is the day it was loaded. The loader never changes a page it already made (editors own it),
so this is the one time an existing demo site learns the article's dates: the cases and the
research by the symposium of 28 January 2021, the network and about pages no date (see
demo/pages.py). The dates are written here, not imported: a migration must not change when the
demo's code does. Found by the loader's own keys, whatever an editor renamed or moved.
"""

import datetime

from django.db import migrations

from core.content_date_migration import set_page_dates

JANUARY_SYMPOSIUM_DAY = datetime.date(2021, 1, 28)
DEMO_PAGE_DATES = {
    "page:guldborgsund-bottom-up-organisering": JANUARY_SYMPOSIUM_DAY,
    "page:gladsaxe-top-down-organisering": JANUARY_SYMPOSIUM_DAY,
    "page:samskabelse-omkring-verdensmaalene-i-kommunerne": JANUARY_SYMPOSIUM_DAY,
    "page:netvaerket": None,
    "page:om-sdg-leadership": None,
}


def date_demo_pages(apps, schema_editor):
    records = apps.get_model("demo", "DemoRecord").objects.filter(key__in=DEMO_PAGE_DATES)
    for record in records.select_related("content_type"):
        content_type = record.content_type
        try:
            model = apps.get_model(content_type.app_label, content_type.model)
        except LookupError:
            continue
        if any(field.name == "date" for field in model._meta.get_fields()):
            set_page_dates(apps, model, {record.object_id: DEMO_PAGE_DATES[record.key]})


class Migration(migrations.Migration):
    dependencies = [
        ("demo", "0001_demo_record"),
        ("cases", "0008_content_date"),
        ("home", "0007_content_date"),
    ]

    operations = [migrations.RunPython(date_demo_pages, migrations.RunPython.noop)]
