"""Registration for an event on the site: a seat while there are seats, else the waiting
list; a cancel link in the confirmation, which moves the first on the waiting list up.

Two people asking for the last seat at the same moment cannot both get it: each
registration counts the seats under a lock of the event's row (PostgreSQL's SELECT ... FOR
UPDATE; SQLite lets one writer through at a time). One e-mail address registers once."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from core.email import send_templated
from network.groups import NETWORK_GROUPS

from .calendar import event_to_ics
from .models import EventPage, Registration

Status = Registration.Status


class RegistrationRefused(Exception):
    """Why a registration cannot be taken, in Danish for the person registering."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_network_participant(user) -> bool:
    return bool(user and user.is_authenticated) and (
        user.is_superuser or user.groups.filter(name__in=NETWORK_GROUPS).exists()
    )


def confirmed(event: EventPage) -> QuerySet[Registration]:
    return event.registrations.filter(status=Status.CONFIRMED)


def seats_left(event: EventPage) -> int | None:
    """Free seats; None when the event has no limit."""
    if event.capacity is None:
        return None
    return max(0, event.capacity - confirmed(event).count())


@dataclass
class Made:
    registration: Registration
    cancel_token: str


def register(event: EventPage, details: dict, request) -> Made:
    """Take a registration (`details`: the form's name, email, municipality, organisation,
    note) and send its confirmation. Raises RegistrationRefused."""
    if event.members_only and not is_network_participant(request.user):
        raise RegistrationRefused("Arrangementet er kun for netværkets deltagere.")
    token = secrets.token_urlsafe(24)
    try:
        with transaction.atomic():
            Page.objects.select_for_update().filter(pk=event.pk).first()  # one at a time
            if not event.registration_is_open:
                raise RegistrationRefused("Tilmeldingen er lukket.")
            full = event.capacity is not None and confirmed(event).count() >= event.capacity
            registration = Registration.objects.create(
                event=event,
                status=Status.WAITING if full else Status.CONFIRMED,
                cancel_token_hash=hash_token(token),
                **details,
            )
    except IntegrityError as error:  # the same address, registered already
        raise RegistrationRefused(
            "Den e-mailadresse er allerede tilmeldt. Brug linket i bekræftelsen for at melde fra."
        ) from error
    transaction.on_commit(lambda: _send(registration, "events/email/registered", token, request))
    return Made(registration, token)


def find(event: EventPage, token: str) -> Registration | None:
    return event.registrations.filter(cancel_token_hash=hash_token(token)).first()


def cancel(event: EventPage, token: str, request) -> Registration | None:
    """Cancel the registration of the link; the first on the waiting list gets the seat, and
    an e-mail saying so. Returns who moved up, if anyone."""
    with transaction.atomic():
        Page.objects.select_for_update().filter(pk=event.pk).first()
        registration = find(event, token)
        if registration is None:
            return None
        registration.delete()
        moved_up = None
        if registration.status == Status.CONFIRMED:
            moved_up = (
                event.registrations.filter(status=Status.WAITING)
                .order_by("registered_at", "pk")
                .first()
            )
            if moved_up is not None and not event.is_past:
                moved_up.status = Status.CONFIRMED
                moved_up.save(update_fields=["status"])
            else:
                moved_up = None
    if moved_up is not None:
        promoted = moved_up
        transaction.on_commit(lambda: _send(promoted, "events/email/moved_up", None, request))
    return moved_up


def _send(registration: Registration, template: str, token: str | None, request) -> None:
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "event_url": event.get_full_url(request),
        "cancel_url": cancel_url(event, token, request) if token else None,
    }
    ics = event_to_ics(event, request)
    send_templated(
        [registration.email], template, context, [(f"{event.slug}.ics", ics, "text/calendar")]
    )


def cancel_url(event: EventPage, token: str, request) -> str:
    return request.build_absolute_uri(reverse("registration_cancel", args=[event.pk, token]))


def delete_old(now=None) -> int:
    """Delete the registrations of events that ended more than their
    `keep_registrations_days` ago. Returns how many were deleted."""
    now = now or timezone.now()
    old = [
        event.pk
        for event in EventPage.objects.filter(registrations__isnull=False).distinct()
        if event.ends_at + timedelta(days=event.keep_registrations_days) < now
    ]
    deleted, _by_model = Registration.objects.filter(event__in=old).delete()
    return deleted
