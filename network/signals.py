"""Keeps the network groups in step with the seats (network.access)."""

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction

from .access import sync_participants, sync_user
from .models import MembersAreaPage, Membership, Participant, Seat


def _after_commit(participants) -> None:
    participants = list(participants)
    transaction.on_commit(lambda: sync_participants(participants))


@receiver(pre_save, sender=Seat, dispatch_uid="network.seat_changing")
def seat_changing(sender, instance: Seat, **kwargs):
    """A seat given to another person: the one leaving it is checked too."""
    before = Seat.objects.filter(pk=instance.pk).values_list("participant", flat=True).first()
    instance._participant_before = before


@receiver([post_save, post_delete], sender=Seat, dispatch_uid="network.seat_changed")
def seat_changed(sender, instance: Seat, **kwargs):
    ids = {instance.participant_id, getattr(instance, "_participant_before", None)} - {None}
    _after_commit(Participant.objects.filter(pk__in=ids))


@receiver(post_save, sender=Membership, dispatch_uid="network.membership_changed")
def membership_changed(sender, instance: Membership, **kwargs):
    _after_commit(Participant.objects.filter(seats__membership=instance).distinct())


@receiver(user_logged_in, dispatch_uid="network.logged_in")
def logged_in(sender, request, user, **kwargs):
    sync_user(user)


@receiver(post_delete, sender=Participant, dispatch_uid="network.participant_deleted")
def participant_deleted(sender, instance: Participant, **kwargs):
    if instance.user_id:
        user = instance.user
        transaction.on_commit(lambda: sync_user(user))


@receiver([post_save, post_delete], sender=PageViewRestriction, dispatch_uid="network.privacy")
def room_privacy_changed(sender, instance: PageViewRestriction, **kwargs):
    """The admin's privacy dialog replaces a page's restriction without saving the page: the
    room gets its own back at once, so it is never open."""
    _restore_room(instance.page_id)


@receiver(
    m2m_changed, sender=PageViewRestriction.groups.through, dispatch_uid="network.privacy_groups"
)
def room_privacy_groups_changed(sender, instance, action: str, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, PageViewRestriction
    ):
        _restore_room(instance.page_id)


def _restore_room(page_id: int) -> None:
    room = MembersAreaPage.objects.filter(pk=page_id).first()
    if room is not None:
        room.restrict_to_network()
