"""Links to pages in rich text, with their addresses remembered by the process until content
changes (core.content_version): Wagtail asks the database twice for each rich text field."""

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from .content_version import remembered


class RememberedPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        links = page_links([str(attrs.get("id")) for attrs in attrs_list])
        return [f'<a href="{escape(url)}">' if found else "<a>" for found, url in links]


def page_links(ids: list[str]) -> list[tuple[bool, str | None]]:
    """(whether the page exists, its address) of each page, by id as rich text writes it."""
    known: dict[str, tuple[bool, str | None]] = remembered("rich-text-page-links", dict)
    missing = [{"id": pk} for pk in dict.fromkeys(ids) if pk not in known]
    if missing:
        for attrs, page in zip(missing, PageLinkHandler.get_many(missing), strict=True):
            known[attrs["id"]] = (True, page.localized.url) if page else (False, None)
    return [known[pk] for pk in ids]
