"""The data an editor's browser sends from the page editor, for tests that go through the
admin's own views (edit, create, preview) instead of saving models directly.

The plain fields, checkboxes and chooser rows are read from the form the admin renders; the
StreamFields, which the browser builds in JavaScript, are written from the page's value with
Wagtail's form-data helpers."""

import json

from django.http import QueryDict
from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

FORM_ID = "page-edit-form"


def block_form_data(block, value):
    """A block's value as the StreamField widget posts it."""
    if isinstance(block, blocks.StreamBlock):
        return streamfield(
            [(child.block_type, block_form_data(child.block, child.value)) for child in value]
        )
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_form_data(child, value[name]) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value.source if value else "", features=block.features)
    if isinstance(block, blocks.ChooserBlock):
        return value.pk if value else ""
    if isinstance(block, blocks.TimeBlock):
        return value.strftime("%H:%M") if value else ""
    return "" if value is None else str(value)


def stream_form_data(page) -> dict:
    """Every StreamField of the page, as posted."""
    return nested_form_data(
        {
            field.name: block_form_data(field.stream_block, getattr(page, field.name))
            for field in type(page)._meta.get_fields()
            if isinstance(field, StreamField)
        }
    )


def empty_streams(model) -> dict:
    return {
        f"{field.name}-count": "0"
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
    }


def chooser_rows(relation: str, field_name: str, objects) -> dict:
    """The rows of a MultipleChooserPanel holding `objects`, as a new form posts them."""
    return nested_form_data({relation: inline_formset([{field_name: obj.pk} for obj in objects])})


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(model, parent) -> str:
    meta = model._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])


def edit_form_data(client, page) -> QueryDict:
    """What the edit form of a saved page posts when the editor changes nothing."""
    html = client.get(edit_url(page)).content.decode()
    data = querydict_from_html(html, form_id=FORM_ID)
    data.update(stream_form_data(page.specific))
    return data


def add_form_data(client, model, parent, fields: dict) -> QueryDict:
    """What the create form posts with `fields` (flat form data) filled in."""
    html = client.get(add_url(model, parent)).content.decode()
    data = querydict_from_html(html, form_id=FORM_ID)
    data.update(empty_streams(model))
    for name, value in fields.items():
        if isinstance(value, list):
            data.setlist(name, [str(item) for item in value])
        else:
            data[name] = str(value)
    return data


def preview(client, url: str, data: QueryDict):
    """Post the form to a preview view as the editor's preview panel does, then show it."""
    posted = client.post(url, data)
    assert posted.status_code == 200, posted.content[:2000]
    answer = json.loads(posted.content)
    assert answer["is_valid"], answer
    return client.get(url)


def standard_page_form(title: str, slug: str = "", **fields) -> dict:
    """A StandardPage's add or edit form, published unless `fields` say otherwise."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
            **fields,
        }
    )
