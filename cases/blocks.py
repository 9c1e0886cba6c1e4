"""StreamField blocks of knowledge content: the case template and research findings."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import FigureBlock, QuoteBlock, SectionBlock


class CaseBodyBlock(blocks.StreamBlock):
    """The case template of the UN's SDG good-practice library, one section per step."""

    challenge = SectionBlock(label=_("Udfordring"))
    approach = SectionBlock(label=_("Tilgang og organisering"))
    results = SectionBlock(label=_("Resultater"))
    enablers_and_obstacles = SectionBlock(label=_("Drivkræfter og barrierer"))
    lessons = SectionBlock(label=_("Læring"))
    quote = QuoteBlock(label=_("Citat"))
    figure = FigureBlock(label=_("Billede"))

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
