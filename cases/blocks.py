"""StreamField blocks for knowledge content: the case template and research findings."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SectionBlock(blocks.StructBlock):
    """A titled section of running text; the heading falls back to the block type's label."""

    heading = blocks.CharBlock(required=False, label=_("Overskrift"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"], label=_("Tekst"))

    class Meta:
        template = "cases/blocks/section_block.html"
        icon = "doc-full"


class QuoteBlock(blocks.StructBlock):
    """What a speaker said, attributed."""

    quote = blocks.TextBlock(label=_("Citat"))
    attribution = blocks.CharBlock(required=False, label=_("Afsender"))

    class Meta:
        template = "cases/blocks/quote_block.html"
        icon = "openquote"
        description = _("Et citat med afsender")


class CaseBodyBlock(blocks.StreamBlock):
    """The case template of the UN's SDG good-practice library, one section per step."""

    challenge = SectionBlock(label=_("Udfordring"))
    approach = SectionBlock(label=_("Tilgang og organisering"))
    results = SectionBlock(label=_("Resultater"))
    enablers_and_obstacles = SectionBlock(label=_("Drivkræfter og barrierer"))
    lessons = SectionBlock(label=_("Læring"))
    quote = QuoteBlock(label=_("Citat"))

    class Meta:
        block_counts = {
            "challenge": {"max_num": 1},
            "approach": {"max_num": 1},
            "results": {"max_num": 1},
            "enablers_and_obstacles": {"max_num": 1},
            "lessons": {"max_num": 1},
        }


class FindingBlock(blocks.StructBlock):
    """One finding or recommendation of a research project: a short statement and its detail."""

    title = blocks.CharBlock(label=_("Overskrift"))
    text = blocks.RichTextBlock(
        required=False, features=["bold", "italic", "link", "ol", "ul"], label=_("Uddybning")
    )

    class Meta:
        template = "cases/blocks/finding_block.html"
        icon = "list-ul"
