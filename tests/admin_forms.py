"""The data the Wagtail admin's page forms post, for tests that go through the admin's views."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


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
