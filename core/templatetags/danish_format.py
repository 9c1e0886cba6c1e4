"""Numbers and dates as Danes write them, whatever the active locale's formats are."""

import datetime
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.numberformat import format as number_format
from django.utils.translation import gettext as _
from django.utils.translation import override

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


@register.simple_tag
def danish_date(value) -> str:
    """A date (or a moment, in Copenhagen time) as a <time> element: '28. januar 2021'.

    Danish month names whatever language is active: the content is Danish. Nothing for no date.
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    with override("da"):
        return format_html(
            '<time datetime="{}">{}</time>', value.isoformat(), date_format(value, "j. F Y")
        )
