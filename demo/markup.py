"""Rich text and raw StreamField data for the demo pages."""

from django.utils.html import escape
from wagtail.models import Page

from taxonomy.models import Person

# Rich text ----------------------------------------------------------------------------------


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def bullet_list(items) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def numbered_list(items) -> str:
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def page_link(page: Page | None, text: str) -> str:
    """A link to `page`, or the plain text if an editor deleted the page."""
    if page is None:
        return escape(text)
    return f'<a linktype="page" id="{page.pk}">{escape(text)}</a>'


def email_link(address: str) -> str:
    return f'<a href="mailto:{escape(address)}">{escape(address)}</a>'


def section(block_type: str, text: str, heading: str = "") -> dict:
    """Raw StreamField data for one SectionBlock (case body or BodyBlock)."""
    return {"type": block_type, "value": {"heading": heading, "text": text}}


def rich_text_block(text: str) -> dict:
    """Raw StreamField data for the BodyBlock's plain rich text ('paragraph')."""
    return {"type": "paragraph", "value": text}


def finding(block_type: str, title: str, text: str = "") -> dict:
    """Raw StreamField data for one FindingBlock; `text` is rich text."""
    return {"type": block_type, "value": {"title": title, "text": text}}


def programme_item(title: str, speaker: Person | None, description: str) -> dict:
    """A programme item without a time: the article gives none for the January symposium.
    The speaker is None if an editor deleted the person."""
    return {
        "type": "item",
        "value": {
            "time": None,
            "title": title,
            "speaker": speaker.pk if speaker else None,
            "description": description,
        },
    }


def join_danish(items: list[str]) -> str:
    """'a, b og c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]
