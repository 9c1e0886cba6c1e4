"""Registration for an event on the site: a seat while there are seats, else the waiting
list; a cancel link in the confirmation, which moves the first on the waiting list up.

Two people asking for the last seat at the same moment cannot both get it: each
registration counts the seats under a lock of the event's row (PostgreSQL's SELECT ... FOR
UPDATE; on SQLite the database's own write lock decides, and the loser of a race may be
refused with an error instead). One e-mail address registers once."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
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
logger = logging.getLogger(__name__)


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


def _lock(event: EventPage) -> None:
    """Hold the event's row until the transaction ends: registrations count seats one at a
    time."""
    Page.objects.select_for_update().filter(pk=event.pk).first()


def fill_seats(event: EventPage) -> list[Registration]:
    """Under the event's lock: the first on the waiting list take the free seats (after a
    cancellation, a deletion in the admin, or more seats), while registration is open."""
    if not event.registration_is_open:
        return []
    waiting = event.registrations.filter(status=Status.WAITING).order_by("registered_at", "pk")
    if event.capacity is not None:
        waiting = waiting[: max(0, event.capacity - confirmed(event).count())]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status"])
    return promoted


def register(event: EventPage, details: dict, request) -> Made:
    """Take a registration (`details`: the form's name, email, municipality, organisation,
    note) and send its confirmation. A newcomer never passes someone waiting. Raises
    RegistrationRefused."""
    if event.members_only and not is_network_participant(request.user):
        raise RegistrationRefused("Arrangementet er kun for netværkets deltagere.")
    token = secrets.token_urlsafe(24)
    try:
        with transaction.atomic():
            _lock(event)
            if not event.registration_is_open:
                raise RegistrationRefused("Tilmeldingen er lukket.")
            promoted = fill_seats(event)
            full = event.capacity is not None and (
                confirmed(event).count() >= event.capacity
                or event.registrations.filter(status=Status.WAITING).exists()
            )
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
    tell_moved_up(promoted, request)
    transaction.on_commit(lambda: _send(registration, "events/email/registered", token, request))
    return Made(registration, token)


def find(event: EventPage, token: str) -> Registration | None:
    return event.registrations.filter(cancel_token_hash=hash_token(token)).first()


def cancel(event: EventPage, token: str, request) -> list[Registration]:
    """Cancel the registration of the link; the first on the waiting list get the free seats,
    and an e-mail saying so. Returns who moved up."""
    with transaction.atomic():
        _lock(event)
        registration = find(event, token)
        if registration is None:
            return []
        registration.cancelled_by_link = True
        registration.delete()
        promoted = fill_seats(event)
    tell_moved_up(promoted, request)
    return promoted


def seats_changed(event: EventPage, request=None) -> list[Registration]:
    """After an organiser gave the event more seats or deleted a registration in the admin."""
    with transaction.atomic():
        _lock(event)
        promoted = fill_seats(event)
    tell_moved_up(promoted, request)
    return promoted


def tell_moved_up(promoted: list[Registration], request) -> None:
    for registration in promoted:
        transaction.on_commit(
            lambda registration=registration: _send(
                registration, "events/email/moved_up", None, request
            )
        )


def _send(registration: Registration, template: str, token: str | None, request) -> None:
    """The e-mail with the event's calendar file. A mail server that fails is logged, not
    the registrant's problem: the page they see has the cancel link too."""
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "event_url": event.get_full_url(request),
        "cancel_url": cancel_url(event, token, request) if token else None,
    }
    ics = event_to_ics(event, request)
    try:
        send_templated(
            [registration.email], template, context, [(f"{event.slug}.ics", ics, "text/calendar")]
        )
    except (OSError, SMTPException):
        logger.exception("Could not send %s to %s", template, registration.email)


def cancel_url(event: EventPage, token: str, request) -> str:
    path = reverse("registration_cancel", args=[event.pk, token])
    return request.build_absolute_uri(path) if request else settings.WAGTAILADMIN_BASE_URL + path


def delete_old(now=None) -> int:
    """Delete the registrations of events that ended more than their
    `keep_registrations_days` ago. Returns how many were deleted."""
    now = now or timezone.now()
    with_registrations = EventPage.objects.filter(pk__in=Registration.objects.values("event"))
    old = [
        event.pk
        for event in with_registrations
        if event.ends_at + timedelta(days=event.keep_registrations_days) < now
    ]
    deleted, _by_model = Registration.objects.filter(event__in=old).delete()
    return deleted
