"""Invitations: the secretariat invites a participant by e-mail; the link in it lets them set
a password once, within INVITATION_DAYS. Only a hash of the link's token is stored.

A link opens only the participant's own account, for the address it was sent to: a new
invitation withdraws the older ones, accepting one withdraws the rest, a changed address
voids them, and a link never opens an account of the admin (staff, superusers) or one that
was switched off."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.email import send_templated

from .access import sync_user
from .models import Invitation, Participant
from .rules import INVITATION_DAYS


class InvitationUnusable(Exception):
    """The link is unknown, used or expired."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def withdraw_open_invitations(participant: Participant) -> None:
    participant.invitations.filter(used_at=None).update(used_at=timezone.now())


def invite(participant: Participant, invited_by=None) -> Invitation:
    """Make an invitation (withdrawing any still open) and send its link to the participant."""
    token = secrets.token_urlsafe(32)
    withdraw_open_invitations(participant)
    invitation = Invitation.objects.create(
        participant=participant,
        email=participant.email,
        token_hash=hash_token(token),
        invited_by=invited_by,
    )
    link = settings.WAGTAILADMIN_BASE_URL + reverse("network_invitation", args=[token])
    send_templated(
        [participant.email],
        "network/email/invitation",
        {"participant": participant, "link": link, "days": INVITATION_DAYS},
    )
    return invitation


def find_usable(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("participant__user")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None or not invitation.is_usable():
        raise InvitationUnusable
    return invitation


def accept(token: str, password: str):
    """Set the participant's password (making their account if they have none), spend the
    invitation and return the account. Two tabs posting the same link: the second finds
    it used (the row is locked)."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
        )
        if invitation is None or not invitation.is_usable():
            raise InvitationUnusable
        participant = invitation.participant
        user = participant.user or _account_for(participant)
        if user.is_staff or user.is_superuser or (user.pk and not user.is_active):
            raise InvitationUnusable  # the admin's accounts have their own way in
        user.set_password(password)
        user.save()
        participant.user = user
        participant.save(update_fields=["user"])
        withdraw_open_invitations(participant)
    sync_user(user)
    return user


def _account_for(participant: Participant):
    """An account named by the participant's e-mail address: the one they log in with."""
    User = get_user_model()
    user = User.objects.filter(username__iexact=participant.email).first()
    if user is None:
        first, _, last = participant.name.rpartition(" ")
        user = User(username=participant.email, email=participant.email)
        user.first_name, user.last_name = (first, last) if first else (last, "")
    return user
