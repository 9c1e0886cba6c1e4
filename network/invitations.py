"""Invitations: the secretariat invites a participant by e-mail; the link in it lets them set
a password once, within INVITATION_DAYS. Only a hash of the link's token is stored."""

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


def invite(participant: Participant, invited_by=None) -> Invitation:
    """Make an invitation and send its link to the participant."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        participant=participant, token_hash=hash_token(token), invited_by=invited_by
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
        user.set_password(password)
        user.is_active = True
        user.save()
        participant.user = user
        participant.save(update_fields=["user"])
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
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
