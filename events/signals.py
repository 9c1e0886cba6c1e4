"""Seats that open up outside a cancel link: an organiser gives the event more seats (and
publishes it) or deletes a registration in the admin; the waiting list moves up."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import EventPage, Registration
from .registrations import seats_changed


@receiver(page_published, sender=EventPage, dispatch_uid="events.seats_on_publish")
def event_published(sender, instance: EventPage, **kwargs):
    if instance.takes_registrations:
        seats_changed(instance)


@receiver(post_delete, sender=Registration, dispatch_uid="events.seat_freed")
def registration_deleted(sender, instance: Registration, **kwargs):
    if not getattr(instance, "cancelled_by_link", False):  # the cancel view fills the seat
        event = EventPage.objects.filter(pk=instance.event_id).first()
        if event is not None:
            seats_changed(event)
