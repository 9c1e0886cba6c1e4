"""The two groups the confidential room's view restriction names (network.access fills them)."""

from django.contrib.auth.models import Group

MEMBERS_GROUP = "Netværksmedlemmer"
PARTNERS_GROUP = "Videnspartnere"
NETWORK_GROUPS = (MEMBERS_GROUP, PARTNERS_GROUP)


def network_groups() -> dict[str, Group]:
    return {name: Group.objects.get_or_create(name=name)[0] for name in NETWORK_GROUPS}
