"""StreamField blocks every content app may use: sections, quotes and general body content."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SectionBlock(blocks.StructBlock):
    """A titled section of running text; the heading falls back to the block type's label."""

    heading = blocks.CharBlock(required=False, label=_("Overskrift"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"], label=_("Tekst"))

    class Meta:
        template = "core/blocks/section_block.html"
        icon = "doc-full"


class QuoteBlock(blocks.StructBlock):
    """What a speaker said, attributed."""

    quote = blocks.TextBlock(label=_("Citat"))
    attribution = blocks.CharBlock(required=False, label=_("Afsender"))

    class Meta:
        template = "core/blocks/quote_block.html"
        icon = "openquote"
        description = _("Et citat med afsender")


class BodyBlock(blocks.StreamBlock):
    """General content for standard pages, the network page and event recaps."""

    section = SectionBlock(label=_("Afsnit"))
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], label=_("Tekst")
    )
    quote = QuoteBlock(label=_("Citat"))
