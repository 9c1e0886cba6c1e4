"""StreamField blocks of events: the programme."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class ProgrammeItemBlock(blocks.StructBlock):
    """One item of an event programme: when, what, and who speaks."""

    time = blocks.TimeBlock(required=False, label=_("Tidspunkt"))
    title = blocks.CharBlock(label=_("Punkt"))
    speaker = SnippetChooserBlock("taxonomy.Person", required=False, label=_("Oplægsholder"))
    description = blocks.TextBlock(required=False, label=_("Beskrivelse"))

    class Meta:
        template = "events/blocks/programme_item_block.html"
        icon = "time"
        description = _("Et punkt på programmet med tid og oplægsholder")
