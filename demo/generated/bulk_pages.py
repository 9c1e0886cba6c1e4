"""Published pages in bulk, ending as an editor's publish leaves them.

`parent.add_child(...)` and `save_revision().publish()` cost some twenty queries a page (the
tree, the revision, the log, the reference index, the search signals), minutes for 10,000
pages. Here each batch is a handful of statements: the Page rows with their tree paths
computed as treebeard would, the specific rows, the many-to-many and child rows (contacts,
related research), one revision per page (the page's serialised content, as `save_revision`
stores it) set as its latest and live revision, a "wagtail.publish" log entry and the page's
references in Wagtail's reference index. Search indexes are left to one rebuild afterwards
(see demo.generated.content): the publish signals would index page by page.
"""

import datetime
import uuid
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from wagtail.models import Locale, Page, PageLogEntry, ReferenceIndex, Revision

BATCH = 500


def add_published_pages(
    parent: Page,
    pages: Sequence[Page],
    published_at: Sequence[datetime.datetime],
    translation_keys: Sequence[uuid.UUID],
) -> None:
    """Add `pages` (unsaved instances of one page model, with their many-to-many values and
    child objects set in memory, as modelcluster allows) as the last children of `parent`,
    live, each published at its `published_at`."""
    if not pages:
        return
    model = type(pages[0])
    if model._meta.get_parent_list() != [Page]:
        raise TypeError(f"{model.__name__} must inherit from Page directly")
    position = next_child_position(parent)
    for start in range(0, len(pages), BATCH):
        batch = list(zip(pages, published_at, translation_keys, strict=True))[start : start + BATCH]
        place_in_tree(parent, [page for page, *_ in batch], position + start)
        for page, published, key in batch:
            mark_published(page, published, key)
        insert_rows(model, [page for page, *_ in batch])
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)


def next_child_position(parent: Page) -> int:
    """The position of the child treebeard's add_child would add next (1 for the first)."""
    last = parent.get_last_child()
    return Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1


def place_in_tree(parent: Page, pages: list[Page], first_position: int) -> None:
    depth = parent.depth + 1
    for offset, page in enumerate(pages):
        page.depth = depth
        page.path = Page._get_path(parent.path, depth, first_position + offset)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"


def mark_published(page: Page, published: datetime.datetime, key: uuid.UUID) -> None:
    page.content_type = ContentType.objects.get_for_model(type(page))
    page.locale = page.locale if page.locale_id else Locale.get_default()
    page.translation_key = key
    page.draft_title = page.title
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = published
    page.latest_revision_created_at = published


def insert_rows(model: type[Page], pages: list[Page]) -> None:
    page_fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    bases = [Page(**{name: getattr(page, name) for name in page_fields}) for page in pages]
    Page.objects.bulk_create(bases)
    hold_relations_in_memory(model, pages)
    for page, base in zip(pages, bases, strict=True):
        page.pk = page.page_ptr_id = base.pk
        page._state.adding = False
    model._base_manager._insert(pages, fields=model._meta.local_concrete_fields, using="default")
    insert_related_rows(model, pages)
    revisions = insert_revisions(model, pages)
    for page, base, revision in zip(pages, bases, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
        base.latest_revision_id = base.live_revision_id = revision.pk
    Page.objects.bulk_update(bases, ["latest_revision", "live_revision"])
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            content_type=page.content_type,
            label=page.get_admin_display_title(),
            action="wagtail.publish",
            timestamp=revision.created_at,
            revision=revision,
            page_id=page.pk,
            content_changed=True,
        )
        for page, revision in zip(pages, revisions, strict=True)
    )
    insert_references(model, pages)


def related_names(model: type[Page]) -> list[str]:
    """The page's many-to-many fields and child relations, which modelcluster holds in memory
    until the page is saved."""
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, ParentalManyToManyField)
    ] + [relation.get_accessor_name() for relation in get_all_child_relations(model)]


def hold_relations_in_memory(model: type[Page], pages: list[Page]) -> None:
    """Those not set are set empty (a new page has none), so that reading them once the page
    has its id does not query the database."""
    names = related_names(model)
    for page in pages:
        held = getattr(page, "_cluster_related_objects", {})
        for name in names:
            if name not in held:
                setattr(page, name, [])


def insert_related_rows(model: type[Page], pages: list[Page]) -> None:
    """The many-to-many rows (goals, themes, levels) and the child objects (the orderable
    contact and research links) that the instances hold in memory."""
    for field in model._meta.get_fields():
        if isinstance(field, ParentalManyToManyField):
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through.objects.bulk_create(
                through(**{f"{source}_id": page.pk, f"{target}_id": value.pk})
                for page in pages
                for value in getattr(page, field.name).all()
            )
    for relation in get_all_child_relations(model):
        children = []
        for page in pages:
            for order, child in enumerate(getattr(page, relation.get_accessor_name()).all()):
                setattr(child, relation.field.attname, page.pk)
                if hasattr(child, "sort_order"):
                    child.sort_order = order
                children.append(child)
        relation.related_model.objects.bulk_create(children)


def insert_revisions(model: type[Page], pages: list[Page]) -> list[Revision]:
    content_type = ContentType.objects.get_for_model(model)
    base_content_type = ContentType.objects.get_for_model(Page)
    return Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=str(page.pk),
            created_at=page.last_published_at,
            object_str=str(page),
            content=page.serializable_data(),
        )
        for page in pages
    )


def insert_references(model: type[Page], pages: list[Page]) -> None:
    """What ReferenceIndex.create_or_update_for_object records for a new page, in bulk."""
    content_type = ContentType.objects.get_for_model(model)
    base_content_type = ContentType.objects.get_for_model(Page)
    ReferenceIndex.objects.bulk_create(
        ReferenceIndex(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=page.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for page in pages
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        )
    )
