"""Numbers as Danes write them, whatever the active locale's formats are."""

from decimal import Decimal

from django import template
from django.utils.numberformat import format as number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def kroner(amount) -> str:
    """10000 -> '10.000 kr.', 250.5 -> '250,50 kr.'"""
    if amount in (None, ""):
        return ""
    amount = Decimal(amount)
    decimals = 0 if amount == amount.to_integral_value() else 2
    formatted = number_format(
        amount, ",", decimal_pos=decimals, grouping=3, thousand_sep=".", force_grouping=True
    )
    return _("%(amount)s kr.") % {"amount": formatted}
