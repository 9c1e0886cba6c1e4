"""The demo loader builds the site from the source article, every fact on a page, once."""

import html
import io
import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site

from cases.models import CasePage, ResearchFindingPage
from demo.article import CORE_OPERATIONS_POINT, OWNERSHIP_POINT
from demo.pages import load_demo_content
from events.models import EventPage
from home.models import HomePage, NetworkPage, SiteSettings
from network.models import MembersAreaPage
from search.documents import document_for_page, indexable_specific_pages
from taxonomy.models import Approach, Municipality, Organisation, Person, Theme, WorkLevel

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

# The source article (shared/seed/000_d253e64b6783625b.txt), sentence by sentence, as the site
# shows it (light copy-editing: "FN's", "add-on", "§ 17, stk. 4-udvalg", "Ph.d.-studerende").
ARTICLE_FACTS = [
    # Title and introduction
    "Deltag i gratis online symposier om verdensmålene i kommunerne",
    "Verdensmål skal skabe værdi i kommunerne",
    "Det vil Cphfacilitation i samarbejde med CSR-forum sikre",
    "gennem deres arbejde i netværket SDG-leadership",
    "I partnerskab med foreningen CSR-forum inviterede Cphfacilitation i 2021 til tre online "
    "symposier",
    "til støtte af kommunernes arbejde med FN's verdensmål for bæredygtig udvikling",
    "Det var gratis at deltage i webinarerne",
    "Online",
    "Rækken bestod af tre symposier, og det første blev afholdt i januar 2021",
    # The symposium of 4 May 2021
    "hvordan verdensmålene implementeres eller realiseres i den kommunale virksomhed",
    "tirsdag",
    "4. maj 2021",
    "13.30",
    "15.30",
    "Tilmelding kunne ske til csrforum@csrforum.dk",
    # The symposium of 10 June 2021
    "torsdag",
    "10. juni 2021",
    "Det sidste møde i møderækken",
    "rapportering af værdiskabelsen af kommunernes arbejde med verdensmålene",
    # The network
    "fra marts 2021 sammen med CSR-forum et netværk for kommuner",
    "videnspartnere fra Deloitte, CBS og Roskilde Universitet m.fl.",
    "Copenhagen Business School (CBS)",
    "dykkes dybere i de forskellige udfordringer, en bæredygtig omstilling rummer",
    "i et fortroligt rum sparre med hinanden og videnspartnerne om disse udfordringer",
    "10.000 kr. om året",
    "Op til 5 personer fra hver kommune",
    "Det koster 10.000 kr. om året at være med i netværket",
    "For dette kontingent kan der deltage op til fem personer fra hver kommune",
    "Nærmere oplysninger hos flemming.olsen@cphfacilitation.dk",
    "Flemming Olsen",
    "flemming.olsen@cphfacilitation.dk",
    # The symposium of 28 January 2021
    "Værdiskabende organisering for kommunal handling på verdensmålene",
    "28. januar 2021",
    "hvordan kommunerne har valgt at organisere arbejdet med FN's verdensmål for en bæredygtig "
    "udvikling",
    "10 kommuner",
    "Albertslund Kommune",
    "Aalborg Kommune",
    "Frederiksberg Kommune",
    "Frederikshavn Kommune",
    "Gentofte Kommune",
    "Gladsaxe Kommune",
    "Guldborgsund Kommune",
    "Herning Kommune",
    "Hørsholm Kommune",
    "Nyborg Kommune",
    "Miljøpunkt Amager",
    "SDG-leadership's sekretariat deltog i mødet",
    "Guldborgsund Kommune ved chefkonsulent Lone Gjerulff Bak",
    "Gladsaxe Kommune ved chefkonsulent Line Vind",
    "Lone Gjerulff Bak, Chefkonsulent, Guldborgsund Kommune",
    "Line Vind, Chefkonsulent, Gladsaxe Kommune",
    "om de to kommuners organisering af arbejdet med FN's verdensmål for bæredygtig udvikling",
    "sammen med Vejle Kommune og Kommunernes Landsforening i et forskningsprojekt på Roskilde "
    "Universitet om samskabelse omkring verdensmålene i kommunerne",
    "Ph.d.-studerende Jannik Egelund fra Roskilde Universitet fortalte på mødet om de foreløbige "
    "resultater",
    "Jannik Egelund, Ph.d.-studerende, Roskilde Universitet",
    # The two municipalities and what they share
    "Kommunerne har valgt forskellige strategier, men en række udfordringer er de samme.",
    "Guldborgsund Kommune repræsenterer primært en bottom-up organisering",
    "og Gladsaxe en top-down organisering",
    "Bottom-up",
    "Top-down",
    "Men samtidig er der en række fælles opmærksomheder",
    "Nødvendigheden af ejerskab og bred forankring",
    "Gladsaxe Kommunes strategi for verdensmålene er forankret i byrådet",
    "Gladsaxe understregede behovet for",
    "licens til medarbejdere, afdelinger og institutioner til at handle på FN's verdensmål",
    "Kommunen arbejder strategisk med at facilitere partnerskaber med virksomheder og "
    "borgergrupper",
    "Kun på den måde kommer strategien til at leve uden for byråd og direktion",
    "strategi for verdensmålene er startet i et § 17, stk. 4-udvalg",
    "efterfølgende forankret i Teknik- og Miljøudvalget",
    "Guldborgsund arbejder nu med at skabe ejerskab blandt alle chefer til at arbejde med "
    "verdensmålene",
    "Kommunen arbejder strategisk på at række ud til borgere og virksomheder",
    "Verdensmålene er ikke et add-on, men grundlag for kernedriften",
    "Begge kommuner arbejder strategisk med, at verdensmålene bliver et fælles projekt i hele "
    "kommunen",
    "social, kulturel, økonomisk og miljømæssig bæredygtighed",
    # Results of the follow-up research
    "Resultater fra følgeforskningen",
    "foreløbige resultater fra forskningsprojektets 2 år",
    "Arbejdet med verdensmålene i kommunerne sker på forskellige niveauer",
    "Kommunen som virksomhed",
    "Kommunen som medejer af forsyningsselskaber – bliver ofte overset",
    "Hele kommunen, såvel borgere som erhvervsliv",
    "I kommunernes organisering er det vigtigt at fokusere på",
    "Hvordan oversættes målsætninger i og uden for organisationen. Skab narrativer der motiverer "
    "til deltagelse",
    "Find brobyggere, der er gode til at skabe forbindelser på tværs af siloer og "
    "offentlig – privat",
    "Udnyt windows of opportunities, når de opstår",
    "Skab plads til at der kan handles situeret",
    "Brug verdensmålene til at rekruttere kompetente medarbejdere",
]


def visible_text(markup: str) -> str:
    """What a reader sees: no tags, no entities, single spaces."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(markup))).strip()


def site_pages():
    """The live pages a visitor may see (the network's room is for its participants)."""
    return Page.objects.live().public().filter(depth__gt=1).specific()


def snapshot() -> dict:
    """Everything a second run could change."""
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "slug", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "history": PageLogEntry.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "themes": Theme.objects.count(),
        "images": get_image_model().objects.count(),
        "sites": list(Site.objects.values_list("pk", "root_page_id")),
    }


@pytest.fixture(scope="module")
def rendered_pages(demo_site, django_db_blocker) -> dict[str, HttpResponse]:
    """Every live page the loader made, fetched once through the test client, by URL."""
    with django_db_blocker.unblock():
        client = Client()
        return {page.url: client.get(page.url) for page in site_pages()}


def test_the_network_s_room_is_made_empty_and_closed_to_visitors(demo_site, client):
    room = MembersAreaPage.objects.get()
    assert not room.get_children().exists()  # the article tells of no minutes to show
    assert "fortroligt rum" in room.intro
    assert client.get(room.url).status_code == 302


@pytest.fixture(scope="module")
def rendered_site_text(rendered_pages) -> str:
    return "\n".join(
        visible_text(response.content.decode()) for response in rendered_pages.values()
    )


def page_text(rendered_pages, page: Page) -> str:
    return visible_text(rendered_pages[page.url].content.decode())


def test_command_builds_the_page_tree_under_the_default_site(db):
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)

    assert "page(s) created" in output.getvalue()
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    assert [child.title for child in home.get_children()] == [
        "Cases",
        "Forskning",
        "Arrangementer",
        "Verdensmålene",
        "Kommunerne",
        "Netværket",
        "Netværkets rum",
        "Om SDG-leadership",
    ]
    assert CasePage.objects.child_of(home.get_children().get(slug="cases")).count() == 2
    assert EventPage.objects.count() == 3
    assert ResearchFindingPage.objects.count() == 1


def test_loader_makes_the_goal_and_municipality_pages_with_their_intros(rendered_pages):
    goals = visible_text(rendered_pages["/verdensmaal/"].content.decode())
    assert "De 17 verdensmål og de cases og den forskning, der arbejder med hvert af dem." in goals
    municipalities = visible_text(rendered_pages["/kommuner/"].content.decode())
    assert "Danmarks 98 kommuner og deres cases." in municipalities


def test_home_page_replaces_wagtails_welcome_page(demo_site):
    top_level = Page.get_first_root_node().get_children()
    assert [page.specific_class for page in top_level] == [HomePage]
    assert Site.objects.get(is_default_site=True).root_page_id == demo_site.home.pk


def test_second_run_changes_nothing(demo_site):
    before = snapshot()

    again = load_demo_content()

    assert snapshot() == before
    assert again.home.pk == demo_site.home.pk


def test_loader_leaves_what_editors_changed(demo_site):
    network = demo_site.network
    network.summary = "Redaktionens egen tekst."
    network.save_revision().publish()

    load_demo_content()

    network.refresh_from_db()
    assert network.summary == "Redaktionens egen tekst."


def test_loading_again_keeps_a_theme_an_editor_renamed(demo_site):
    theme = Theme.objects.get(slug="organisering")
    theme.name = "Organisering og ledelse"
    theme.save()

    load_demo_content()

    assert Theme.objects.get(slug="organisering").name == "Organisering og ledelse"
    assert not Theme.objects.filter(name="Organisering").exists()


def test_every_page_is_published_with_a_revision_in_its_history(demo_site):
    for page in site_pages():
        assert page.live and not page.has_unpublished_changes, page.title
        assert page.first_published_at is not None, page.title
        assert Revision.page_revisions.filter(object_id=str(page.pk)).exists(), page.title
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def test_every_page_the_loader_made_answers_200(rendered_pages):
    statuses = {url: response.status_code for url, response in rendered_pages.items()}
    assert len(statuses) == 14
    assert set(statuses.values()) == {200}, statuses


def test_every_fact_of_the_article_appears_on_a_rendered_page(rendered_site_text):
    missing = [fact for fact in ARTICLE_FACTS if fact not in rendered_site_text]
    assert missing == []


def test_the_past_symposium_keeps_its_announcement_without_inviting_anyone(
    rendered_pages, demo_site
):
    """The article announced price and registration; the events are past, so the page keeps
    them in its fields and no longer offers them."""
    may = demo_site.events.may
    assert may.is_free and may.registration_email == "csrforum@csrforum.dk"
    html = rendered_pages[may.url].content.decode()
    text = page_text(rendered_pages, may)
    assert "Gratis" not in text and "<dt>Tilmelding</dt>" not in html
    assert "Tilmelding kunne ske til csrforum@csrforum.dk" in text  # told, in the past tense


def test_events_whose_time_is_unknown_show_no_clock_time(rendered_pages, demo_site):
    for event in (demo_site.events.january, demo_site.events.june):
        text = page_text(rendered_pages, event)
        assert "00.00" not in text and "kl." not in text, event.title
    assert "kl. 13.30–15.30" in page_text(rendered_pages, demo_site.events.may)


def test_event_dates_are_copenhagen_time(demo_site):
    january, may, june = demo_site.events.january, demo_site.events.may, demo_site.events.june

    assert may.start.astimezone(COPENHAGEN) == datetime(2021, 5, 4, 13, 30, tzinfo=COPENHAGEN)
    assert may.end.astimezone(COPENHAGEN) == datetime(2021, 5, 4, 15, 30, tzinfo=COPENHAGEN)
    assert may.time_is_known and may.registration_email == "csrforum@csrforum.dk"
    assert january.start.astimezone(COPENHAGEN).date().isoformat() == "2021-01-28"
    assert june.start.astimezone(COPENHAGEN).date().isoformat() == "2021-06-10"
    assert not january.time_is_known and not june.time_is_known
    assert january.end is None and june.end is None


def test_cases_and_research_are_dated_by_the_symposium_where_they_were_told(
    demo_site, rendered_pages
):
    told = date(2021, 1, 28)
    for page in [*demo_site.cases, demo_site.research]:
        assert page.date == told, page.title
        html = rendered_pages[page.url].content.decode()
        assert '<time datetime="2021-01-28">28. januar 2021</time>' in html, page.title


def test_network_and_about_pages_have_no_invented_date(demo_site):
    assert demo_site.network.date is None
    assert demo_site.about.date is None


def test_no_demo_page_is_dated_in_the_year_it_was_loaded(demo_site, rendered_pages):
    """Search (results, the year facet, the API) dates the demo by the article: 2021, or no
    date for the pages the article does not date."""
    years = {document_for_page(page).year for page in indexable_specific_pages()}
    assert years == {2021, None}
    today = timezone.localdate().isoformat()
    dated_today = [url for url, r in rendered_pages.items() if today in r.content.decode()]
    assert dated_today == []


def test_symposia_are_free_online_and_past(demo_site):
    for event in EventPage.objects.all():
        assert event.is_free and event.is_online and event.is_past, event.title


def test_january_symposium_lists_its_participants_and_speakers(demo_site):
    january = demo_site.events.january
    participants = {organisation.name for organisation in january.participants}
    speakers = [item.value["speaker"].name for item in january.programme]

    assert len([name for name in participants if name.endswith(" Kommune")]) == 10
    assert {"Miljøpunkt Amager", "Roskilde Universitet", "SDG-leadership"} <= participants
    assert speakers == ["Lone Gjerulff Bak", "Line Vind", "Jannik Egelund"]


def test_guldborgsund_is_bottom_up_and_gladsaxe_top_down(demo_site):
    approaches = {case.municipality.name: case.approach for case in CasePage.objects.all()}
    assert approaches == {"Guldborgsund": Approach.BOTTOM_UP, "Gladsaxe": Approach.TOP_DOWN}


def test_cases_link_their_speaker_symposium_and_research(demo_site):
    for case in CasePage.objects.all():
        [contact] = case.contact_people
        assert contact.job_title == "Chefkonsulent"
        assert contact.organisation.municipality == case.municipality
        assert case.presented_at.specific == demo_site.events.january
        assert case.related_research == [demo_site.research]
        assert {block.block_type for block in case.body} >= {"challenge", "approach"}


def test_research_finding_has_three_levels_five_focus_points_and_partners(demo_site):
    research = demo_site.research
    partners = {organisation.name for organisation in research.partners}

    assert research.institution.name == "Roskilde Universitet"
    assert [person.name for person in research.researchers] == ["Jannik Egelund"]
    assert set(research.work_levels.all()) == set(WorkLevel.objects.all())
    assert partners == {
        "Guldborgsund Kommune",
        "Gladsaxe Kommune",
        "Vejle Kommune",
        "Kommunernes Landsforening",
    }


def test_network_fee_seats_partners_and_contact(demo_site):
    network = NetworkPage.objects.get()

    assert network.yearly_fee == Decimal("10000")
    assert network.seats_per_municipality == 5
    assert network.partners_note == "m.fl."
    assert {partner.kind for partner in network.partners} == {"company", "university"}
    assert len(network.partners) == 3
    contact = network.contact_person
    assert (contact.name, contact.email, contact.job_title) == (
        "Flemming Olsen",
        "flemming.olsen@cphfacilitation.dk",
        "",
    )
    assert contact.organisation.name == "Cphfacilitation"


def test_municipal_organisations_belong_to_their_municipality(demo_site):
    municipal = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)

    assert municipal.count() == 11  # the ten at the symposium and Vejle
    for organisation in municipal:
        assert organisation.name == f"{organisation.municipality.name} Kommune"
    assert Municipality.objects.count() == 98


def test_every_theme_is_used_by_a_case_or_research_finding(demo_site):
    for theme in Theme.objects.all():
        assert theme.cases.exists() or theme.research_findings.exists(), theme.name


@pytest.mark.django_db
def test_site_address_makes_feed_links_point_where_the_site_is_served(client):
    call_command("load_demo_content", "--site-address", "http://127.0.0.1:8123", verbosity=0)
    feed = client.get("/rss/cases/").content.decode()
    assert "http://127.0.0.1:8123/cases/" in feed


def test_every_demo_page_has_the_footer_from_the_site_settings(rendered_pages):
    for url, response in rendered_pages.items():
        footer = re.search(r"<footer.*?</footer>", response.content.decode(), re.S).group()
        assert "SDG-leadership: Cphfacilitation i samarbejde med CSR-forum" in footer, url
        assert "mailto:flemming.olsen@cphfacilitation.dk" in footer, url
        links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', footer)
        assert links[:3] == [
            ("/om-sdg-leadership/", "Om SDG-leadership"),
            ("/verdensmaal/", "Verdensmålene"),
            ("/kommuner/", "Kommunerne"),
        ], url


def test_loading_again_keeps_the_footer_an_editor_changed(demo_site):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tagline = "Redaktionens egen tekst"
    settings.save()
    load_demo_content()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.tagline == "Redaktionens egen tekst"
    assert settings.footer_links.count() == 3


# Each page tells its own part of the article ------------------------------------------------


def soup(rendered_pages, page: Page) -> BeautifulSoup:
    return BeautifulSoup(rendered_pages[page.url].content, "html.parser")


def text_of(element) -> str:
    return visible_text(str(element))


def case_section(rendered_pages, case: CasePage, heading: str):
    """The body section of a rendered case under the heading a reader sees."""
    body = soup(rendered_pages, case).select_one(".case__body")
    [section] = [s for s in body.select("section") if text_of(s.find(["h2", "h3"])) == heading]
    return section


def cases_by_municipality() -> dict[str, CasePage]:
    return {
        case.municipality.name: case for case in CasePage.objects.select_related("municipality")
    }


@pytest.mark.parametrize(
    "municipality, other, told",
    [
        ("Guldborgsund", "Gladsaxe", ["§ 17, stk. 4-udvalg", "Teknik- og Miljøudvalget"]),
        ("Gladsaxe", "Guldborgsund", ["forankret i byrådet", "uden for byråd og direktion"]),
    ],
)
def test_each_case_tells_its_own_municipalitys_challenge(
    rendered_pages, demo_site, municipality, other, told
):
    challenge = text_of(
        case_section(rendered_pages, cases_by_municipality()[municipality], "Udfordring")
    )

    assert municipality in challenge
    assert other not in challenge
    assert all(fact in challenge for fact in told), challenge
    assert "Symposiet" not in challenge
    assert "Udfordringen er" not in challenge  # the article names no challenge of its own


@pytest.mark.parametrize(
    "municipality, speaker, approach",
    [
        (
            "Guldborgsund",
            "Chefkonsulent Lone Gjerulff Bak",
            ["bottom-up", "ejerskab blandt alle chefer", "række ud til borgere og virksomheder"],
        ),
        (
            "Gladsaxe",
            "Chefkonsulent Line Vind",
            [
                "top-down",
                "licens til medarbejdere, afdelinger og institutioner",
                "partnerskaber med virksomheder og borgergrupper",
            ],
        ),
    ],
)
def test_each_case_tells_its_approach_and_who_told_it(
    rendered_pages, demo_site, municipality, speaker, approach
):
    section = case_section(
        rendered_pages, cases_by_municipality()[municipality], "Tilgang og organisering"
    )
    text = text_of(section)

    assert all(fact in text for fact in approach), text
    assert f"{speaker} fortalte om {municipality} Kommunes organisering" in text
    assert demo_site.events.january.url in [a["href"] for a in section.find_all("a")]


def test_no_case_speaks_of_both_municipalities_or_continues_a_missing_sentence(
    rendered_pages, demo_site
):
    for case in CasePage.objects.all():
        text = page_text(rendered_pages, case)
        assert "Begge kommuner" not in text, case.title
        assert "Men samtidig" not in text, case.title


def test_the_shared_points_are_told_once_and_every_case_links_there(rendered_pages, demo_site):
    january = demo_site.events.january
    telling = [
        url
        for url, response in rendered_pages.items()
        if OWNERSHIP_POINT in visible_text(response.content.decode())
    ]
    assert telling == [january.url]
    recap = page_text(rendered_pages, january)
    assert CORE_OPERATIONS_POINT in recap
    assert "social, kulturel, økonomisk og miljømæssig bæredygtighed" in recap

    for case in CasePage.objects.all():
        section = case_section(rendered_pages, case, "Fælles opmærksomheder")
        links = {a["href"]: text_of(a) for a in section.find_all("a")}
        assert links == {january.url: "Læs de fælles opmærksomheder i referatet fra symposiet"}


def test_research_page_lists_the_three_levels_and_the_five_focus_points(rendered_pages, demo_site):
    page = soup(rendered_pages, demo_site.research)
    lists = {text_of(item.find("h3")): item for item in page.select("ol.findings > li")}

    levels = lists["Arbejdet med verdensmålene sker på forskellige niveauer"].select("ol > li")
    focus = lists["Fem fokuspunkter for kommunernes organisering"].select("ul > li")
    assert [text_of(level) for level in levels] == [
        "Kommunen som virksomhed",
        "Kommunen som medejer af forsyningsselskaber – bliver ofte overset",
        "Hele kommunen, såvel borgere som erhvervsliv",
    ]
    assert [text_of(point) for point in focus] == [
        "Hvordan oversættes målsætninger i og uden for organisationen. Skab narrativer der "
        "motiverer til deltagelse",
        "Find brobyggere, der er gode til at skabe forbindelser på tværs af siloer og offentlig – "
        "privat",
        "Udnyt windows of opportunities, når de opstår",
        "Skab plads til at der kan handles situeret",
        "Brug verdensmålene til at rekruttere kompetente medarbejdere",
    ]


def test_network_page_tells_the_fee_in_the_articles_words(rendered_pages, demo_site):
    page = soup(rendered_pages, demo_site.network)
    body = text_of(page.select_one(".prose"))

    assert "For dette kontingent kan der deltage op til fem personer fra hver kommune" in body
    assert "fortroligt rum" in body and "fra marts 2021" in body
    assert "fra invitationen til symposierne i 2021" in body  # undated: says when it held
    assert "mailto:flemming.olsen@cphfacilitation.dk" in [
        a["href"] for a in page.select(".prose a")
    ]


def test_searching_kontingent_finds_the_network_page(client, demo_site):
    call_command("search_index", "--rebuild", stdout=io.StringIO(), stderr=io.StringIO())

    def links_found(query: str) -> list[str]:
        found = BeautifulSoup(client.get("/soeg/", {"q": query}).content, "html.parser")
        return [a["href"] for a in found.select("main a")]

    assert demo_site.network.url in links_found("kontingent")
    assert demo_site.network.url not in links_found("skovrejsning")


def test_past_events_are_not_told_in_the_present_tense(rendered_pages, demo_site):
    for event in (demo_site.events.may, demo_site.events.june):
        lead = text_of(soup(rendered_pages, event).select_one(".lead"))
        assert "sætter fokus" not in lead and "afholdes" not in lead, lead
    assert "afvikler" not in page_text(rendered_pages, demo_site.index.events)


# No made-up pictures --------------------------------------------------------------------------


def test_cases_and_their_cards_show_no_picture_the_editors_did_not_upload(
    rendered_pages, demo_site
):
    for case in CasePage.objects.all():
        page = soup(rendered_pages, case)
        assert page.select("main img") == [], case.title
        header = page.select_one("main header.page-header")
        assert text_of(header.find("h1")) == case.title
        assert case.municipality.name in text_of(header.select_one(".page-header__kicker"))
        assert [text_of(a) for a in header.select(".goal-badges a")] == [
            str(goal) for goal in case.sorted_goals
        ]
        assert len(page.find_all("h1")) == 1
    for url in ("/", demo_site.index.cases.url):
        cards = BeautifulSoup(rendered_pages[url].content, "html.parser").select(".case-card")
        assert len(cards) == 2, url
        assert [card.find("img") for card in cards] == [None, None], url


def test_the_loader_adds_no_image_to_the_library(demo_site):
    assert not get_image_model().objects.exists()
