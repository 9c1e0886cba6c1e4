"""The demo site's pages, built from the source article (shared/seed/000_d253e64b6783625b.txt).

Every statement on these pages comes from the article, lightly copy-edited (spelling, "FN's",
"§ 17, stk. 4-udvalg"); where the article is silent nothing is filled in: the clock times of
28 January and 10 June 2021 are unknown (the events say so with `time_is_known=False`), the
network contact's job title is left blank, no organisation gets a website.

The goals, themes and levels of work attached to cases and research are the editors'
classification of what the article says, not claims made by the article, and are kept modest.

Running it again changes nothing: every page, snippet and image is made once under the
loader's own key (`demo.DemoRecord`, demo/records.py) and found again by it, whatever an editor
renamed, re-slugged or moved; what exists is left as it is (editors own the content once it is
there), what an editor deleted stays deleted, only what was never made is created and published
with a revision. The whole load is one transaction.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, Site

from cases.models import (
    CaseContact,
    CaseIndexPage,
    CasePage,
    CaseResearch,
    FindingPartner,
    FindingResearcher,
    GoalIndexPage,
    MunicipalityIndexPage,
    ResearchFindingPage,
    ResearchIndexPage,
)
from events.models import EventIndexPage, EventPage, EventParticipant
from home.models import (
    FooterLink,
    HomePage,
    NetworkPage,
    NetworkPartner,
    SiteOrganisation,
    SiteSettings,
    StandardPage,
)
from network.models import MembersAreaPage
from taxonomy.models import Approach, Municipality

from .article import (
    APPROACHES_COMPARED,
    ARTICLE_TITLE,
    CORE_OPERATIONS_POINT,
    DIFFERENT_STRATEGIES,
    FOCUS_POINTS,
    FOCUS_POINTS_INTRO,
    JANUARY_SYMPOSIUM_DAY,
    MISSION,
    NETWORK_CONTACT_EMAIL,
    NETWORK_FEE,
    NETWORK_MEETINGS,
    NETWORK_SOURCE_NOTE,
    NETWORK_START,
    ORGANISATION_FOCUS,
    OWNERSHIP_POINT,
    RESEARCH_PROJECT,
    SHARED_POINTS_INTRO,
    SYMPOSIUM_MUNICIPALITIES,
    SYMPOSIUM_SERIES,
    WHOLE_MUNICIPALITY,
    WORK_LEVELS_AS_TOLD,
    local_time,
)
from .markup import (
    bullet_list,
    email_link,
    finding,
    numbered_list,
    page_link,
    paragraphs,
    programme_item,
    rich_text_block,
    section,
)
from .records import ensure, present
from .synonyms import ensure_synonym_sets
from .taxonomy import Taxonomy, ensure_taxonomy, goals, municipality_organisation_name, work_levels
from .upgrades import retire_drawn_lead_images


def shared_points_of_attention() -> str:
    """What Guldborgsund and Gladsaxe have in common, told once, in the January recap; the
    cases link there."""
    return paragraphs(SHARED_POINTS_INTRO) + bullet_list(
        [OWNERSHIP_POINT, f"{CORE_OPERATIONS_POINT}. {WHOLE_MUNICIPALITY}"]
    )


JANUARY_TITLE = "Værdiskabende organisering for kommunal handling på verdensmålene"

# Pages --------------------------------------------------------------------------------------

# The cases and the research are dated by the symposium of 28 January 2021, where they were told.
# The network page and the about page describe standing things (the network, who runs the
# site), not something that happened on a day, and the article dates neither: the network runs
# "fra marts måned" (2021, no day given) and the article itself carries no date. They have no date
# rather than an invented day or the day the demo was loaded.
UNDATED = None


def ensure_child_page(parent: Page | None, page: Page) -> Page | None:
    """The demo page `page` stands for (its key is the demo's slug): found wherever an editor
    moved it, under whatever slug; None if an editor deleted it or its parent. If the loader
    never made it, `page` is added under `parent` and published (or a page already there with
    that slug, from before the loader kept records, is adopted)."""

    def find() -> Page | None:
        existing = parent.get_children().filter(slug=page.slug).first() if parent else None
        return existing.specific if existing else None

    def create() -> Page | None:
        if parent is None:
            return None
        page.live = False
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    return ensure(f"page:{page.slug}", find, create)


def ensure_home_page() -> HomePage | None:
    """The home page becomes the default site's root, replacing Wagtail's welcome page; a root
    an editor chose since is left."""
    root = Page.get_first_root_node()
    home = ensure_child_page(
        root, HomePage(title="Verdensmål i kommunerne", slug="forside", intro=MISSION)
    )
    if home is None:
        return None
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page.specific_class is Page:
        site.root_page = home
        site.save()
    remove_welcome_page(root)
    return home


def remove_welcome_page(root: Page) -> None:
    """Wagtail's 'Welcome' page is a plain Page under the root; our own pages never are."""
    plain_page = ContentType.objects.get_for_model(Page)
    for page in root.get_children().filter(content_type=plain_page):
        if not Site.objects.filter(root_page=page).exists():
            page.delete()


@dataclass
class IndexPages:
    cases: CaseIndexPage
    research: ResearchIndexPage
    events: EventIndexPage
    goals: GoalIndexPage
    municipalities: MunicipalityIndexPage


def ensure_index_pages(home: HomePage) -> IndexPages:
    return IndexPages(
        cases=ensure_child_page(
            home,
            CaseIndexPage(
                title="Cases",
                slug="cases",
                intro=paragraphs(
                    "Sådan har kommunerne valgt at organisere arbejdet med FN's verdensmål. "
                    + DIFFERENT_STRATEGIES
                ),
            ),
        ),
        research=ensure_child_page(
            home,
            ResearchIndexPage(
                title="Forskning",
                slug="forskning",
                intro=paragraphs("Forskning i kommunernes arbejde med FN's verdensmål."),
            ),
        ),
        events=ensure_child_page(
            home,
            EventIndexPage(
                title="Arrangementer",
                slug="arrangementer",
                intro=paragraphs(SYMPOSIUM_SERIES),
            ),
        ),
        goals=ensure_child_page(
            home,
            GoalIndexPage(
                title="Verdensmålene",
                slug="verdensmaal",
                intro=paragraphs(
                    "De 17 verdensmål og de cases og den forskning, der arbejder med hvert af dem."
                ),
            ),
        ),
        municipalities=ensure_child_page(
            home,
            MunicipalityIndexPage(
                title="Kommunerne",
                slug="kommuner",
                intro=paragraphs("Danmarks 98 kommuner og deres cases."),
            ),
        ),
    )


def series_note(position: str, *more: str) -> list[dict]:
    """The event's place in the series of three (and any further paragraphs), as an event body."""
    return [
        rich_text_block(
            paragraphs(
                f"{position} af de tre gratis online symposier, som Cphfacilitation i 2021 "
                "inviterede til i partnerskab med foreningen CSR-forum til støtte af kommunernes "
                "arbejde med FN's verdensmål for bæredygtig udvikling.",
                *more,
            ),
        )
    ]


def january_programme(taxonomy: Taxonomy) -> list[dict]:
    people = taxonomy.people
    return [
        programme_item(
            "Guldborgsund Kommunes organisering af arbejdet med FN's verdensmål",
            people["Lone Gjerulff Bak"],
            "Guldborgsund Kommune fortalte om kommunens organisering af arbejdet med FN's "
            "verdensmål for bæredygtig udvikling.",
        ),
        programme_item(
            "Gladsaxe Kommunes organisering af arbejdet med FN's verdensmål",
            people["Line Vind"],
            "Gladsaxe Kommune fortalte om kommunens organisering af arbejdet med FN's "
            "verdensmål for bæredygtig udvikling.",
        ),
        programme_item(
            "Foreløbige resultater fra forskningsprojektet om samskabelse",
            people["Jannik Egelund"],
            "Roskilde Universitets forskningsprojekt om samskabelse omkring verdensmålene i "
            "kommunerne.",
        ),
    ]


def january_participants(taxonomy: Taxonomy) -> list[EventParticipant]:
    municipalities = [municipality_organisation_name(n) for n in SYMPOSIUM_MUNICIPALITIES]
    organisations = taxonomy.orgs(
        *municipalities, "Miljøpunkt Amager", "Roskilde Universitet", "SDG-leadership"
    )
    return [EventParticipant(organisation=organisation) for organisation in organisations]


def january_recap(research: ResearchFindingPage) -> list[dict]:
    return [
        section(
            "section",
            paragraphs(
                "10 kommuner samt Miljøpunkt Amager, Roskilde Universitet og SDG-leadership's "
                "sekretariat deltog i mødet."
            ),
            "Deltagere",
        ),
        section(
            "section",
            paragraphs(
                "I mødet fortalte to af deltagerne, Guldborgsund Kommune ved chefkonsulent Lone "
                "Gjerulff Bak og Gladsaxe Kommune ved chefkonsulent Line Vind, om de to "
                "kommuners organisering af arbejdet med FN's verdensmål for bæredygtig udvikling.",
                f"{DIFFERENT_STRATEGIES} {APPROACHES_COMPARED}",
            )
            + shared_points_of_attention(),
            "To kommuners organisering og fælles opmærksomheder",
        ),
        section(
            "section",
            paragraphs(
                RESEARCH_PROJECT,
                "Ph.d.-studerende Jannik Egelund fra Roskilde Universitet fortalte på mødet om de "
                "foreløbige resultater fra forskningsprojektets 2 år. "
                + page_link(research, "Læs resultaterne fra følgeforskningen"),
            ),
            "Resultater fra følgeforskningen",
        ),
    ]


@dataclass
class Events:
    january: EventPage
    may: EventPage
    june: EventPage


def ensure_events(index: IndexPages, taxonomy: Taxonomy, research: ResearchFindingPage) -> Events:
    january = EventPage(
        title=JANUARY_TITLE,
        slug="vaerdiskabende-organisering-for-kommunal-handling",
        summary=f"Online symposie, der satte fokus på, {ORGANISATION_FOCUS}.",
        start=local_time(2021, 1, 28),
        time_is_known=False,
        is_online=True,
        price=Decimal("0"),
        body=series_note("Det første"),
        programme=january_programme(taxonomy),
        participant_links=january_participants(taxonomy),
        recap=january_recap(research),
    )
    may = EventPage(
        title="Verdensmålene i den kommunale virksomhed",
        slug="verdensmaalene-i-den-kommunale-virksomhed",
        summary=(
            "Online symposie om, hvordan verdensmålene implementeres eller realiseres i den "
            "kommunale virksomhed."
        ),
        start=local_time(2021, 5, 4, 13, 30),
        end=local_time(2021, 5, 4, 15, 30),
        is_online=True,
        price=Decimal("0"),
        registration_email="csrforum@csrforum.dk",
        body=series_note(
            "Det andet", f"Tilmelding kunne ske til {email_link('csrforum@csrforum.dk')}."
        ),
    )
    june = EventPage(
        title="Rapportering af værdiskabelsen af kommunernes arbejde med verdensmålene",
        slug="rapportering-af-vaerdiskabelsen",
        summary=(
            "Det sidste møde i møderækken, med fokus på rapportering af værdiskabelsen af "
            "kommunernes arbejde med verdensmålene."
        ),
        start=local_time(2021, 6, 10),
        time_is_known=False,
        is_online=True,
        price=Decimal("0"),
        body=series_note("Det tredje og sidste"),
    )
    return Events(*(ensure_child_page(index.events, event) for event in (january, may, june)))


def ensure_research_finding(index: IndexPages, taxonomy: Taxonomy) -> ResearchFindingPage:
    return ensure_child_page(
        index.research,
        ResearchFindingPage(
            title="Samskabelse omkring verdensmålene i kommunerne",
            slug="samskabelse-omkring-verdensmaalene-i-kommunerne",
            date=JANUARY_SYMPOSIUM_DAY,  # the preliminary results were presented that day
            summary=(
                "Foreløbige resultater fra Roskilde Universitets følgeforskning om samskabelse "
                "omkring verdensmålene i kommunerne, med Guldborgsund, Gladsaxe og Vejle "
                "kommuner og Kommunernes Landsforening som deltagere."
            ),
            institution=taxonomy.organisations["Roskilde Universitet"],
            researcher_links=[
                FindingResearcher(person=person)
                for person in present(taxonomy.people["Jannik Egelund"])
            ],
            partner_links=[
                FindingPartner(organisation=organisation)
                for organisation in taxonomy.orgs(
                    "Guldborgsund Kommune",
                    "Gladsaxe Kommune",
                    "Vejle Kommune",
                    "Kommunernes Landsforening",
                )
            ],
            period="2 år (foreløbige resultater fremlagt 28. januar 2021)",
            findings=[
                finding(
                    "finding",
                    "Arbejdet med verdensmålene sker på forskellige niveauer",
                    paragraphs(
                        "Arbejdet med verdensmålene i kommunerne sker på forskellige niveauer:"
                    )
                    + numbered_list(WORK_LEVELS_AS_TOLD),
                ),
                finding(
                    "finding",
                    "Fem fokuspunkter for kommunernes organisering",
                    paragraphs(FOCUS_POINTS_INTRO) + bullet_list(FOCUS_POINTS),
                ),
            ],
            work_levels=work_levels(1, 2, 3),
            goals=goals(11, 17),
            themes=taxonomy.theme_list("Samskabelse", "Organisering", "Partnerskaber"),
        ),
    )


def case_body(spec: "CaseSpec", presented_at: EventPage | None) -> list[dict]:
    """The case template, told for this municipality only: its challenge, its approach and who
    told it where; what it shares with the other municipality is told once, in the symposium's
    recap, and linked to. The article reports no results or lessons per municipality, so there
    are none."""
    told_by = (
        f"Chefkonsulent {spec.speaker} fortalte om {spec.municipality} Kommunes organisering på "
        "online symposiet " + page_link(presented_at, JANUARY_TITLE) + " den 28. januar 2021."
    )
    shared = (
        f"{spec.municipality} og {spec.other_municipality} har valgt forskellige strategier, "
        "men en række udfordringer er de samme. "
        + page_link(presented_at, "Læs de fælles opmærksomheder i referatet fra symposiet")
    )
    return [
        section("challenge", paragraphs(spec.challenge)),
        section("approach", paragraphs(*spec.approach_paragraphs, told_by)),
        section("enablers_and_obstacles", paragraphs(shared), "Fælles opmærksomheder"),
    ]


@dataclass(frozen=True)
class CaseSpec:
    municipality: str
    other_municipality: str
    speaker: str
    title: str
    slug: str
    summary: str
    approach: str
    challenge: str
    approach_paragraphs: tuple[str, ...]
    goal_numbers: tuple[int, ...]
    level_numbers: tuple[int, ...]
    theme_names: tuple[str, ...]


CASES = [
    CaseSpec(
        municipality="Guldborgsund",
        other_municipality="Gladsaxe",
        speaker="Lone Gjerulff Bak",
        title="Guldborgsund: bottom-up organisering af arbejdet med verdensmålene",
        slug="guldborgsund-bottom-up-organisering",
        summary=(
            "Guldborgsund Kommune repræsenterer primært en bottom-up organisering. Strategien "
            "startede i et § 17, stk. 4-udvalg, og nu arbejder kommunen med at skabe ejerskab "
            "blandt alle chefer."
        ),
        approach=Approach.BOTTOM_UP,
        challenge=(
            # The article's words about this municipality; the point of attention they stand
            # under ("ejerskab og bred forankring") is told once, in the January recap.
            "Guldborgsund Kommunes strategi for verdensmålene er startet i et § 17, stk. 4-udvalg "
            "og efterfølgende forankret i Teknik- og Miljøudvalget."
        ),
        approach_paragraphs=(
            "Guldborgsund Kommune repræsenterer primært en bottom-up organisering af arbejdet "
            "med FN's verdensmål.",
            "Guldborgsund arbejder nu med at skabe ejerskab blandt alle chefer til at arbejde med "
            "verdensmålene. Kommunen arbejder strategisk på at række ud til borgere og "
            "virksomheder.",
        ),
        goal_numbers=(11,),
        level_numbers=(1, 3),
        theme_names=("Organisering", "Ejerskab og forankring", "Verdensmål i kernedriften"),
    ),
    CaseSpec(
        municipality="Gladsaxe",
        other_municipality="Guldborgsund",
        speaker="Line Vind",
        title="Gladsaxe: top-down organisering med licens til at handle",
        slug="gladsaxe-top-down-organisering",
        summary=(
            "Gladsaxe Kommune repræsenterer en top-down organisering: strategien er forankret i "
            "byrådet, og kommunen understregede behovet for at give medarbejdere, afdelinger og "
            "institutioner licens til at handle på verdensmålene."
        ),
        approach=Approach.TOP_DOWN,
        challenge=(
            "Gladsaxe Kommunes strategi for verdensmålene er forankret i byrådet; den skal også "
            "leve uden for byråd og direktion."
        ),
        approach_paragraphs=(
            "Gladsaxe Kommune repræsenterer en top-down organisering af arbejdet med FN's "
            "verdensmål.",
            "Gladsaxe understregede behovet for, at der gives licens til medarbejdere, afdelinger "
            "og institutioner til at handle på FN's verdensmål. Kommunen arbejder strategisk med "
            "at facilitere partnerskaber med virksomheder og borgergrupper. Kun på den måde "
            "kommer strategien til at leve uden for byråd og direktion.",
        ),
        goal_numbers=(11, 17),
        level_numbers=(1, 3),
        theme_names=(
            "Organisering",
            "Ejerskab og forankring",
            "Verdensmål i kernedriften",
            "Partnerskaber",
        ),
    ),
]


def ensure_case(
    spec: CaseSpec,
    index: IndexPages,
    taxonomy: Taxonomy,
    presented_at: EventPage,
    research: ResearchFindingPage,
) -> CasePage:
    return ensure_child_page(
        index.cases,
        CasePage(
            title=spec.title,
            slug=spec.slug,
            date=JANUARY_SYMPOSIUM_DAY,  # told at the symposium
            municipality=Municipality.objects.get(name=spec.municipality),
            summary=spec.summary,
            approach=spec.approach,
            work_levels=work_levels(*spec.level_numbers),
            goals=goals(*spec.goal_numbers),
            themes=taxonomy.theme_list(*spec.theme_names),
            body=case_body(spec, presented_at),
            contact_links=[
                CaseContact(person=person) for person in present(taxonomy.people[spec.speaker])
            ],
            presented_at=presented_at,
            research_links=[CaseResearch(research=page) for page in present(research)],
        ),
    )


def ensure_network_page(home: HomePage, taxonomy: Taxonomy) -> NetworkPage:
    return ensure_child_page(
        home,
        NetworkPage(
            title="Netværket",
            slug="netvaerket",
            date=UNDATED,
            summary=(
                "Et netværk for kommuner, som Cphfacilitation faciliterer sammen med CSR-forum, "
                "med videnspartnere fra Deloitte, CBS og Roskilde Universitet m.fl."
            ),
            yearly_fee=Decimal("10000"),
            seats_per_municipality=5,
            partner_links=[
                NetworkPartner(organisation=organisation)
                for organisation in taxonomy.orgs(
                    "Deloitte", "Copenhagen Business School (CBS)", "Roskilde Universitet"
                )
            ],
            partners_note="m.fl.",
            contact_person=taxonomy.people["Flemming Olsen"],
            body=[
                rich_text_block(
                    paragraphs(
                        NETWORK_START,
                        NETWORK_MEETINGS,
                        NETWORK_FEE,
                        f"Nærmere oplysninger hos {email_link(NETWORK_CONTACT_EMAIL)}.",
                        # Undated, the page must still say when its present tense was true.
                        NETWORK_SOURCE_NOTE,
                    ),
                )
            ],
        ),
    )


def ensure_members_area(home: HomePage) -> MembersAreaPage:
    """The network's confidential room, empty: the article tells that the participants spar
    in a confidential room, not what they share there, so the demo invents no minutes."""
    return ensure_child_page(
        home,
        MembersAreaPage(
            title="Netværkets rum",
            slug="netvaerksrum",
            intro=paragraphs(
                NETWORK_MEETINGS,
                "Her deler deltagerne referater, præsentationer og dokumenter fra møderne. "
                "Siderne kan kun ses af deltagerne fra årets medlemskommuner og videnspartnerne.",
            ),
        ),
    )


def ensure_about_page(home: HomePage, index: IndexPages, network: NetworkPage) -> StandardPage:
    return ensure_child_page(
        home,
        StandardPage(
            title="Om SDG-leadership",
            slug="om-sdg-leadership",
            date=UNDATED,
            intro=MISSION,
            body=[
                section(
                    "section",
                    paragraphs(
                        SYMPOSIUM_SERIES
                        + " Rækken bestod af tre symposier, og det første blev afholdt i januar "
                        "2021. " + page_link(index.events, "Se symposierne")
                    ),
                    "Online symposier",
                ),
                section(
                    "section",
                    paragraphs(
                        "I tilknytning til symposierne faciliterer Cphfacilitation fra marts 2021 "
                        "sammen med CSR-forum et netværk for kommuner. "
                        + page_link(network, "Læs om netværket")
                    ),
                    "Netværk for kommuner",
                ),
                section(
                    "section",
                    paragraphs(
                        f"Indholdet bygger på artiklen »{ARTICLE_TITLE}«. Verdensmål, temaer og "
                        "arbejdsniveauer på cases og forskning er redaktionens klassifikation af "
                        "indholdet, ikke artiklens."
                    ),
                    "Om indholdet",
                ),
            ],
        ),
    )


def ensure_site_settings(home: HomePage | None, taxonomy: Taxonomy, links: list[tuple[str, Page]]):
    """The footer: who runs the site, the network's contact and links to the main pages.

    Filled in once (or adopted if it has a tagline); an editor's changes are kept."""
    site = Site.objects.filter(root_page=home).first() if home else None
    if site is None:
        return None
    settings = SiteSettings.for_site(site)

    def fill() -> SiteSettings:
        settings.tagline = "SDG-leadership: Cphfacilitation i samarbejde med CSR-forum"
        settings.contact_person = taxonomy.people["Flemming Olsen"]
        settings.organisation_links = [
            SiteOrganisation(organisation=organisation)
            for organisation in taxonomy.orgs("Cphfacilitation", "CSR-forum")
        ]
        settings.footer_links = [
            FooterLink(label=label, page=page) for label, page in links if page is not None
        ]
        settings.save()
        return settings

    return ensure("site-settings", find=lambda: settings if settings.tagline else None, create=fill)


# The whole site -----------------------------------------------------------------------------


@dataclass
class DemoSite:
    home: HomePage
    index: IndexPages
    events: Events
    research: ResearchFindingPage
    cases: list[CasePage]
    network: NetworkPage
    about: StandardPage


@transaction.atomic
def load_demo_content() -> DemoSite:
    taxonomy = ensure_taxonomy()
    home = ensure_home_page()
    index = ensure_index_pages(home)
    research = ensure_research_finding(index, taxonomy)
    events = ensure_events(index, taxonomy, research)
    cases = [ensure_case(spec, index, taxonomy, events.january, research) for spec in CASES]
    retire_drawn_lead_images()
    network = ensure_network_page(home, taxonomy)
    ensure_members_area(home)
    about = ensure_about_page(home, index, network)
    ensure_synonym_sets()
    ensure_site_settings(
        home,
        taxonomy,
        [
            ("Om SDG-leadership", about),
            ("Verdensmålene", index.goals),
            ("Kommunerne", index.municipalities),
        ],
    )
    return DemoSite(home, index, events, research, cases, network, about)
