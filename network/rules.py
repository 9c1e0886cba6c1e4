"""The network's rules as the article gives them, in one place for the models and forms."""

from decimal import Decimal

from django.utils.translation import gettext as _

SEATS_PER_MUNICIPALITY = 5  # "op til fem personer pr. kommune"
YEARLY_FEE = Decimal("10000")  # "10.000 kr. om året"
INVITATION_DAYS = 14


def too_many_seats_message(member_name: str, limit: int, year: int) -> str:
    return _(
        "%(member)s har allerede %(limit)s deltagere i %(year)s: højst %(limit)s personer "
        "pr. kommune kan deltage i netværket."
    ) % {"member": member_name, "limit": limit, "year": year}
