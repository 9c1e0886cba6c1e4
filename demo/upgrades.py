"""Bringing a demo site an earlier loader built in line with today's loader, where editors left
it as it was made."""

from wagtail.models import ReferenceIndex

from .models import DemoRecord

# Earlier loaders recorded the lead images they drew under "image:Verdensmål 11" and the like.
DRAWN_IMAGES = "image:"


def retire_drawn_lead_images() -> None:
    """Earlier loaders gave each case a drawn lead image: its goals' colours and numbers, which
    told the reader nothing and looked like a picture that failed to load. A demo page that
    still shows one loses it, in its live version and in its draft; an image an editor chose
    instead stays. The drawn images are deleted unless something else uses them."""
    records = list(DemoRecord.objects.filter(key__startswith=DRAWN_IMAGES))
    if not records:
        return
    drawn = {record.object_id for record in records}
    for page in demo_pages():
        if hasattr(page, "lead_image_id"):
            take_off_lead_image(page, drawn)
    for record in records:
        image = record.content_object
        if image is not None and not ReferenceIndex.get_references_to(image).exists():
            image.delete()
        record.delete()


def demo_pages():
    records = DemoRecord.objects.filter(key__startswith="page:")
    return [record.content_object for record in records if record.content_object is not None]


def take_off_lead_image(page, drawn: set[int]) -> None:
    """Without a draft, a new revision is published; with one (or on an unpublished page) the
    draft gets a revision without the image and stays a draft, and the live version loses it."""
    if page.has_unpublished_changes:
        draft = page.get_latest_revision_as_object()
        if draft.lead_image_id in drawn:
            clear_lead_image(draft)
            draft.save_revision(clean=False)
        if page.lead_image_id in drawn:
            clear_lead_image(page)
            page.save(clean=False, update_fields=["lead_image", "lead_image_alt"])
    elif page.lead_image_id in drawn:
        clear_lead_image(page)
        page.save_revision(clean=False).publish()


def clear_lead_image(page) -> None:
    page.lead_image = None
    page.lead_image_alt = ""
