"""A StreamField's searchable text and the objects it chooses, read from its raw JSON where
the blocks allow, rather than after turning every block into its Python value.

Wagtail's own path (StreamField.get_searchable_content) converts each child of a stream (a
RichText, a StructValue, chosen objects) and then asks it for its text. The text of rich
text, character and text blocks, and of the structs, lists and streams made of them, depends
only on the raw value: here it is computed from that, giving the same strings in the same
order. Any other child is converted as before (one query a stream and block type, as Wagtail
does), and a stream block that changes how its text is found is left to Wagtail entirely.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

from django.utils.encoding import force_str
from wagtail.blocks import (
    Block,
    CharBlock,
    ListBlock,
    RichTextBlock,
    StreamValue,
    TextBlock,
)
from wagtail.blocks.field_block import ChooserBlock
from wagtail.blocks.stream_block import BaseStreamBlock
from wagtail.blocks.struct_block import BaseStructBlock
from wagtail.fields import StreamField
from wagtail.rich_text import RichText, get_text_for_indexing

# How a block's text is found from its raw value (None: it is not; convert the block).
_RICH, _CHARS, _NONE, _STRUCT, _LIST, _STREAM = "rich", "chars", "none", "struct", "list", "stream"
# Blocks are made once, with their models: what a block is found to be is kept under its id
# (beside the block itself, so that the id cannot be reused).
_kinds: dict[int, tuple[Block, str | None]] = {}
_holders: dict[tuple[int, tuple[type, ...]], tuple[Block, bool]] = {}


def searchable_text(field: StreamField, value) -> list[str]:
    """Exactly field.get_searchable_content(value): the texts of the stream's blocks."""
    stream_block = field.stream_block
    if not isinstance(value, StreamValue) or not _same(
        stream_block, BaseStreamBlock, "get_searchable_content"
    ):
        return field.get_searchable_content(value)
    if not stream_block.search_index:
        return []
    content: list[str] = []
    raw_children = value.raw_data
    for index in range(len(raw_children)):
        raw = raw_children[index]
        block = stream_block.child_blocks[raw["type"]]
        if _kind(block) is None:
            child = value[index]  # converts every child of its type in the stream at once
            content.extend(child.block.get_searchable_content(child.value))
        else:
            content.extend(_raw_text(block, raw["value"]))
    return content


def children_that_may_hold(value: StreamValue, models: tuple[type, ...]) -> Iterator:
    """The values of the stream's children (converted) whose blocks may hold an instance of
    `models` (a chooser of one, at any depth): the others are not converted at all."""
    raw_children = value.raw_data
    for index in range(len(raw_children)):
        block = value.stream_block.child_blocks[raw_children[index]["type"]]
        if _may_hold(block, models):
            yield value[index].value


# Rich text as Wagtail stores it: tags of a few names with double-quoted attributes, and
# character references in the text. For such HTML, removing the tags is what strip_tags'
# HTMLParser does (it leaves text and references as they are); anything else goes to it.
_TAG_NAMES = "p|a|b|i|u|s|em|strong|code|sub|sup|small|span|ul|ol|li|h[1-6]|br|hr|blockquote"
_SIMPLE_TAG = re.compile(
    rf'<(?:(?:{_TAG_NAMES})(?:\s+[a-zA-Z][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*\s*/?|/(?:{_TAG_NAMES})\s*)>',
    re.IGNORECASE,
)
# get_text_for_indexing puts a space after these (before stripping them), so that blocks do
# not run together.
_SPACED_TAG = re.compile(r"</(?:p|h\d|li|blockquote)>|<(?:br|hr)\s*/>", re.IGNORECASE)
_AMPERSAND = re.compile(r"&(?![a-zA-Z][-.a-zA-Z0-9]*;|#[0-9]+;|#[xX][0-9a-fA-F]+;)")


def rich_text_for_indexing(source: str) -> str:
    """Exactly wagtail.rich_text.get_text_for_indexing(source), without an HTML parser for
    the usual rich text."""
    text = _SIMPLE_TAG.sub("", _SPACED_TAG.sub(" ", source))
    if "<" in text or ">" in text or _AMPERSAND.search(text):
        return get_text_for_indexing(source)
    return unescape(text.strip())


def _kind(block: Block) -> str | None:
    known = _kinds.get(id(block))
    if known is None:
        known = _kinds[id(block)] = (block, _kind_of(block))
    return known[1]


def _same(block: Block, base: type, *methods: str) -> bool:
    """Whether the block's class keeps `base`'s implementation of every method named."""
    return all(getattr(type(block), name) is getattr(base, name) for name in methods)


def _kind_of(block: Block) -> str | None:
    if _same(block, Block, "get_searchable_content"):
        return _NONE  # no text whatever the value (choosers, images, booleans...)
    if _same(block, RichTextBlock, "get_searchable_content", "to_python"):
        return _RICH
    if _same(block, Block, "to_python") and (
        _same(block, CharBlock, "get_searchable_content")
        or _same(block, TextBlock, "get_searchable_content")
    ):
        return _CHARS
    for base, kind in ((BaseStructBlock, _STRUCT), (BaseStreamBlock, _STREAM), (ListBlock, _LIST)):
        if isinstance(block, base):
            children = [block.child_block] if base is ListBlock else block.child_blocks.values()
            if not all(_kind(child) is not None for child in children):
                return None
            return kind if _same(block, base, "get_searchable_content", "to_python") else None
    return None


def _raw_text(block: Block, raw) -> list[str]:
    """block.get_searchable_content(block.to_python(raw)) for a block of a known kind."""
    kind = _kind(block)
    if kind == _NONE:
        return []
    if not block.search_index:
        return []
    if kind == _RICH:
        return [rich_text_for_indexing(force_str(RichText(raw).source))]
    if kind == _CHARS:
        return [force_str(raw)]
    content: list[str] = []
    if kind == _STRUCT and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            if name in raw:
                content.extend(_raw_text(child, raw[name]))
            else:
                content.extend(child.get_searchable_content(child.get_default()))
        return content
    if kind == _LIST and isinstance(raw, list):
        for item in raw:
            item_value = item["value"] if block._item_is_in_block_format(item) else item
            content.extend(_raw_text(block.child_block, item_value))
        return content
    if kind == _STREAM and isinstance(raw, list) and all(isinstance(i, dict) for i in raw):
        for item in raw:
            if item["type"] in block.child_blocks:
                content.extend(_raw_text(block.child_blocks[item["type"]], item["value"]))
        return content
    return block.get_searchable_content(block.to_python(raw))  # an unusual raw value


def _may_hold(block: Block, models: tuple[type, ...]) -> bool:
    key = (id(block), models)
    known = _holders.get(key)
    if known is None:
        known = _holders[key] = (block, _may_hold_uncached(block, models))
    return known[1]


def _may_hold_uncached(block: Block, models: tuple[type, ...]) -> bool:
    """Whether a value of the block may be or contain an instance of `models`: a chooser of
    one, a struct, list or stream with such a block inside, or a block converting its value
    in code of the site's own (which could return anything)."""
    if isinstance(block, ChooserBlock):
        return issubclass(block.model_class, models)
    if not all(
        getattr(type(block), name).__module__.startswith("wagtail.")
        for name in ("to_python", "bulk_to_python")
    ):
        return True
    if isinstance(block, ListBlock):
        return _may_hold(block.child_block, models)
    if isinstance(block, BaseStructBlock | BaseStreamBlock):
        return any(_may_hold(child, models) for child in block.child_blocks.values())
    return False
