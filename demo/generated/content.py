"""`generate_content`: N cases (and some research) spread as in life, the same for the same seed.

What a case gets, drawn from the seed:
- a topic (demo.generated.text.TOPICS; climate plans common, food production rare), which
  gives its theme and first goals, plus a few more goals weighted as Danish municipalities
  report them (11, 13, 17, 12 and 7 common; 1, 2, 14 and 16 rare) and sometimes another theme;
- a municipality weighted by its population to a power above one, so København and Aarhus
  have many cases and Læsø a few;
- an approach (hybrid most often), one to three levels of work, a date from 2016 to
  November 2026 with more cases in later years (published that day, as editors would have);
- a contact person from the municipality in four cases of ten, related research in one of six.

The pages are added in bulk (demo.generated.bulk_pages) under the default site's case and
research indexes, published with a revision each, then every search index is rebuilt once and
Wagtail's own search index (the admin's page search) is updated.
"""

import datetime
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from cases.models import (
    CaseContact,
    CaseIndexPage,
    CasePage,
    CaseResearch,
    FindingPartner,
    FindingResearcher,
    ResearchFindingPage,
    ResearchIndexPage,
)
from core.slugs import ascii_slug
from taxonomy.models import (
    Approach,
    Municipality,
    Organisation,
    Person,
    SDGGoal,
    Theme,
    WorkLevel,
)

from . import text
from .bulk_pages import add_published_pages, next_child_position

# How often a goal is worked with besides the topic's own (relative weights).
GOAL_WEIGHTS = {
    11: 30, 13: 28, 17: 25, 12: 18, 7: 16, 3: 10, 4: 9, 6: 8, 9: 7,
    8: 6, 15: 6, 5: 5, 10: 4, 14: 3, 2: 3, 16: 3, 1: 2,
}  # fmt: skip
# Inhabitants in thousands (2024, rounded); a municipality not named has about 45,000.
POPULATION = {
    "koebenhavn": 660, "aarhus": 370, "aalborg": 225, "odense": 210, "vejle": 122,
    "esbjerg": 116, "frederiksberg": 105, "randers": 99, "viborg": 98, "kolding": 95,
    "silkeborg": 96, "horsens": 98, "herning": 90, "roskilde": 91, "naestved": 84,
    "slagelse": 80, "gentofte": 75, "soenderborg": 74, "holbaek": 73, "gladsaxe": 70,
    "hjoerring": 64, "helsingoer": 64, "guldborgsund": 60, "skanderborg": 64, "svendborg": 59,
    "koege": 62, "hilleroed": 52, "fredericia": 52, "frederikshavn": 58, "holstebro": 59,
    "dragoer": 14, "langeland": 12, "aeroe": 6, "samsoe": 4, "fanoe": 3.5, "laesoe": 1.8,
}  # fmt: skip
DEFAULT_POPULATION = 45
BIG_CITY_PULL = 1.3  # cases per inhabitant grow with size: more staff, more projects
YEAR_WEIGHTS = {
    2016: 2, 2017: 3, 2018: 4, 2019: 6, 2020: 7, 2021: 9,
    2022: 10, 2023: 11, 2024: 12, 2025: 12, 2026: 10,
}  # fmt: skip
LAST_DAY = datetime.date(2026, 11, 30)  # fixed, so that a seed makes the same dates any day
APPROACH_WEIGHTS = {Approach.HYBRID: 45, Approach.TOP_DOWN: 30, Approach.BOTTOM_UP: 25}
CASES_PER_FINDING = 100
CONTACT_SHARE = 0.4
RESEARCH_SHARE = 1 / 6
RARE_EVERY = 1000  # one case in a thousand holds text.RARE_WORD
PEOPLE_PER_ORGANISATION = 3
UNIVERSITIES = [
    "Roskilde Universitet",
    "Aalborg Universitet",
    "Aarhus Universitet",
    "Københavns Universitet",
    "Syddansk Universitet",
    "Copenhagen Business School",
    "Danmarks Tekniske Universitet",
]


class NoSiteToFill(Exception):
    """The default site has no live case index to put cases under."""


@dataclass
class Generated:
    cases: list[CasePage]
    findings: list[ResearchFindingPage]


@dataclass
class Taxonomy:
    goals: dict[int, SDGGoal]
    themes: dict[str, Theme]
    municipalities: list[Municipality]
    levels: list[WorkLevel]

    @classmethod
    def load(cls) -> "Taxonomy":
        existing = {theme.name: theme for theme in Theme.objects.all()}
        missing = [name for name in text.THEME_NAMES if name not in existing]
        for name in missing:  # a handful, once; save() makes the slug
            existing[name] = Theme.objects.create(name=name)
        return cls(
            goals={goal.number: goal for goal in SDGGoal.objects.all()},
            themes=existing,
            municipalities=list(Municipality.objects.order_by("code")),
            levels=list(WorkLevel.objects.order_by("number")),
        )


def weighted_sample(rng: random.Random, weights: dict, count: int, exclude=()) -> list:
    """`count` different keys of `weights`, each drawn in proportion to its weight."""
    pool = {key: weight for key, weight in weights.items() if key not in exclude}
    chosen = []
    for _ in range(min(count, len(pool))):
        key = rng.choices(list(pool), weights=list(pool.values()))[0]
        chosen.append(key)
        del pool[key]
    return chosen


def content_date(rng: random.Random) -> datetime.date:
    year = rng.choices(list(YEAR_WEIGHTS), weights=list(YEAR_WEIGHTS.values()))[0]
    first = datetime.date(year, 1, 1)
    last = min(datetime.date(year, 12, 31), LAST_DAY)
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def publication_time(rng: random.Random, day: datetime.date) -> datetime.datetime:
    """During office hours on the day, Danish time."""
    moment = datetime.datetime.combine(day, datetime.time(8)) + datetime.timedelta(
        minutes=rng.randint(0, 8 * 60)
    )
    return timezone.make_aware(moment)


def translation_key(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def municipality_weights(municipalities: list[Municipality]) -> list[float]:
    return [
        POPULATION.get(place.slug, DEFAULT_POPULATION) ** BIG_CITY_PULL for place in municipalities
    ]


# People and organisations ------------------------------------------------------------------


def municipality_organisations(municipalities: list[Municipality]) -> dict[int, Organisation]:
    """'<Name> Kommune' for each municipality: found by name or made once."""
    names = {place.pk: f"{place.name} Kommune" for place in municipalities}
    existing = {org.name: org for org in Organisation.objects.filter(name__in=names.values())}
    Organisation.objects.bulk_create(
        Organisation(name=name, kind=Organisation.Kind.MUNICIPALITY, municipality_id=pk)
        for pk, name in names.items()
        if name not in existing
    )
    by_name = {org.name: org for org in Organisation.objects.filter(name__in=names.values())}
    return {pk: by_name[name] for pk, name in names.items()}


def universities() -> list[Organisation]:
    existing = {org.name for org in Organisation.objects.filter(name__in=UNIVERSITIES)}
    Organisation.objects.bulk_create(
        Organisation(name=name, kind=Organisation.Kind.UNIVERSITY)
        for name in UNIVERSITIES
        if name not in existing
    )
    by_name = {org.name: org for org in Organisation.objects.filter(name__in=UNIVERSITIES)}
    return [by_name[name] for name in UNIVERSITIES]


def people_of(
    organisations: list[Organisation], seed: int, job_titles: list[str]
) -> dict[int, list[Person]]:
    """A few people at each organisation, named from the seed alone (so a run of 10 cases and
    one of 10,000 name the same people); found by name and organisation or made once."""
    rng = random.Random(f"people-{seed}")
    wanted = {
        org.pk: list(dict.fromkeys(text.person_name(rng) for _ in range(PEOPLE_PER_ORGANISATION)))
        for org in organisations
    }
    titles = {org.pk: rng.choice(job_titles) for org in organisations}
    existing = {
        (person.organisation_id, person.name)
        for person in Person.objects.filter(organisation__in=organisations)
    }
    Person.objects.bulk_create(
        Person(name=name, organisation_id=org_pk, job_title=titles[org_pk])
        for org_pk, names in wanted.items()
        for name in names
        if (org_pk, name) not in existing
    )
    found = {
        (person.organisation_id, person.name): person
        for person in Person.objects.filter(organisation__in=organisations)
    }
    return {org_pk: [found[(org_pk, name)] for name in names] for org_pk, names in wanted.items()}


# Pages ---------------------------------------------------------------------------------------


def site_indexes() -> tuple[CaseIndexPage, ResearchIndexPage | None]:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise NoSiteToFill("There is no default site.")
    cases = CaseIndexPage.objects.live().descendant_of(site.root_page).first()
    if cases is None:
        raise NoSiteToFill(
            "The default site has no live case index: run `manage.py load_demo_content` first."
        )
    research = ResearchIndexPage.objects.live().descendant_of(site.root_page).first()
    return cases, research


def unique_slug(title: str, number: int) -> str:
    return f"{ascii_slug(title)[:60].rstrip('-')}-{number}"


@dataclass
class Planned:
    page: Page
    published: datetime.datetime
    key: uuid.UUID


def plan_findings(
    rng: random.Random,
    count: int,
    taxonomy: Taxonomy,
    institutions: list[Organisation],
    researchers: dict[int, list[Person]],
    partners: dict[int, Organisation],
    first_number: int,
) -> list[Planned]:
    planned = []
    weights = municipality_weights(taxonomy.municipalities)
    for number in range(first_number, first_number + count):
        topic = rng.choices(text.TOPICS, weights=[t.weight for t in text.TOPICS])[0]
        institution = rng.choice(institutions)
        places = rng.choices(taxonomy.municipalities, weights=weights, k=rng.randint(1, 3))
        day = content_date(rng)
        title = text.research_title(rng, topic)
        page = ResearchFindingPage(
            title=title,
            slug=unique_slug(title, number),
            date=day,
            summary=f"Forskningen undersøger {topic.name}. {text.sentence(rng)}",
            institution=institution,
            period=f"{day.year - rng.randint(1, 3)}-{day.year}",
            findings=text.findings(rng, "finding", rng.randint(2, 4)),
            recommendations=text.findings(rng, "recommendation", rng.randint(1, 3)),
            goals=[taxonomy.goals[n] for n in topic.goals],
            themes=[taxonomy.themes[topic.theme]],
            work_levels=rng.sample(taxonomy.levels, rng.randint(1, len(taxonomy.levels))),
            researcher_links=[
                FindingResearcher(person=person)
                for person in rng.sample(researchers[institution.pk], rng.randint(1, 2))
            ],
            partner_links=[
                FindingPartner(organisation=partners[place.pk]) for place in dict.fromkeys(places)
            ],
        )
        planned.append(Planned(page, publication_time(rng, day), translation_key(rng)))
    return planned


def plan_cases(
    rng: random.Random,
    count: int,
    taxonomy: Taxonomy,
    contacts: dict[int, list[Person]],
    organisations: dict[int, Organisation],
    findings: list[ResearchFindingPage],
    first_number: int,
) -> list[Planned]:
    planned = []
    weights = municipality_weights(taxonomy.municipalities)
    theme_names = text.THEME_NAMES  # in their fixed order, not the database's
    for number in range(first_number, first_number + count):
        topic = rng.choices(text.TOPICS, weights=[t.weight for t in text.TOPICS])[0]
        place = rng.choices(taxonomy.municipalities, weights=weights)[0]
        own_goals = list(topic.goals[: rng.randint(1, len(topic.goals))])
        goal_numbers = own_goals + weighted_sample(
            rng, GOAL_WEIGHTS, rng.choices([0, 1, 2], weights=[4, 4, 2])[0], exclude=own_goals
        )
        themes = [topic.theme]
        if rng.random() < 0.35:
            themes.append(rng.choice([name for name in theme_names if name != topic.theme]))
        day = content_date(rng)
        title = text.case_title(rng, topic, place.name)
        organisation = organisations[place.pk]
        people = (
            rng.sample(contacts[organisation.pk], rng.randint(1, 2))
            if rng.random() < CONTACT_SHARE
            else []
        )
        research = (
            rng.sample(findings, min(len(findings), rng.randint(1, 2)))
            if findings and rng.random() < RESEARCH_SHARE
            else []
        )
        page = CasePage(
            title=title,
            slug=unique_slug(title, number),
            date=day,
            municipality=place,
            summary=text.case_summary(rng, topic),
            approach=rng.choices(list(APPROACH_WEIGHTS), weights=APPROACH_WEIGHTS.values())[0],
            work_levels=rng.sample(taxonomy.levels, rng.choice([1, 1, 2, 2, 3])),
            goals=[taxonomy.goals[n] for n in goal_numbers],
            themes=[taxonomy.themes[name] for name in themes],
            body=text.case_body(rng, rare=number % RARE_EVERY == 7),
            contact_links=[CaseContact(person=person) for person in people],
            research_links=[CaseResearch(research=finding) for finding in research],
        )
        planned.append(Planned(page, publication_time(rng, day), translation_key(rng)))
    return planned


def add(parent: Page, planned: list[Planned]) -> list[Page]:
    add_published_pages(
        parent,
        [item.page for item in planned],
        [item.published for item in planned],
        [item.key for item in planned],
    )
    return [item.page for item in planned]


def update_wagtail_search(pages: list[Page]) -> None:
    """What Wagtail's post-save signal would have done for each page: its own search index,
    used by the admin's page search."""
    backend = get_search_backend()
    for start in range(0, len(pages), 500):
        backend.add_bulk(type(pages[0]), pages[start : start + 500])


def generate_content(
    cases: int,
    seed: int,
    rebuild_search: bool = True,
    progress: Callable[[str], None] = lambda message: None,
) -> Generated:
    """Add `cases` cases (and one research finding per hundred, when the site has a research
    index) to the default site, the same for the same seed on the same site."""
    rng = random.Random(seed)
    with transaction.atomic():
        case_index, research_index = site_indexes()
        taxonomy = Taxonomy.load()
        organisations = municipality_organisations(taxonomy.municipalities)
        contacts = people_of(list(organisations.values()), seed, text.JOB_TITLES)
        findings: list[ResearchFindingPage] = []
        if research_index is not None and cases:
            institutions = universities()
            researchers = people_of(institutions, seed, text.RESEARCH_TITLES)
            planned = plan_findings(
                rng,
                max(1, cases // CASES_PER_FINDING),
                taxonomy,
                institutions,
                researchers,
                organisations,
                first_number=next_child_position(research_index),
            )
            findings = add(research_index, planned)
        progress(f"{len(findings)} research finding(s) added")
        made: list[CasePage] = []
        batch = 2000
        for start in range(0, cases, batch):
            planned = plan_cases(
                rng,
                min(batch, cases - start),
                taxonomy,
                contacts,
                organisations,
                findings,
                first_number=next_child_position(case_index),
            )
            made += add(case_index, planned)
            progress(f"{len(made)}/{cases} cases added")
        update_wagtail_search(findings)
        update_wagtail_search(made)
        progress("Wagtail's search index updated")
    if rebuild_search:
        call_command("search_index", "--rebuild")
    return Generated(cases=made, findings=findings)
