"""Every page type: where it may live, that it routes and renders, and what a reader sees."""

import datetime
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils import WagtailPageTestCase

from cases.models import (
    CaseIndexPage,
    CasePage,
    GoalIndexPage,
    MunicipalityIndexPage,
    ResearchFindingPage,
    ResearchIndexPage,
)
from core.images import IMAGE_ROLES
from core.templatetags.danish_format import danish_date, kroner
from events.models import EventIndexPage, EventPage
from home.models import (
    FooterLink,
    HomePage,
    NetworkPage,
    SiteOrganisation,
    SiteSettings,
    StandardPage,
)
from taxonomy.models import Approach

from .conftest import build_site_tree
from .factories import (
    CasePageFactory,
    EventPageFactory,
    ImageFactory,
    NetworkPageFactory,
    OrganisationFactory,
    PersonFactory,
    ResearchFindingPageFactory,
    StandardPageFactory,
    ThemeFactory,
    finding,
    goal,
    municipality,
    rich_text_section,
)
from .goal_colours import served_goal_colours

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def html_of(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


class PageTreeRules(WagtailPageTestCase):
    def test_home_page_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_index_pages_and_network_page_sit_only_under_the_home_page(self):
        for model in (CaseIndexPage, ResearchIndexPage, EventIndexPage, NetworkPage):
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, {HomePage})

    def test_each_index_page_takes_only_its_own_kind_of_child(self):
        self.assertAllowedSubpageTypes(CaseIndexPage, {CasePage})
        self.assertAllowedSubpageTypes(ResearchIndexPage, {ResearchFindingPage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})

    def test_content_pages_live_only_under_their_index(self):
        self.assertAllowedParentPageTypes(CasePage, {CaseIndexPage})
        self.assertAllowedParentPageTypes(ResearchFindingPage, {ResearchIndexPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertCanNotCreateAt(HomePage, CasePage)
        self.assertCanNotCreateAt(EventIndexPage, CasePage)
        self.assertCanNotCreateAt(CaseIndexPage, EventPage)

    def test_index_pages_stand_only_under_the_home_page(self):
        for model in (
            CaseIndexPage,
            ResearchIndexPage,
            EventIndexPage,
            GoalIndexPage,
            MunicipalityIndexPage,
        ):
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, {HomePage})

    def test_cases_findings_events_and_network_page_have_no_children(self):
        for model in (CasePage, ResearchFindingPage, EventPage, NetworkPage):
            with self.subTest(model=model.__name__):
                self.assertAllowedSubpageTypes(model, set())

    def test_standard_pages_can_be_created_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)


class EveryPageTypeWorks(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        tree = build_site_tree()
        person = PersonFactory()
        event = EventPageFactory(parent=tree.events, programme=[programme_item(person)])
        research = ResearchFindingPageFactory(parent=tree.research, researchers=[person])
        case = CasePageFactory(
            parent=tree.cases, goals=[13], contacts=[person], related_research=[research]
        )
        cls.pages = [
            tree.home,
            tree.cases,
            tree.research,
            tree.events,
            case,
            research,
            event,
            NetworkPageFactory(parent=tree.home, contact_person=person),
            StandardPageFactory(parent=tree.home),
        ]
        cls.event = event

    def test_every_page_type_is_routable(self):
        for page in self.pages:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRoutable(page)

    def test_every_page_type_renders(self):
        for page in self.pages:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)

    def test_event_calendar_route_is_routable_and_renders(self):
        self.assertPageIsRoutable(self.event, "kalender/")
        self.assertPageIsRenderable(self.event, "kalender/")


def programme_item(person, time="13:30", title="Velkomst") -> dict:
    return {
        "type": "item",
        "value": {"time": time, "title": title, "speaker": person.pk, "description": ""},
    }


# The shell: header, navigation, search, footer, breadcrumbs --------------------------------


@pytest.mark.django_db
def test_every_page_is_danish_with_a_skip_link_and_a_main_landmark(client, site_tree):
    html = html_of(client, "/")
    assert '<html lang="da">' in html
    assert '<a class="skip-link" href="#main">Gå til indholdet</a>' in html
    assert '<main id="main"' in html


@pytest.mark.django_db
def test_footer_shows_what_the_editors_set_in_the_site_settings(client, site_tree):
    about = StandardPageFactory(parent=site_tree.home, title="Om os", slug="om-os")
    draft = StandardPageFactory(parent=site_tree.home, title="Kladde", slug="kladde", live=False)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tagline = "SDG-leadership: Cphfacilitation i samarbejde med CSR-forum"
    settings.contact_person = PersonFactory(name="Flemming Olsen", email="fo@example.org")
    settings.organisation_links = [
        SiteOrganisation(
            organisation=OrganisationFactory(name="CSR-forum", website="https://csr-forum.example/")
        )
    ]
    settings.footer_links = [
        FooterLink(label="Om portalen", page=about),
        FooterLink(label="Ikke udgivet", page=draft),
        FooterLink(label="Verdensmålene", url="/verdensmaal/"),
    ]
    settings.save()

    footer = re.search(r"<footer.*?</footer>", html_of(client, "/"), re.S).group()

    assert "SDG-leadership: Cphfacilitation i samarbejde med CSR-forum" in footer
    assert '<a href="https://csr-forum.example/">CSR-forum</a>' in footer
    assert '<a href="mailto:fo@example.org">fo@example.org</a>' in footer
    assert '<a href="/om-os/">Om portalen</a>' in footer
    assert '<a href="/verdensmaal/">Verdensmålene</a>' in footer
    assert "Ikke udgivet" not in footer


@pytest.mark.django_db
def test_a_footer_link_is_a_page_or_an_address_never_both_nor_neither(site_tree):
    with pytest.raises(ValidationError):
        FooterLink(label="Begge", page=site_tree.cases, url="/cases/").clean()
    with pytest.raises(ValidationError):
        FooterLink(label="Ingen").clean()
    FooterLink(label="Side", page=site_tree.cases).clean()


@pytest.mark.django_db
def test_header_links_to_each_section_and_the_goals(client, site_tree):
    NetworkPageFactory(parent=site_tree.home)
    nav = re.search(r'<nav class="main-nav".*?</nav>', html_of(client, "/"), re.S).group()
    for label, url in [
        ("Cases", "/cases/"),
        ("Forskning", "/forskning/"),
        ("Arrangementer", "/arrangementer/"),
        ("Netværket", "/netvaerket/"),
        ("Verdensmål", "/verdensmaal/"),
    ]:
        assert f'<a href="{url}"' in nav and f">{label}</a>" in nav


@pytest.mark.django_db
def test_header_search_form_sends_the_query_to_the_search_page(client, site_tree):
    html = html_of(client, "/")
    assert re.search(
        r'<form class="search-form" role="search" aria-label="[^"]+" method="get" action="/soeg/">',
        html,
    )
    assert 'type="search" name="q"' in html


@pytest.mark.django_db
def test_breadcrumbs_lead_from_the_home_page_to_the_current_case(client, site_tree):
    case = CasePageFactory(parent=site_tree.cases, title="Verdensmål i Gladsaxe")
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html_of(client, case.url), re.S)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs.group()) == [
        ("/", "Forside"),
        ("/cases/", "Cases"),
    ]
    assert '<span aria-current="page">Verdensmål i Gladsaxe</span>' in crumbs.group()


@pytest.mark.django_db
def test_the_home_page_has_no_breadcrumbs(client, site_tree):
    assert 'class="breadcrumbs' not in html_of(client, "/")


# Home page -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_shows_the_next_event_not_a_past_one(client, site_tree):
    now = timezone.now()
    EventPageFactory(
        parent=site_tree.events, title="Det forrige", start=now - datetime.timedelta(1)
    )
    EventPageFactory(parent=site_tree.events, title="Det næste", start=now + datetime.timedelta(3))
    EventPageFactory(parent=site_tree.events, title="Det sidste", start=now + datetime.timedelta(9))
    section = re.search(r'<section class="next-event".*?</section>', html_of(client, "/"), re.S)
    assert "Det næste" in section.group()
    assert "Det forrige" not in section.group() and "Det sidste" not in section.group()


def next_event_section(client) -> str:
    html = html_of(client, "/")
    return re.search(r'<section class="next-event".*?</section>', html, re.S).group()


@pytest.mark.django_db
def test_home_page_tells_the_latest_recap_when_no_event_is_coming(client, site_tree):
    EventPageFactory(
        parent=site_tree.events,
        title="Det med referat",
        start=copenhagen(2021, 1, 28, 13),
        recap=[rich_text_section("section", "Det skete.")],
    )
    EventPageFactory(
        parent=site_tree.events, title="Det nyere uden referat", start=copenhagen(2021, 6, 10, 13)
    )
    section = next_event_section(client)
    assert "Senest afholdt" in section and "Det med referat" in section
    assert "Læs referatet" in section
    assert "Det nyere uden referat" not in section
    assert "ingen kommende arrangementer" not in section


@pytest.mark.django_db
def test_home_page_says_no_event_is_coming_only_when_there_is_no_recap_either(client, site_tree):
    EventPageFactory(parent=site_tree.events, start=copenhagen(2021, 6, 10, 13))
    section = next_event_section(client)
    assert "Der er ingen kommende arrangementer lige nu." in section
    assert f'href="{site_tree.events.url}"' in section


@pytest.mark.django_db
def test_home_page_links_to_all_cases(client, site_tree):
    CasePageFactory(parent=site_tree.cases)
    assert f'<a href="{site_tree.cases.url}">Se alle cases</a>' in html_of(client, "/")


@pytest.mark.django_db
def test_home_page_shows_the_three_latest_cases(client, site_tree):
    for number in range(4):
        CasePageFactory(parent=site_tree.cases, title=f"Case nummer {number}")
    html = html_of(client, "/")
    assert [f"Case nummer {n}" in html for n in range(4)] == [False, True, True, True]


@pytest.mark.django_db
def test_home_page_shows_the_17_goals_as_coloured_tiles_linking_to_their_pages(client, site_tree):
    tiles = re.findall(
        r'<a class="goal-tile (goal-\d+)" href="/verdensmaal/(\d+)/">', html_of(client, "/")
    )
    assert [int(number) for _, number in tiles] == list(range(1, 18))
    colours = served_goal_colours()
    assert [colours[css_class] for css_class, _ in tiles][12] == ("#3F7E44", "#ffffff")
    assert [colours[css_class] for css_class, _ in tiles][6] == ("#FCC30B", "#000000")


# Case page -----------------------------------------------------------------------------


@pytest.fixture
def full_case(site_tree):
    person = PersonFactory(
        name="Line Vind",
        job_title="Chefkonsulent",
        organisation=OrganisationFactory(name="Gladsaxe Kommune"),
        email="line@example.dk",
    )
    event = EventPageFactory(parent=site_tree.events, title="Symposium om organisering")
    research = ResearchFindingPageFactory(parent=site_tree.research, title="Samskabelse")
    return CasePageFactory(
        parent=site_tree.cases,
        title="Gladsaxe: verdensmål i strategien",
        municipality=municipality("gladsaxe"),
        approach=Approach.TOP_DOWN,
        work_levels=[1, 3],
        goals=[17, 11],
        themes=[ThemeFactory(name="Organisering")],
        contacts=[person],
        presented_at=event,
        related_research=[research],
        lead_image=ImageFactory(),
        lead_image_alt="Rådhuset i Gladsaxe",
        body=[
            rich_text_section("challenge", "Ejerskab i hele organisationen."),
            rich_text_section("results", "Målene står i budgettet.", "Det kom der ud af"),
            {"type": "quote", "value": {"quote": "Start småt.", "attribution": "Line Vind"}},
        ],
    )


@pytest.mark.django_db
def test_case_page_shows_municipality_approach_and_work_levels(client, full_case):
    html = html_of(client, full_case.url)
    assert '<a href="/kommuner/gladsaxe/">Gladsaxe</a>' in html
    assert "<dd>Top-down</dd>" in html
    assert "<li>Kommunen som virksomhed</li>" in html
    assert "<li>Hele kommunen: borgere og erhvervsliv</li>" in html
    assert "Kommunen som medejer af forsyningsselskaber" not in html


@pytest.mark.django_db
def test_case_page_shows_its_goals_as_coloured_badges_in_goal_order(client, full_case):
    badges = re.findall(
        r'class="goal-badge goal-badge--full (goal-\d+)" href="(/verdensmaal/\d+/)"',
        html_of(client, full_case.url),
    )
    colours = served_goal_colours()
    assert [(colours[css_class][0], url) for css_class, url in badges] == [
        ("#FD9D24", "/verdensmaal/11/"),
        ("#19486A", "/verdensmaal/17/"),
    ]


@pytest.mark.django_db
def test_case_page_themes_link_to_the_filtered_case_listing(client, full_case):
    assert '<a href="/cases/?theme=organisering">Organisering</a>' in html_of(client, full_case.url)


@pytest.mark.django_db
def test_case_page_shows_the_lead_image_with_its_alt_text(client, full_case):
    image = re.search(r'<figure class="lead-image"><img [^>]*>', html_of(client, full_case.url))
    assert 'alt="Rådhuset i Gladsaxe"' in image.group()
    # a 64 px picture: the one rendition of the lead role, not enlarged
    rendition = full_case.lead_image.get_rendition(IMAGE_ROLES["lead"].spec(480))
    assert f'src="{rendition.url}"' in image.group()


@pytest.mark.django_db
def test_case_sections_are_headed_by_their_label_unless_the_editor_gave_a_heading(
    client, full_case
):
    html = html_of(client, full_case.url)
    assert "<h2>Udfordring</h2>" in html
    assert "<h2>Det kom der ud af</h2>" in html and "<h2>Resultater</h2>" not in html
    assert "<blockquote><p>Start småt.</p></blockquote>" in html
    assert "<figcaption>Line Vind</figcaption>" in html


@pytest.mark.django_db
def test_case_page_shows_contacts_with_byline_and_email(client, full_case):
    html = html_of(client, full_case.url)
    assert "Line Vind</span>, Chefkonsulent, Gladsaxe Kommune" in html
    assert '<a href="mailto:line@example.dk">line@example.dk</a>' in html


@pytest.mark.django_db
def test_case_page_links_to_the_event_and_the_related_research(client, full_case):
    html = html_of(client, full_case.url)
    assert f'<a href="{full_case.presented_at.url}">Symposium om organisering</a>' in html
    [research] = full_case.related_research
    assert f'<a href="{research.url}">Samskabelse</a>' in html


@pytest.mark.django_db
def test_case_page_does_not_link_to_unpublished_research(client, full_case):
    full_case.research_links.get().research.unpublish()
    assert "Relateret forskning" not in html_of(client, full_case.url)


@pytest.mark.django_db
def test_private_case_is_not_shown_to_the_public(client, full_case):
    PageViewRestriction.objects.create(page=full_case, restriction_type="password", password="x")
    html = client.get(full_case.url).content.decode()
    assert "Rådhuset i Gladsaxe" not in html


def related_titles(html: str) -> list[str]:
    if 'id="related-cases-heading"' not in html:
        return []
    section = html.split('id="related-cases-heading"')[1].split("</section>")[0]
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', section)


@pytest.fixture
def neighbours(site_tree):
    """A Gladsaxe case (top-down, goals 11 and 13, Region Hovedstaden) and others sharing more
    or less with it, made oldest first."""

    def make(title, goals, approach, place, **kwargs):
        return CasePageFactory(
            parent=site_tree.cases,
            title=title,
            goals=goals,
            approach=approach,
            municipality=municipality(place),
            **kwargs,
        )

    cases = {
        "gladsaxe": make("Gladsaxe", [11, 13], Approach.TOP_DOWN, "gladsaxe"),
        "all_three": make("Gentofte", [11, 13], Approach.TOP_DOWN, "gentofte"),
        "one_goal": make("Aalborg", [11], Approach.BOTTOM_UP, "aalborg"),
        "approach": make("Odense", [4], Approach.TOP_DOWN, "odense"),
        "two_goals": make("Vejle", [11, 13], Approach.HYBRID, "vejle"),
        "nothing": make("Thisted", [4], Approach.BOTTOM_UP, "thisted"),
        "draft": make("Kladde", [11, 13], Approach.TOP_DOWN, "gentofte", live=False),
        "private": make("Lukket", [11, 13], Approach.TOP_DOWN, "gentofte"),
    }
    PageViewRestriction.objects.create(
        page=cases["private"], restriction_type="password", password="x"
    )
    return cases


@pytest.mark.django_db
def test_case_page_shows_three_related_cases_those_sharing_most_first(client, neighbours):
    html = html_of(client, neighbours["gladsaxe"].url)
    assert '<h2 id="related-cases-heading">Relaterede cases</h2>' in html
    # goals, approach and region; two goals; the approach (newer than the one-goal case)
    assert related_titles(html) == ["Gentofte", "Vejle", "Odense"]


@pytest.mark.django_db
def test_related_cases_leave_out_drafts_private_cases_and_the_case_itself(client, neighbours):
    neighbours["all_three"].unpublish()
    neighbours["two_goals"].unpublish()
    titles = related_titles(html_of(client, neighbours["gladsaxe"].url))
    assert titles == ["Odense", "Aalborg"]


@pytest.mark.django_db
def test_a_case_sharing_nothing_with_others_shows_no_related_cases(client, site_tree):
    lone = CasePageFactory(
        parent=site_tree.cases,
        goals=[1],
        approach=Approach.HYBRID,
        municipality=municipality("thisted"),
    )
    other = CasePageFactory(
        parent=site_tree.cases,
        goals=[4],
        approach=Approach.TOP_DOWN,
        municipality=municipality("gladsaxe"),
    )
    assert "Relaterede cases" not in html_of(client, lone.url)
    other.goals.add(goal(1))
    other.save()
    assert related_titles(html_of(client, lone.url)) == [other.title]


# Research ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_research_finding_shows_project_findings_recommendations_and_cases(client, site_tree):
    ruc = OrganisationFactory(name="Roskilde Universitet")
    finding_page = ResearchFindingPageFactory(
        parent=site_tree.research,
        institution=ruc,
        researchers=[PersonFactory(name="Jannik Egelund", job_title="Ph.d.-studerende")],
        partners=[OrganisationFactory(name="Vejle Kommune"), OrganisationFactory(name="KL")],
        period="2020-2023",
        findings=[finding("Tre niveauer", "Virksomhed, medejer, hele kommunen.")],
        recommendations=[finding("Skab ejerskab", block_type="recommendation")],
        goals=[17],
        work_levels=[2],
        themes=[ThemeFactory(name="Samskabelse")],
    )
    case = CasePageFactory(
        parent=site_tree.cases, title="Guldborgsund", related_research=[finding_page]
    )
    html = html_of(client, finding_page.url)
    assert "<dd>Roskilde Universitet</dd>" in html
    assert "Jannik Egelund</span>, Ph.d.-studerende" in html
    assert "KL, Vejle Kommune" in html  # the partners in order of name
    assert "<dd>2020-2023</dd>" in html
    assert "<h3>Tre niveauer</h3>" in html and "Virksomhed, medejer, hele kommunen." in html
    assert '<h2 id="recommendations-heading">Anbefalinger</h2>' in html
    assert "<h3>Skab ejerskab</h3>" in html
    assert "<li>Kommunen som medejer af forsyningsselskaber</li>" in html
    assert "<li>Samskabelse</li>" in html
    assert 'href="/verdensmaal/17/"' in html
    assert f'<a href="{case.url}">Guldborgsund</a>' in html


@pytest.mark.django_db
def test_research_index_lists_published_findings_only(client, site_tree):
    ResearchFindingPageFactory(parent=site_tree.research, title="Offentliggjort")
    ResearchFindingPageFactory(parent=site_tree.research, title="Kladde", live=False)
    html = html_of(client, site_tree.research.url)
    assert "Offentliggjort" in html and "Kladde" not in html


# Events --------------------------------------------------------------------------------


def copenhagen(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=COPENHAGEN)


@pytest.mark.django_db
def test_event_index_separates_upcoming_from_past_events(client, site_tree):
    EventPageFactory(
        parent=site_tree.events, title="Januar-symposiet", start=copenhagen(2021, 1, 28, 13)
    )
    EventPageFactory(
        parent=site_tree.events,
        title="Fremtidens symposium",
        start=timezone.now() + datetime.timedelta(days=10),
    )
    html = html_of(client, site_tree.events.url)
    upcoming, past = html.split('id="past-heading"')
    assert "Fremtidens symposium" in upcoming and "Januar-symposiet" not in upcoming
    assert "Januar-symposiet" in past and "Fremtidens symposium" not in past


@pytest.mark.django_db
def test_event_page_gives_date_and_time_in_danish_copenhagen_time(client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events,
        start=copenhagen(2021, 5, 4, 13, 30),
        end=copenhagen(2021, 5, 4, 15, 30),
    )
    html = html_of(client, event.url)
    assert "tirsdag 4. maj 2021</time>, kl. 13.30–15.30" in html


@pytest.mark.django_db
def test_event_date_stays_danish_when_the_browser_prefers_english(client, site_tree):
    event = EventPageFactory(parent=site_tree.events, start=copenhagen(2021, 5, 4, 13, 30))
    html = client.get(event.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "tirsdag 4. maj 2021</time>" in html


@pytest.mark.django_db
def test_event_with_only_a_known_date_shows_no_time(client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events, start=copenhagen(2021, 6, 10, 0, 0), end=None, time_is_known=False
    )
    html = html_of(client, event.url)
    assert "Arrangementet blev afholdt <time" in html
    assert "torsdag 10. juni 2021</time>." in html
    assert "kl. 00.00" not in html


@pytest.mark.django_db
def test_free_online_event_says_gratis_and_online(client, site_tree):
    html = html_of(client, EventPageFactory(parent=site_tree.events, price=0).url)
    assert "<dd>Gratis</dd>" in html and "<dd>Online</dd>" in html


@pytest.mark.django_db
def test_paid_event_in_a_place_shows_price_in_kroner_and_the_address(client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events, price=Decimal("1250"), is_online=False, location="Rådhuspladsen 1"
    )
    html = html_of(client, event.url)
    assert "<dd>1.250 kr.</dd>" in html and "<dd>Rådhuspladsen 1</dd>" in html


@pytest.mark.django_db
def test_event_registration_email_is_a_mailto_link(client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events,
        registration="Tilmelding via e-mail.",
        registration_email="csrforum@csrforum.dk",
    )
    html = html_of(client, event.url)
    assert "Tilmelding via e-mail." in html
    assert '<a href="mailto:csrforum@csrforum.dk">csrforum@csrforum.dk</a>' in html


@pytest.mark.django_db
def test_event_programme_lists_time_title_and_speaker_with_byline(client, site_tree):
    speaker = PersonFactory(
        name="Lone Gjerulff Bak",
        job_title="Chefkonsulent",
        organisation=OrganisationFactory(name="Guldborgsund Kommune"),
    )
    event = EventPageFactory(
        parent=site_tree.events,
        programme=[programme_item(speaker, "14:05", "Bottom-up i Guldborgsund")],
    )
    html = html_of(client, event.url)
    assert '<time datetime="14:05">kl. 14.05</time>' in html
    assert "Bottom-up i Guldborgsund</h3>" in html
    assert "Lone Gjerulff Bak, Chefkonsulent, Guldborgsund Kommune" in html


@pytest.mark.django_db
def test_past_event_shows_its_recap_participants_and_presented_cases(client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events,
        start=copenhagen(2021, 1, 28, 13),
        participants=[OrganisationFactory(name="Miljøpunkt Amager")],
        recap=[rich_text_section("section", "Kommunerne har valgt forskellige strategier.")],
    )
    case = CasePageFactory(parent=site_tree.cases, title="Gladsaxe", presented_at=event)
    html = html_of(client, event.url)
    assert "Arrangementet blev afholdt <time" in html
    assert '<h2 id="recap-heading">Referat</h2>' in html
    assert "<h3>Afsnit</h3>" in html  # recap sections sit one level below "Referat"
    assert "Kommunerne har valgt forskellige strategier." in html
    assert "<li>Miljøpunkt Amager</li>" in html
    assert f'<a href="{case.url}">Gladsaxe</a>' in html


@pytest.mark.django_db
def test_upcoming_event_keeps_its_recap_to_itself(client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events, recap=[rich_text_section("section", "Skrevet for tidligt.")]
    )
    assert "Skrevet for tidligt." not in html_of(client, event.url)


@pytest.mark.django_db
def test_event_registration_address_named_in_the_text_is_linked_there_and_not_repeated(
    client, site_tree
):
    event = EventPageFactory(
        parent=site_tree.events,
        registration="Tilmelding kan ske til csrforum@csrforum.dk.",
        registration_email="csrforum@csrforum.dk",
    )
    html = html_of(client, event.url)
    assert "Tilmelding kan ske til <a" in html
    assert html.count("csrforum@csrforum.dk</a>") == 1


@pytest.mark.django_db
def test_upcoming_event_invites_to_register_and_to_add_it_to_the_calendar(client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events, price=Decimal("500"), registration_email="tilmelding@csr.dk"
    )
    html = html_of(client, event.url)
    assert f'href="{event.url}kalender/" download' in html
    assert "Tilføj til kalender" in html
    assert "<dt>Tilmelding</dt>" in html and "<dd>500 kr.</dd>" in html
    assert "blev afholdt" not in html


@pytest.mark.django_db
def test_past_event_tells_what_happened_without_registration_price_or_calendar(client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events,
        start=copenhagen(2021, 5, 4, 13, 30),
        end=copenhagen(2021, 5, 4, 15, 30),
        price=Decimal("500"),
        registration="Tilmelding kan ske til csrforum@csrforum.dk.",
        registration_email="csrforum@csrforum.dk",
        programme=[programme_item(PersonFactory(), "13:30", "Velkomst")],
    )
    html = html_of(client, event.url)
    assert "Arrangementet blev afholdt <time" in html
    assert html.count("4. maj 2021") == 1, "the day it was held, said once"
    assert '<h2 id="programme-heading">Program</h2>' in html
    assert "Tilføj til kalender" not in html and "kalender/" not in html
    assert "Tilmelding" not in html and "csrforum@csrforum.dk" not in html
    assert "500 kr." not in html


@pytest.mark.django_db
def test_past_event_still_serves_its_calendar_file(client, site_tree):
    event = EventPageFactory(parent=site_tree.events, start=copenhagen(2021, 5, 4, 13, 30))
    response = client.get(f"{event.url}kalender/")
    assert response.status_code == 200
    assert b"BEGIN:VEVENT" in response.content


@pytest.mark.django_db
def test_an_event_that_started_an_hour_ago_without_an_end_is_still_on(client, site_tree):
    event = EventPageFactory(
        parent=site_tree.events, start=timezone.now() - datetime.timedelta(hours=1), end=None
    )
    assert "Tilføj til kalender" in html_of(client, event.url)


@pytest.mark.django_db
def test_event_index_lists_past_events_newest_first(client, site_tree):
    for year in (2020, 2022, 2021):
        EventPageFactory(
            parent=site_tree.events, title=f"Symposiet {year}", start=copenhagen(year, 3, 1, 13)
        )
    past = html_of(client, site_tree.events.url).split('id="past-heading"')[1]
    positions = [past.index(f"Symposiet {year}") for year in (2022, 2021, 2020)]
    assert positions == sorted(positions)
    assert "Afholdt <time" in past


# Network and standard pages ----------------------------------------------------------------


@pytest.mark.django_db
def test_network_page_shows_fee_seats_partners_and_contact(client, site_tree):
    contact = PersonFactory(
        name="Flemming Olsen",
        job_title="",
        organisation=OrganisationFactory(name="Cphfacilitation"),
        email="flemming.olsen@cphfacilitation.dk",
    )
    page = NetworkPageFactory(
        parent=site_tree.home,
        yearly_fee=Decimal("10000"),
        seats_per_municipality=5,
        knowledge_partners=[
            OrganisationFactory(name="Deloitte"),
            OrganisationFactory(name="CBS"),
            OrganisationFactory(name="Roskilde Universitet"),
        ],
        partners_note="m.fl.",
        contact_person=contact,
    )
    html = html_of(client, page.url)
    assert "<dd>10.000 kr. om året</dd>" in html
    assert "Op til 5 personer fra hver kommune" in html
    assert "CBS, Deloitte, Roskilde Universitet m.fl." in html
    assert "Flemming Olsen</span>, Cphfacilitation" in html
    assert 'href="mailto:flemming.olsen@cphfacilitation.dk"' in html


@pytest.mark.django_db
def test_standard_page_shows_intro_and_body(client, site_tree):
    page = StandardPageFactory(
        parent=site_tree.home,
        title="Om portalen",
        intro="Hvem står bag.",
        body=[rich_text_section("section", "SDG-leadership er et netværk.", "Baggrund")],
    )
    html = html_of(client, page.url)
    assert "<h1>Om portalen</h1>" in html and "Hvem står bag." in html
    assert "<h2>Baggrund</h2>" in html and "SDG-leadership er et netværk." in html


# Content dates -----------------------------------------------------------------------------

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en"}
SYMPOSIUM_DAY = datetime.date(2021, 1, 28)
SHOWN_SYMPOSIUM_DAY = '<time datetime="2021-01-28">28. januar 2021</time>'


def english_browser_html(client, url) -> str:
    response = client.get(url, **ENGLISH_BROWSER)
    assert response.status_code == 200, url
    assert "Accept-Language" not in response.get("Vary", "")  # one language for everyone
    return response.content.decode()


@pytest.mark.django_db
def test_case_page_shows_the_day_it_was_told_in_danish_to_an_english_browser(client, site_tree):
    case = CasePageFactory(parent=site_tree.cases, date=SYMPOSIUM_DAY)  # published today
    html = english_browser_html(client, case.url)
    assert SHOWN_SYMPOSIUM_DAY in html
    assert "January" not in html
    assert f"{timezone.localdate():%Y-%m-%d}" not in html


@pytest.mark.django_db
def test_case_cards_show_their_date_in_danish_on_the_listing_and_home_page(client, site_tree):
    CasePageFactory(parent=site_tree.cases, title="Fortalt ved symposiet", date=SYMPOSIUM_DAY)
    for url in (site_tree.cases.url, "/"):
        html = english_browser_html(client, url)
        assert "Fortalt ved symposiet" in html
        assert SHOWN_SYMPOSIUM_DAY in html, url


@pytest.mark.django_db
def test_research_finding_and_its_card_show_the_day_it_was_presented(client, site_tree):
    finding = ResearchFindingPageFactory(parent=site_tree.research, date=SYMPOSIUM_DAY)
    assert SHOWN_SYMPOSIUM_DAY in english_browser_html(client, finding.url)
    assert SHOWN_SYMPOSIUM_DAY in english_browser_html(client, site_tree.research.url)


@pytest.mark.django_db
def test_standard_page_shows_its_date_and_an_undated_page_shows_none(client, site_tree):
    dated = StandardPageFactory(parent=site_tree.home, title="Dateret", date=SYMPOSIUM_DAY)
    undated = StandardPageFactory(parent=site_tree.home, title="Udateret", date=None)
    assert SHOWN_SYMPOSIUM_DAY in html_of(client, dated.url)
    assert "<time" not in html_of(client, undated.url).split("<main", 1)[1]


@pytest.mark.django_db
def test_cases_and_research_are_listed_by_their_date_not_when_they_were_published(
    client, site_tree
):
    a_year_ago = timezone.now() - datetime.timedelta(days=365)
    CasePageFactory(
        parent=site_tree.cases,
        title="Fortalt i 2024",
        date=datetime.date(2024, 3, 1),
        first_published_at=a_year_ago,
    )
    CasePageFactory(parent=site_tree.cases, title="Fortalt i 2021", date=SYMPOSIUM_DAY)
    CasePageFactory(parent=site_tree.cases, title="Uden dato", date=None)
    ResearchFindingPageFactory(
        parent=site_tree.research,
        title="Fremlagt i 2024",
        date=datetime.date(2024, 3, 1),
        first_published_at=a_year_ago,
    )
    ResearchFindingPageFactory(
        parent=site_tree.research, title="Fremlagt i 2021", date=SYMPOSIUM_DAY
    )

    def order(html, titles):
        return sorted(titles, key=html.index)

    cases = ["Fortalt i 2021", "Fortalt i 2024", "Uden dato"]
    assert order(html_of(client, site_tree.cases.url), cases) == [
        "Fortalt i 2024",
        "Fortalt i 2021",
        "Uden dato",
    ]
    assert order(html_of(client, "/"), cases) == ["Fortalt i 2024", "Fortalt i 2021", "Uden dato"]
    findings = ["Fremlagt i 2021", "Fremlagt i 2024"]
    assert order(html_of(client, site_tree.research.url), findings) == [
        "Fremlagt i 2024",
        "Fremlagt i 2021",
    ]


@pytest.mark.parametrize(
    "value, shown",
    [
        (SYMPOSIUM_DAY, SHOWN_SYMPOSIUM_DAY),
        # a moment is its day in Copenhagen: 23.30 UTC on the 27th is past midnight there
        (datetime.datetime(2021, 1, 27, 23, 30, tzinfo=datetime.UTC), SHOWN_SYMPOSIUM_DAY),
        (datetime.date(2021, 5, 4), '<time datetime="2021-05-04">4. maj 2021</time>'),
        (None, ""),
    ],
)
def test_dates_are_written_the_danish_way(value, shown):
    assert danish_date(value) == shown


# Errors and formatting -------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_address_gives_a_danish_404_page(client, site_tree):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "<h1>Siden findes ikke</h1>" in response.content.decode()


def test_server_error_page_is_danish_and_needs_no_database():
    html = render_to_string("500.html")
    assert '<html lang="da">' in html and "<h1>Der opstod en fejl</h1>" in html


@pytest.mark.parametrize(
    "amount, shown",
    [
        (Decimal("10000.00"), "10.000 kr."),
        (Decimal("250.50"), "250,50 kr."),
        (1234567, "1.234.567 kr."),
        (0, "0 kr."),
    ],
)
def test_amounts_are_written_the_danish_way(amount, shown):
    assert kroner(amount) == shown
