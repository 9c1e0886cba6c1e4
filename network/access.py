"""Who may read the network's confidential pages: the groups `Netværksmedlemmer` and
`Videnspartnere` hold exactly the accounts of the people with a seat in a membership of the
current year. Wagtail's view restrictions name these groups; this module keeps them true.

The groups are brought in step when a seat, a membership or a participant changes
(network.signals), when a person logs in, and on the first request of each day of a logged-in
person (`NetworkAccessMiddleware`), so a membership that has lapsed at the turn of the year,
or a seat the secretariat removed, closes the room at once."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from .groups import MEMBERS_GROUP, NETWORK_GROUPS, PARTNERS_GROUP, network_groups
from .models import Membership, Participant, this_year

GROUP_OF_KIND = {
    Membership.Kind.MUNICIPALITY: MEMBERS_GROUP,
    Membership.Kind.PARTNER: PARTNERS_GROUP,
}
SESSION_KEY = "network_access_checked"


def groups_due(participant: Participant | None) -> set[str]:
    """The network groups a participant's seats of this year give."""
    if participant is None:
        return set()
    kinds = participant.seats.filter(membership__year=this_year()).values_list(
        "membership__kind", flat=True
    )
    return {GROUP_OF_KIND[kind] for kind in kinds}


def sync_user(user) -> None:
    """Put the account in the network groups its seats give, and out of the others."""
    participant = Participant.objects.filter(user=user).first()
    due = groups_due(participant)
    groups = network_groups()
    has = set(user.groups.filter(name__in=NETWORK_GROUPS).values_list("name", flat=True))
    for name in due - has:
        user.groups.add(groups[name])
    for name in has - due:
        user.groups.remove(groups[name])


def sync_participants(participants: Iterable[Participant]) -> None:
    for participant in participants:
        if participant.user_id:
            sync_user(participant.user)


class NetworkAccessMiddleware:
    """Checks a logged-in person's network groups on their first request of each day."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            today = timezone.localdate().isoformat()
            if request.session.get(SESSION_KEY) != today:
                sync_user(user)
                request.session[SESSION_KEY] = today
        return self.get_response(request)
