"""A StreamField's text read from its raw blocks is exactly the text Wagtail's own path gives."""

import pytest
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.rich_text import get_text_for_indexing
from wagtail.snippets.blocks import SnippetChooserBlock

from search.stream_text import children_that_may_hold, rich_text_for_indexing, searchable_text
from taxonomy.models import Organisation, Person

from .factories import ImageFactory, PersonFactory

RICH_TEXTS = [
    "",
    "plain words",
    "<p>one</p><p>two</p>",
    "<P>Upper</P>case",
    "a<br/>b<br />c<br>d<hr/>e",
    "<h2>Title</h2><h3>Sub</h3>text",
    '<p>See <a linktype="page" id="10">here</a> &amp; &lt;b&gt; &#123; &#x41; &nbsp;x</p>',
    '<a href="https://example.org/?a=1&amp;b=2">link</a>',
    "<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>",
    "<blockquote>quoted</blockquote>after",
    "<p>  spaced  </p>\n",
    "<p>æøå &aelig;</p>",
    '<embed embedtype="image" id="1" format="left" alt="x"/>caption',
    # beyond the usual rich text: Django's strip_tags decides
    "a & b",
    "a &amp b",
    "a < b",
    "a > b",
    "<script>x</script>y",
    "<!-- comment -->d",
    '<a title="x>y">z</a>',
    "<a title='single'>z</a>",
    "<pre>x</pre>",
    "<p >x</p >y",
    "&#12a;",
    "<p>unclosed",
    "<<p>>",
    "</h7>seven",
]


@pytest.mark.parametrize("source", RICH_TEXTS)
def test_rich_text_for_indexing_is_wagtails_text_for_indexing(source):
    assert rich_text_for_indexing(source) == get_text_for_indexing(source)


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock()
    speaker = SnippetChooserBlock(Person, required=False)
    notes = blocks.RichTextBlock(required=False)


class ShoutingBlock(blocks.StructBlock):
    """Finds its own text: read through Wagtail."""

    words = blocks.CharBlock()

    def get_searchable_content(self, value):
        return [value["words"].upper()]


class EveryKindBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock()
    hidden = blocks.RichTextBlock(search_index=False)
    heading = blocks.CharBlock()
    quote = blocks.TextBlock()
    choice = blocks.ChoiceBlock(choices=[("a", "Alpha"), ("b", "Beta")])
    flag = blocks.BooleanBlock(required=False)
    when = blocks.DateBlock()
    section = blocks.StructBlock(
        [("heading", blocks.CharBlock(required=False)), ("text", blocks.RichTextBlock())]
    )
    speakers = blocks.ListBlock(SpeakerBlock())
    words = blocks.ListBlock(blocks.CharBlock())
    inner = blocks.StreamBlock([("text", blocks.RichTextBlock()), ("name", blocks.CharBlock())])
    image = ImageBlock(required=False)
    shouting = ShoutingBlock()


def raw_stream(person, image) -> list[dict]:
    return [
        {"type": "paragraph", "value": "<p>Første</p><p>afsnit &amp; mere</p>", "id": "1"},
        {"type": "hidden", "value": "<p>skjult</p>", "id": "2"},
        {"type": "heading", "value": "Overskrift", "id": "3"},
        {"type": "quote", "value": "Et citat", "id": "4"},
        {"type": "choice", "value": "b", "id": "5"},
        {"type": "flag", "value": True, "id": "6"},
        {"type": "when", "value": "2021-01-28", "id": "7"},
        {"type": "section", "value": {"text": "<p>uden overskrift</p>"}, "id": "8"},
        {
            "type": "speakers",
            "value": [
                {
                    "type": "item",
                    "value": {"name": "Oplæg", "speaker": person.pk, "notes": "<b>kl. 10</b>"},
                    "id": "9a",
                },
                {"type": "item", "value": {"name": "Debat", "speaker": None}, "id": "9b"},
            ],
            "id": "9",
        },
        {"type": "words", "value": ["gammelt", "format"], "id": "10"},
        {
            "type": "inner",
            "value": [
                {"type": "text", "value": "<p>indre</p>", "id": "11a"},
                {"type": "gone", "value": "a block type no longer defined", "id": "11b"},
                {"type": "name", "value": "navn", "id": "11c"},
            ],
            "id": "11",
        },
        {"type": "image", "value": {"image": image.pk, "alt_text": "Et billede"}, "id": "12"},
        {"type": "shouting", "value": {"words": "højt"}, "id": "13"},
    ]


@pytest.mark.django_db
def test_a_streams_text_is_what_wagtail_finds_in_every_kind_of_block():
    field = StreamField(EveryKindBlock())
    stream = raw_stream(PersonFactory(name="Line Vind"), ImageFactory())

    ours = searchable_text(field, field.stream_block.to_python(stream))
    wagtails = field.get_searchable_content(field.stream_block.to_python(stream))

    assert ours == wagtails
    assert "FØRSTE" not in ours and "HØJT" in ours and "Et billede" in ours


@pytest.mark.django_db
def test_only_the_blocks_that_may_choose_a_person_are_searched_for_one():
    field = StreamField(EveryKindBlock())
    line = PersonFactory(name="Line Vind")
    value = field.stream_block.to_python(raw_stream(line, ImageFactory()))

    children = list(children_that_may_hold(value, (Person, Organisation)))

    assert [child[0]["speaker"] for child in children] == [line]
