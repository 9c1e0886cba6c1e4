"""StreamField blocks every content app may use: sections, quotes, figures and general body
content."""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from .images import rendition_prefetch


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


class FigureBlock(blocks.StructBlock):
    """An image in running text, with its alternative text (or marked decorative) and an
    optional caption. Shown as WebP renditions of the "figure" role (core/images.py)."""

    image = ImageBlock(label=_("Billede"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Billedtekst"))

    class Meta:
        template = "core/blocks/figure_block.html"
        icon = "image"
        description = _("Et billede med alternativ tekst og billedtekst")

    def bulk_to_python(self, values):
        """The figures of a body load their renditions in one query, not one per image."""
        figures = super().bulk_to_python(values)
        images = [figure["image"] for figure in figures if figure["image"]]
        prefetch_related_objects(images, rendition_prefetch("", "figure"))
        return figures


class BodyBlock(blocks.StreamBlock):
    """General content for standard pages, the network page and event recaps."""

    section = SectionBlock(label=_("Afsnit"))
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], label=_("Tekst")
    )
    quote = QuoteBlock(label=_("Citat"))
    figure = FigureBlock(label=_("Billede"))
