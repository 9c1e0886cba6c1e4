"""Keeps the network groups in step with the seats (network.access)."""

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .access import sync_participants, sync_user
from .models import Membership, Participant, Seat


def _after_commit(participants) -> None:
    participants = list(participants)
    transaction.on_commit(lambda: sync_participants(participants))


@receiver([post_save, post_delete], sender=Seat, dispatch_uid="network.seat_changed")
def seat_changed(sender, instance: Seat, **kwargs):
    participant = Participant.objects.filter(pk=instance.participant_id).first()
    _after_commit([participant] if participant else [])


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
