"""StreamField blocks for site pages: general body content and event programmes."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cases.blocks import QuoteBlock, SectionBlock


class BodyBlock(blocks.StreamBlock):
    """General content for standard pages, the network page and event recaps."""

    section = SectionBlock(label=_("Afsnit"))
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], label=_("Tekst")
    )
    quote = QuoteBlock(label=_("Citat"))


class ProgrammeItemBlock(blocks.StructBlock):
    """One item of an event programme: when, what, and who speaks."""

    time = blocks.TimeBlock(required=False, label=_("Tidspunkt"))
    title = blocks.CharBlock(label=_("Punkt"))
    speaker = SnippetChooserBlock("cases.Person", required=False, label=_("Oplægsholder"))
    description = blocks.TextBlock(required=False, label=_("Beskrivelse"))

    class Meta:
        template = "home/blocks/programme_item_block.html"
        icon = "time"
        description = _("Et punkt på programmet med tid og oplægsholder")
