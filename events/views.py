"""Registering for an event (/tilmelding/<event>/) and cancelling (…/afmeld/<token>/)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core.rate_limit import RateLimit

from .forms import RegistrationForm
from .models import EventPage
from .registrations import (
    RegistrationRefused,
    cancel,
    cancel_url,
    find,
    is_network_participant,
    register,
    seats_left,
)

REGISTRATIONS = RateLimit("registration", limit=10, seconds=3600)


def _event(event_id: int) -> EventPage:
    event = EventPage.objects.live().public().filter(pk=event_id).first()
    if event is None or not event.takes_registrations:
        raise Http404
    return event


def _initial(request) -> dict:
    """A logged-in participant's name, e-mail and municipality, filled in."""
    participant = getattr(request.user, "network_participant", None)
    if participant is None:
        return {}
    seat = participant.current_seats().exclude(membership__municipality=None).first()
    municipality = seat.membership.municipality if seat else None
    return {"name": participant.name, "email": participant.email, "municipality": municipality}


def _trail(event: EventPage) -> dict:
    """The breadcrumbs of a page that is not a Wagtail page: back to the event."""
    return {"breadcrumbs": [(event.title, event.url)], "current_title": _("Tilmelding")}


@require_http_methods(["GET", "POST"])
def registration(request, event_id: int):
    event = _event(event_id)
    form = RegistrationForm(request.POST or None, initial=_initial(request))
    context = {
        **_trail(event),
        "event": event,
        "form": form,
        "seats_left": seats_left(event),
        "may_register": not event.members_only or is_network_participant(request.user),
    }
    if request.method == "POST":
        if form.is_from_a_robot():
            return redirect(event.url)
        if REGISTRATIONS.exceeded(request):
            return render(
                request, "events/registration.html", {**context, "rate_limited": True}, status=429
            )
        REGISTRATIONS.count(request)
        if form.is_valid():
            try:
                made = register(event, form.details(), request)
            except RegistrationRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                return render(
                    request,
                    "events/registered.html",
                    {
                        **_trail(event),
                        "event": event,
                        "registration": made.registration,
                        "cancel_url": cancel_url(event, made.cancel_token, request),
                    },
                )
    return render(request, "events/registration.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def registration_cancel(request, event_id: int, token: str):
    event = _event(event_id)
    found = find(event, token)
    if found is None:
        return render(
            request, "events/cancel_unknown.html", {**_trail(event), "event": event}, status=404
        )
    if request.method == "POST":
        cancel(event, token, request)
        return render(request, "events/cancelled.html", {**_trail(event), "event": event})
    context = {**_trail(event), "event": event, "registration": found}
    return render(request, "events/cancel.html", context)
