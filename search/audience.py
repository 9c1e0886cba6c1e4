"""Who may find a page: everyone (a public page), the members of some groups (a page under
Wagtail view restrictions of the "groups" kind, such as the network's confidential room), or
nobody through search (under a password or "any logged-in user" restriction, which search
cannot check per person).

A page's audience is the set of groups that pass every one of its restrictions: Wagtail lets a
person see the page when each restriction on it or above it names one of their groups, so a
member of a group in all of them passes; someone who passes each restriction through a
different group is left out of search (never shown too much). A search asks with the asker's
groups (`Audience`), and a backend shows a restricted page only when they meet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wagtail.models import PageViewRestriction

PUBLIC: tuple[int, ...] = ()


@dataclass(frozen=True)
class Restriction:
    path: str
    groups: frozenset[int] | None  # None: a password or login restriction


def restrictions() -> list[Restriction]:
    """Every view restriction with the path of its page and the groups it names: a few rows."""
    rows = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    return [
        Restriction(
            row.page.path,
            frozenset(group.pk for group in row.groups.all())
            if row.restriction_type == PageViewRestriction.GROUPS
            else None,
        )
        for row in rows
    ]


def audience_of(path: str, known: Iterable[Restriction]) -> tuple[int, ...] | None:
    """The groups that may find the page at `path`, sorted (PUBLIC: everyone); None when no
    one may find it through search."""
    allowed: frozenset[int] | None = None
    for restriction in known:
        if not path.startswith(restriction.path):
            continue
        if restriction.groups is None:
            return None
        allowed = restriction.groups if allowed is None else allowed & restriction.groups
        if not allowed:
            return None
    return PUBLIC if allowed is None else tuple(sorted(allowed))


@dataclass(frozen=True)
class Audience:
    """Whom a search is for: the asker's groups, or everything (a superuser, whom Wagtail
    lets see every restricted page)."""

    groups: frozenset[int] = frozenset()
    everything: bool = False

    def may_find(self, audience: Iterable[int]) -> bool:
        audience = tuple(audience)
        return not audience or self.everything or bool(self.groups.intersection(audience))


ANONYMOUS = Audience()


def audience_of_user(user) -> Audience:
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    if user.is_superuser:
        return Audience(everything=True)
    return Audience(frozenset(user.groups.values_list("pk", flat=True)))
