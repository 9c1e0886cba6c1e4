"""Filter values from query parameters: one set of rules for the case listings and search.

A value is usable only in its expected shape: a goal number from 1 to 17, a slug, one of a
fixed set of choices, a page number. Only such values reach the database (PostgreSQL refuses
NUL characters); every other value becomes a Rejected, which a page shows as a Danish notice
(a few per parameter) and the JSON API as an English error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

MAX_NOTICES_PER_PARAM = 3
GOAL_NUMBERS = range(1, 18)
_SMALL_NUMBER = re.compile(r"[0-9]{1,2}")
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")
_YEAR = re.compile(r"[0-9]{4}")

_NOTICE_SUBJECTS = {
    "goal": gettext_lazy("Verdensmål"),
    "theme": gettext_lazy("Temaet"),
    "municipality": gettext_lazy("Kommunen"),
    "approach": gettext_lazy("Organiseringen"),
    "type": gettext_lazy("Indholdstypen"),
    "year": gettext_lazy("Året"),
    "level": gettext_lazy("Arbejdsniveauet"),
    "sort": gettext_lazy("Sorteringen"),
}


@dataclass(frozen=True)
class Rejected:
    """A value that was not used, with the reason in English for the API."""

    param: str
    value: str
    reason: str

    @property
    def notice(self) -> str:
        if self.param == "page":
            return _("Sidetallet »%(page)s« er ugyldigt; her er side 1.") % {
                "page": shown(self.value)
            }
        subject = _NOTICE_SUBJECTS.get(self.param, self.param)
        return _("%(kind)s »%(value)s« findes ikke og er ignoreret.") % {
            "kind": subject,
            "value": shown(self.value),
        }

    @property
    def error(self) -> str:
        return f"{self.param}={shown(self.value)!r}: {self.reason}"


@dataclass
class ActiveFilter:
    """A filter in use, shown as a chip whose link removes it."""

    param: str
    value: str
    label: str
    remove_url: str = ""


def shown(value: str) -> str:
    """A user's value as a message may echo it: short, and with control characters replaced."""
    printable = "".join(char if char.isprintable() else "\ufffd" for char in value)
    return Truncator(printable).chars(40)


def clean_text(text: str, max_chars: int) -> str:
    """Free text with control characters (NUL included) as spaces and runs of space as one."""
    printable = "".join(char if char.isprintable() else " " for char in text[:max_chars])
    return " ".join(printable.split())


def parameter_values(params: QueryDict, name: str) -> list[str]:
    """Repeated and comma-separated values, stripped, empty ones dropped, each once."""
    values = (part.strip() for value in params.getlist(name) for part in value.split(","))
    return list(dict.fromkeys(value for value in values if value))


def small_numbers(values: list[str], allowed: range) -> tuple[list[int], list[str]]:
    """The numbers of one or two digits within `allowed` among the values (»01« is 1), and
    the values that are not one."""
    numbers, bad = [], []
    for value in values:
        if _SMALL_NUMBER.fullmatch(value) and int(value) in allowed:
            numbers.append(int(value))
        else:
            bad.append(value)
    return list(dict.fromkeys(numbers)), bad


def goal_numbers(values: list[str]) -> tuple[list[int], list[str]]:
    """The goal numbers among the values (»01« is goal 1), and the values that are not one."""
    return small_numbers(values, GOAL_NUMBERS)


def years(values: list[str]) -> tuple[list[int], list[str]]:
    """The four-digit years among the values, and the rest."""
    good = [int(v) for v in values if _YEAR.fullmatch(v)]
    return list(dict.fromkeys(good)), [v for v in values if not _YEAR.fullmatch(v)]


def slugs(values: list[str]) -> tuple[list[str], list[str]]:
    """The slug-shaped values, safe to look up, and the rest."""
    return [v for v in values if _SLUG.fullmatch(v)], [v for v in values if not _SLUG.fullmatch(v)]


def choices(values: list[str], allowed: Iterable[str]) -> tuple[list[str], list[str]]:
    allowed = set(allowed)
    return [v for v in values if v in allowed], [v for v in values if v not in allowed]


def page_number(value: str | None) -> int | None:
    """The page asked for: 1 when none is, None when the value is not a whole number from 1."""
    if value is None or not value.strip():
        return 1
    value = value.strip()
    if value.isascii() and value.isdigit() and int(value) >= 1:
        return int(value)
    return None


def capped(rejected: list[Rejected]) -> list[Rejected]:
    """At most MAX_NOTICES_PER_PARAM of each parameter, so a flood of values gives a few lines."""
    kept, per_param = [], {}
    for item in rejected:
        per_param[item.param] = per_param.get(item.param, 0) + 1
        if per_param[item.param] <= MAX_NOTICES_PER_PARAM:
            kept.append(item)
    return kept


def notices(rejected: list[Rejected]) -> list[str]:
    """Danish notices for the rejected values, a few per parameter and a count of the rest."""
    shown_items = capped(rejected)
    lines = [item.notice for item in shown_items]
    rest = len(rejected) - len(shown_items)
    if rest:
        lines.append(
            ngettext(
                "%(count)s anden ugyldig værdi er også ignoreret.",
                "%(count)s andre ugyldige værdier er også ignoreret.",
                rest,
            )
            % {"count": rest}
        )
    return lines
