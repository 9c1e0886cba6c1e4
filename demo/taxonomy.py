"""The organisations, people and themes the article names, created once."""

from dataclasses import dataclass

from django.utils.text import slugify

from taxonomy.models import Municipality, Organisation, Person, SDGGoal, Theme, WorkLevel

from .article import MUNICIPALITIES, OTHER_ORGANISATIONS, PEOPLE, THEMES, Kind

# Snippets -----------------------------------------------------------------------------------


@dataclass
class Taxonomy:
    organisations: dict[str, Organisation]
    people: dict[str, Person]
    themes: dict[str, Theme]

    def orgs(self, *names: str) -> list[Organisation]:
        return [self.organisations[name] for name in names]

    def theme_list(self, *names: str) -> list[Theme]:
        return [self.themes[name] for name in names]


def municipality_organisation_name(municipality_name: str) -> str:
    return f"{municipality_name} Kommune"


def ensure_organisations() -> dict[str, Organisation]:
    organisations = {}
    for name in MUNICIPALITIES:
        organisation, _ = Organisation.objects.get_or_create(
            name=municipality_organisation_name(name),
            defaults={
                "kind": Kind.MUNICIPALITY,
                "municipality": Municipality.objects.get(name=name),
            },
        )
        organisations[organisation.name] = organisation
    for name, kind in OTHER_ORGANISATIONS:
        organisations[name], _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind}
        )
    return organisations


def ensure_people(organisations: dict[str, Organisation]) -> dict[str, Person]:
    people = {}
    for name, job_title, organisation_name, email in PEOPLE:
        people[name], _ = Person.objects.get_or_create(
            name=name,
            organisation=organisations[organisation_name],
            defaults={"job_title": job_title, "email": email},
        )
    return people


def ensure_themes() -> dict[str, Theme]:
    """Looked up by slug, which stays when an editor renames a theme (keyed here by the
    article's name, so the pages can still be tagged with it)."""
    themes = {}
    for name, description in THEMES:
        themes[name], _ = Theme.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "description": description}
        )
    return themes


def ensure_taxonomy() -> Taxonomy:
    organisations = ensure_organisations()
    return Taxonomy(
        organisations=organisations, people=ensure_people(organisations), themes=ensure_themes()
    )


def goals(*numbers: int) -> list[SDGGoal]:
    return list(SDGGoal.objects.filter(number__in=numbers))


def work_levels(*numbers: int) -> list[WorkLevel]:
    return list(WorkLevel.objects.filter(number__in=numbers))
