"""The admin speaks Danish about our content: every field, plural and chooser of ours."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone
from wagtail.models import Page

from cases.models import CasePage

from .admin_forms import add_form_data, edit_form_data, edit_url
from .factories import CasePageFactory

CONTENT_APPS = ("core", "taxonomy", "network", "events", "cases", "home")
# Field names that are the same word in Danish, so Django's default label is Danish too.
DANISH_AS_NAMED = {"person", "organisation", "region", "institution"}
# Danish plurals that end in -s: "en case, flere cases".
DANISH_S_PLURALS = {"CasePage"}
WAGTAIL_OWN = {field.name for field in Page._meta.get_fields()} | {"id", "sort_order", "site"}


def our_fields():
    for app in CONTENT_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if field.auto_created or field.name in WAGTAIL_OWN or field.name.endswith("_ptr"):
                    continue
                yield model, field


def test_every_field_of_ours_has_a_danish_label():
    english_defaults = [
        f"{model.__name__}.{field.name}"
        for model, field in our_fields()
        if str(field.verbose_name) == field.name.replace("_", " ")
        and field.name not in DANISH_AS_NAMED
    ]
    assert english_defaults == []


def test_every_model_of_ours_has_a_danish_plural():
    english_plurals = [
        model.__name__
        for app in CONTENT_APPS
        for model in apps.get_app_config(app).get_models()
        if str(model._meta.verbose_name_plural) == f"{model._meta.verbose_name}s"
        and model.__name__ not in DANISH_S_PLURALS
    ]
    assert english_plurals == []


def test_every_content_field_has_a_help_text_but_the_chooser_rows_own():
    without_help = [
        f"{model.__name__}.{field.name}"
        for model, field in our_fields()
        if not str(getattr(field, "help_text", "")).strip()
        and field.name not in {"page", "settings", "person", "organisation", "research"}
    ]
    assert without_help == []


@pytest.mark.django_db
def test_the_case_editor_names_its_choosers_and_panels_in_danish(admin_client, site_tree):
    html = admin_client.get(edit_url(CasePageFactory(parent=site_tree.cases))).content.decode()
    for heading in (
        "Kontaktpersoner",
        "Relateret forskning",
        "Kommune og organisering",
        "Verdensmål og temaer",
        "Casebeskrivelse",
    ):
        assert heading in html


@pytest.mark.django_db
def test_a_new_case_is_dated_today_and_the_editor_can_date_it_back(admin_client, site_tree):
    assert add_form_data(admin_client, CasePage, site_tree.cases, {})["date"] == (
        timezone.localdate().isoformat()
    )
    case = CasePageFactory(parent=site_tree.cases, goals=[11], date=timezone.localdate())
    data = edit_form_data(admin_client, case)
    data["date"] = "2021-01-28"

    response = admin_client.post(edit_url(case), {**data, "action-publish": "action-publish"})

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.date == datetime.date(2021, 1, 28)
    assert "28. januar 2021" in admin_client.get(case.url).content.decode()
