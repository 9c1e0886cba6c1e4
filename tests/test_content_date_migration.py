"""The migrations that give pages a content date date what exists by what is known, never by
the day they ran: a page by its first publication, a draft by its last revision, the demo's
pages by the article."""

import datetime

import pytest

from cases.models import CasePage
from home.models import NetworkPage, StandardPage

from .test_chooser_migration import latest, make_page, migrate

BEFORE = [
    ("cases", "0007_body_figures"),
    ("home", "0006_body_figures"),
    ("demo", "0001_demo_record"),
]


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=datetime.UTC)


def with_revision(apps, page, **content) -> None:
    """A revision of the page as Wagtail saved it before the field existed: without `date`."""
    content_type = apps.get_model("contenttypes", "ContentType")
    revision = apps.get_model("wagtailcore", "Revision").objects.create(
        content_type_id=page.content_type_id,
        base_content_type=content_type.objects.get(app_label="wagtailcore", model="page"),
        object_id=str(page.pk),
        content={"pk": page.pk, "title": page.title, **content},
        created_at=page.latest_revision_created_at or utc(2020, 1, 1, 12),
    )
    page.latest_revision_id = revision.pk
    page.save(update_fields=["latest_revision"])


def demo_record(apps, key: str, page) -> None:
    apps.get_model("demo", "DemoRecord").objects.create(
        key=key, content_type_id=page.content_type_id, object_id=page.pk
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_pages_are_dated_by_what_is_known_in_their_rows_and_revisions():
    old = migrate(BEFORE)
    try:
        gladsaxe = old.get_model("taxonomy", "Municipality").objects.get(slug="gladsaxe")
        case_fields = {"summary": "", "municipality": gladsaxe, "approach": "hybrid"}
        # 23.30 UTC on 29 February is 1 March in Copenhagen
        published = make_page(
            old, "CasePage", "cases", 1, first_published_at=utc(2024, 2, 29, 23, 30), **case_fields
        )
        with_revision(old, published, summary="", municipality=gladsaxe.pk, approach="hybrid")
        draft = make_page(
            old,
            "StandardPage",
            "home",
            2,
            latest_revision_created_at=utc(2023, 5, 5, 10),
        )
        demo_case = make_page(
            old, "CasePage", "cases", 3, first_published_at=utc(2026, 12, 1, 9), **case_fields
        )
        demo_record(old, "page:gladsaxe-top-down-organisering", demo_case)
        with_revision(old, demo_case, summary="", municipality=gladsaxe.pk, approach="hybrid")
        demo_network = make_page(
            old,
            "NetworkPage",
            "home",
            4,
            first_published_at=utc(2026, 12, 1, 9),
            summary="",
            yearly_fee=10000,
            seats_per_municipality=5,
        )
        demo_record(old, "page:netvaerket", demo_network)
    finally:
        migrate(latest())

    case = CasePage.objects.get(pk=published.pk)
    assert case.date == datetime.date(2024, 3, 1)
    # the editor opens the latest revision: it knows the date, rather than defaulting to today
    assert case.get_latest_revision_as_object().date == datetime.date(2024, 3, 1)
    assert StandardPage.objects.get(pk=draft.pk).date == datetime.date(2023, 5, 5)
    told = CasePage.objects.get(pk=demo_case.pk)
    assert told.date == datetime.date(2021, 1, 28)
    assert told.get_latest_revision_as_object().date == datetime.date(2021, 1, 28)
    assert NetworkPage.objects.get(pk=demo_network.pk).date is None
