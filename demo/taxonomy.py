"""The organisations, people and themes the article names, each made once.

Each is found again by the loader's own key (demo/records.py), so an editor may rename it; one
an editor deleted is None here and stays deleted, and pages are built without it."""

from dataclasses import dataclass

from django.db.models import Q

from core.slugs import ascii_slug
from taxonomy.models import Municipality, Organisation, Person, SDGGoal, Theme, WorkLevel

from .article import MUNICIPALITIES, OTHER_ORGANISATIONS, PEOPLE, THEMES, Kind
from .records import ensure, present

# Snippets -----------------------------------------------------------------------------------


@dataclass
class Taxonomy:
    """Keyed by the article's names; a value is None when an editor deleted it."""

    organisations: dict[str, Organisation | None]
    people: dict[str, Person | None]
    themes: dict[str, Theme | None]

    def orgs(self, *names: str) -> list[Organisation]:
        return present(*(self.organisations[name] for name in names))

    def theme_list(self, *names: str) -> list[Theme]:
        return present(*(self.themes[name] for name in names))


def municipality_organisation_name(municipality_name: str) -> str:
    return f"{municipality_name} Kommune"


def ensure_organisation(name: str, kind: str, municipality: Municipality | None = None):
    return ensure(
        f"organisation:{name}",
        find=lambda: Organisation.objects.filter(name=name).first(),
        create=lambda: Organisation.objects.create(name=name, kind=kind, municipality=municipality),
    )


def ensure_organisations() -> dict[str, Organisation | None]:
    organisations = {}
    for name in MUNICIPALITIES:
        org_name = municipality_organisation_name(name)
        organisations[org_name] = ensure_organisation(
            org_name, Kind.MUNICIPALITY, Municipality.objects.get(name=name)
        )
    for name, kind in OTHER_ORGANISATIONS:
        organisations[name] = ensure_organisation(name, kind)
    return organisations


def ensure_person(name: str, job_title: str, organisation: Organisation | None, email: str):
    return ensure(
        f"person:{name}",
        find=lambda: Person.objects.filter(name=name, organisation=organisation).first(),
        create=lambda: Person.objects.create(
            name=name, job_title=job_title, organisation=organisation, email=email
        ),
    )


def ensure_people(organisations: dict[str, Organisation | None]) -> dict[str, Person | None]:
    return {
        name: ensure_person(name, job_title, organisations[organisation_name], email)
        for name, job_title, organisation_name, email in PEOPLE
    }


def ensure_theme(name: str, description: str):
    """Adopted by name or slug: a site built before the loader kept records has it."""
    slug = ascii_slug(name)
    return ensure(
        f"theme:{name}",
        find=lambda: Theme.objects.filter(Q(name=name) | Q(slug=slug)).first(),
        create=lambda: Theme.objects.create(name=name, slug=slug, description=description),
    )


def ensure_themes() -> dict[str, Theme | None]:
    return {name: ensure_theme(name, description) for name, description in THEMES}


def ensure_taxonomy() -> Taxonomy:
    organisations = ensure_organisations()
    return Taxonomy(
        organisations=organisations, people=ensure_people(organisations), themes=ensure_themes()
    )


def goals(*numbers: int) -> list[SDGGoal]:
    return list(SDGGoal.objects.filter(number__in=numbers))


def work_levels(*numbers: int) -> list[WorkLevel]:
    return list(WorkLevel.objects.filter(number__in=numbers))
