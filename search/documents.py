"""What the search index holds for one page, built in one place for every backend."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from itertools import islice

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from core.models import searchable_page_types
from search.audience import Restriction, audience_of, restrictions
from search.stream_text import children_that_may_hold, searchable_text
from taxonomy.models import Organisation, Person

# Fields that are not free text: they have their own place in the document.
_STRUCTURED_FIELDS = {"title", "summary", "municipality", "slug"}


@dataclass
class SearchDocument:
    page_id: int
    type: str  # the page model's `search_type` (core.models.SearchablePage)
    title: str
    summary: str
    body: str  # plain text of the StreamField blocks and other searchable fields
    url: str  # path, e.g. /cases/guldborgsund/
    date: date | None  # the page's search_date_field: its content date, an event's start
    goals: list[int] = field(default_factory=list)
    goal_names: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # slugs
    theme_names: list[str] = field(default_factory=list)
    municipality: str | None = None  # slug
    municipality_name: str | None = None
    approach: str | None = None
    # names of the people and organisations the page names: a case's contacts, a finding's
    # researchers, partners and institution, an event's speakers and participants
    people: list[str] = field(default_factory=list)
    # the groups that may find the page (search.audience); empty: everyone
    audience: list[int] = field(default_factory=list)
    fingerprint: str = ""  # changes whenever anything above changes

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def compute_fingerprint(self) -> str:
        # The fields as they are (str, int, date and lists of them): no deep copy as asdict's.
        content = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "fingerprint"}
        serialised = json.dumps(content, default=str, sort_keys=True, ensure_ascii=False)
        return hashlib.sha1(serialised.encode()).hexdigest()


def searchable_page_models() -> list[type[Page]]:
    """The page types that declare themselves searchable: the only ones the search shows."""
    return list(searchable_page_types().values())


def indexable_pages(known: list[Restriction] | None = None) -> QuerySet:
    """Every page that belongs in the index: live, of a searchable type, and public or
    restricted to groups only (search.audience); never one behind a password or a login."""
    pages = Page.objects.live().type(*searchable_page_models())
    known = restrictions() if known is None else known
    for restriction in known:
        # a password or login restriction, or groups that meet no other restriction's above
        if audience_of(restriction.path, known) is None:
            pages = pages.exclude(path__startswith=restriction.path)
    return pages


def indexable_specific_pages(queryset: QuerySet | None = None) -> Iterator[Page]:
    """The specific pages of `queryset` (default: all indexable), loaded model by model with
    their goals, themes, municipality and the people they name prefetched, so a rebuild costs
    a few queries a batch. The related rows are prefetched into lists (`_search_<name>`),
    which spares Django a queryset per page and relation; the site root paths are read once
    for all the pages' URLs."""
    known = restrictions()
    page_ids = (queryset if queryset is not None else indexable_pages(known)).values("pk")
    site_root_paths = Site.get_site_root_paths()
    tag_rows: dict = {}  # related model -> its rows by id, in its order, read once
    for model in searchable_page_models():
        pages = model.objects.filter(pk__in=page_ids).order_by("pk")
        if "municipality" in model.search_taxonomy:
            pages = pages.select_related("municipality")
        if direct := _direct_people(model):
            pages = pages.select_related(*direct)  # never with no names: that follows every key
        prefetch = [
            Prefetch(
                links,
                queryset=_child_model(model, links).objects.select_related(key),
                to_attr=_PREFETCHED + links,
            )
            for links, key in _chosen_people(model)
        ]
        tags = [name for name in ("goals", "themes") if name in model.search_taxonomy]
        chunks = _chunks(pages.prefetch_related(*prefetch).iterator(chunk_size=_CHUNK), _CHUNK)
        for chunk in chunks:
            for name in tags:
                _attach_tags(model, name, chunk, tag_rows)
            for page in chunk:
                page._search_audience = audience_of(page.path, known)
                if page._search_audience is None:  # restrictions whose groups do not meet
                    continue
                page._wagtail_cached_site_root_paths = site_root_paths  # what get_url reads
                yield page


_PREFETCHED = "_search_"
_CHUNK = 500


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def _attach_tags(model: type[Page], name: str, pages: list, rows: dict) -> None:
    """The rows of a many-to-many relation (goals, themes) of each page, as prefetching puts
    them (`_search_<name>`, in the related model's order), from the pairs of the link table:
    the few goals and themes are made once, not once for each page carrying them."""
    field = model._meta.get_field(name)
    related = field.related_model
    if related not in rows:
        rows[related] = {row.pk: row for row in related._default_manager.all()}
    order = {pk: position for position, pk in enumerate(rows[related])}
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    pairs = through.objects.filter(**{f"{source}__in": [page.pk for page in pages]})
    tagged = defaultdict(list)
    for page_id, row_id in pairs.values_list(source, target):
        tagged[page_id].append(row_id)
    for page in pages:
        ids = sorted(tagged[page.pk], key=order.__getitem__)
        setattr(page, _PREFETCHED + name, [rows[related][pk] for pk in ids])


def _child_model(model: type[Page], links: str) -> type:
    """The orderable child model behind a page model's child relation (CaseContact, ...)."""
    return getattr(model, links).rel.related_model


def _prefetched(page, name: str) -> list:
    """A relation's rows as indexable_specific_pages prefetched them, else read now."""
    rows = getattr(page, _PREFETCHED + name, None)
    return rows if rows is not None else list(getattr(page, name).all())


# A person or organisation a page names is found through the page's own foreign keys, its
# orderable child links (a MultipleChooserPanel's rows) and its StreamField snippet choosers,
# so search need not know which app relates what to whom.
_NAMED = (Person, Organisation)


def _direct_people(model: type[Page]) -> list[str]:
    """The page model's own foreign keys to a person or an organisation (a finding's
    institution)."""
    return [
        field.name
        for field in model._meta.get_fields()
        if field.many_to_one and not field.auto_created and field.related_model in _NAMED
    ]


def _chosen_people(model: type[Page]) -> list[tuple[str, str]]:
    """(child relation, its foreign key) for each orderable child of the page model that
    points at a person or an organisation (CaseContact, FindingResearcher, ...)."""
    return [
        (relation.get_accessor_name(), field.name)
        for relation in model._meta.related_objects
        if relation.one_to_many and isinstance(relation.field, ParentalKey)
        for field in relation.related_model._meta.get_fields()
        if field.many_to_one and field.related_model in _NAMED
    ]


def _streamed_people(value) -> Iterator:
    """Persons and organisations chosen in a StreamField's snippet choosers, at any depth."""
    if isinstance(value, _NAMED):
        yield value
    elif isinstance(value, StreamValue | list | tuple | ListValue):
        for item in value:
            yield from _streamed_people(getattr(item, "value", item))
    elif isinstance(value, StructValue | dict):
        for item in value.values():
            yield from _streamed_people(item)


def _people_of(page) -> list[str]:
    named = [getattr(page, name) for name in _direct_people(type(page))]
    for links, key in _chosen_people(type(page)):
        named += [getattr(link, key) for link in _prefetched(page, links)]
    for stream_field in page._meta.get_fields():
        if isinstance(stream_field, StreamField):
            value = getattr(page, stream_field.name)
            if isinstance(value, StreamValue):  # only the blocks that may choose one
                for child in children_that_may_hold(value, _NAMED):
                    named += _streamed_people(child)
            else:
                named += _streamed_people(value)
    return list(dict.fromkeys(thing.name for thing in named if thing is not None))


def _text_of(value) -> str:
    if isinstance(value, list | tuple):
        return " ".join(_text_of(item) for item in value)
    return "" if value is None else str(value)


def _body_text(page, summary_field: str | None) -> str:
    """The free text of every SearchField the page model declares, besides title and summary."""
    skip = _STRUCTURED_FIELDS | {summary_field}
    texts = (
        _text_of(_searchable_value(page, search_field))
        for search_field in page.get_search_fields()
        if isinstance(search_field, index.SearchField) and search_field.field_name not in skip
    )
    return "\n".join(text for text in texts if text.strip())


def _searchable_value(page, search_field: index.SearchField):
    """search_field.get_value(page), a StreamField's read from its raw blocks where it can."""
    try:
        model_field = search_field.get_field(type(page))
    except FieldDoesNotExist:
        model_field = None
    if isinstance(model_field, StreamField):
        return searchable_text(model_field, model_field.value_from_object(page))
    return search_field.get_value(page)


def _document_date(page) -> date | None:
    """The date the page's type declares (core.models.SearchablePage.search_date_field): a
    date field as it is, a moment as its day in Copenhagen. An undated page has none (no
    year), rather than the day it was published here."""
    value = getattr(page, page.search_date_field)
    return timezone.localdate(value) if isinstance(value, datetime) else value


def _related(page, name: str) -> list:
    return _prefetched(page, name) if name in page.search_taxonomy else []


class NotFindable(ValueError):
    """A page no one may find through search (behind a password or a login)."""


def _audience(page) -> tuple[int, ...]:
    """The groups that may find the page, as indexable_specific_pages found them."""
    if not hasattr(page, "_search_audience"):
        page._search_audience = audience_of(page.path, restrictions())
    if page._search_audience is None:
        raise NotFindable(f"page {page.pk} may not be found through search")
    return page._search_audience


def document_for_page(page) -> SearchDocument:
    """Build the document for a live, specific page that someone may find."""
    summary_field = page.search_summary_field
    goals = sorted(_related(page, "goals"), key=lambda goal: goal.number)
    themes = sorted(_related(page, "themes"), key=lambda theme: theme.name)
    taxonomy = page.search_taxonomy
    municipality = page.municipality if "municipality" in taxonomy else None
    document = SearchDocument(
        page_id=page.pk,
        type=page.search_type,
        title=page.title,
        summary=getattr(page, summary_field) if summary_field else page.search_description,
        body=_body_text(page, summary_field),
        url=page.get_url() or page.url_path,
        date=_document_date(page),
        goals=[goal.number for goal in goals],
        goal_names=[goal.title_da for goal in goals],
        themes=[theme.slug for theme in themes],
        theme_names=[theme.name for theme in themes],
        municipality=municipality.slug if municipality else None,
        municipality_name=municipality.name if municipality else None,
        approach=(page.approach or None) if "approach" in taxonomy else None,
        people=_people_of(page),
        audience=list(_audience(page)),
    )
    document.fingerprint = document.compute_fingerprint()
    return document
