"""Keep the search index in step with the pages: publish, unpublish, delete, move, slug change,
privacy change, and renamed taxonomy. Draft saves do not touch the index.

Each receiver runs in the transaction that changed the page: the database index is written
there and then, Elasticsearch after the commit from the outbox (search.index_sync).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core import content_version
from core.models import searchable_page_types
from search import index_sync
from search.models import SynonymSet
from taxonomy.models import Municipality, Organisation, Person, Theme


@receiver(page_published)
@receiver(page_unpublished)
def refresh_published_page(sender, instance, **kwargs):
    index_sync.pages_changed([instance.pk])


@receiver(post_delete, sender=Page)
def remove_deleted_page(sender, instance, **kwargs):
    index_sync.pages_changed([instance.pk])


@receiver(post_page_move)
@receiver(page_slug_changed)
def refresh_moved_subtree(sender, instance, **kwargs):
    """The URLs of the page and its descendants changed, and a new parent may be private."""
    index_sync.subtree_changed(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def refresh_restricted_subtree(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        index_sync.subtree_changed(page)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def refresh_subtree_of_changed_groups(sender, instance, action, **kwargs):
    """The groups a restriction names decide who may find its pages (search.audience)."""
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, PageViewRestriction
    ):
        refresh_restricted_subtree(sender, instance)


@receiver(post_save, sender=Theme)
@receiver(post_save, sender=Municipality)
def refresh_pages_tagged_with(sender, instance, created, **kwargs):
    """A renamed theme or municipality changes the text and names of the pages tagged with it."""
    if not created:
        index_sync.pages_changed(pages_tagged_with(instance))


def pages_tagged_with(tag) -> list[int]:
    """Ids of the searchable pages whose own fields point at `tag`, found through the page
    types' fields, so that search need not know which app relates what to a taxonomy."""
    page_ids = []
    for model in searchable_page_types().values():
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is type(tag):
                pages = model.objects.filter(**{field.name: tag})
                page_ids += pages.values_list("pk", flat=True)
    return page_ids


@receiver(post_save, sender=Person)
@receiver(post_save, sender=Organisation)
def refresh_pages_naming(sender, instance, created, **kwargs):
    """A renamed person or organisation changes the names indexed with the pages naming it."""
    if not created:
        index_sync.pages_changed(pages_naming(instance))


def pages_naming(thing) -> list[int]:
    """Ids of the pages that point at `thing` in any way (a foreign key, an orderable child's
    link, a StreamField's snippet chooser), from Wagtail's reference index."""
    references = ReferenceIndex.get_references_to(thing).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    return sorted({int(object_id) for object_id in references.values_list("object_id", flat=True)})


@receiver(post_save, sender=SynonymSet)
@receiver(post_delete, sender=SynonymSet)
def forget_changed_synonyms(sender, **kwargs):
    """Synonyms are remembered until content changes (search.synonyms); pages do not show
    them, so the content apps' own signals do not count them as content."""
    content_version.bump()
