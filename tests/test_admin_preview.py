"""The editor's preview shows every page type as it is being edited, related items included.

Each test goes the way the admin goes: the form's data is posted to the admin's own preview
view (`preview_on_edit` for a saved page, `preview_on_add` for a new one), then the preview
is fetched, as a logged-in superuser. In the preview the page's many-to-many fields and
chooser rows are in-memory (modelcluster's FakeQuerySet), not database querysets.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse
from wagtail.models import Page

from cases.models import (
    CaseIndexPage,
    CasePage,
    GoalIndexPage,
    MunicipalityIndexPage,
    ResearchFindingPage,
    ResearchIndexPage,
)
from events.models import EventIndexPage, EventPage
from home.models import HomePage, NetworkPage, StandardPage
from taxonomy.models import Approach

from .admin_forms import add_form_data, chooser_rows, edit_form_data, edit_url, preview
from .conftest import SiteTree
from .factories import (
    CasePageFactory,
    EventPageFactory,
    NetworkPageFactory,
    OrganisationFactory,
    PersonFactory,
    ResearchFindingPageFactory,
    StandardPageFactory,
    ThemeFactory,
    goal,
    municipality,
    rich_text_section,
)

PREVIEW_TITLE = "Titlen som redaktøren lige har skrevet"


@dataclass
class Previewed:
    """A saved page to preview and what its preview must show besides the form's title."""

    page: Page
    shows: list[str] = field(default_factory=list)


def a_case(tree: SiteTree, **kwargs) -> CasePage:
    kwargs.setdefault("title", "Klimaplan for Gladsaxe")
    return CasePageFactory(parent=tree.cases, **kwargs)


def a_finding(tree: SiteTree, **kwargs) -> ResearchFindingPage:
    kwargs.setdefault("title", "Samskabelse")
    return ResearchFindingPageFactory(parent=tree.research, **kwargs)


def an_event(tree: SiteTree, **kwargs) -> EventPage:
    kwargs.setdefault("title", "Symposium om organisering")
    return EventPageFactory(parent=tree.events, **kwargs)


# Saved pages, with and without related items: page type -> (with, without) ----------------

SAVED: dict[str, tuple[Callable[[SiteTree], Previewed], Callable[[SiteTree], Previewed]]] = {
    "HomePage": (
        lambda tree: Previewed(tree.home, [a_case(tree).title, an_event(tree).title]),
        lambda tree: Previewed(tree.home),
    ),
    "StandardPage": (
        lambda tree: Previewed(
            StandardPageFactory(
                parent=tree.home,
                body=[rich_text_section("section", "Sådan bruger du portalen.", "Om portalen")],
            ),
            ["Sådan bruger du portalen.", "Om portalen"],
        ),
        lambda tree: Previewed(StandardPageFactory(parent=tree.home, body=[])),
    ),
    "NetworkPage": (
        lambda tree: Previewed(
            NetworkPageFactory(
                parent=tree.home,
                knowledge_partners=[OrganisationFactory(name="Deloitte")],
                contact_person=PersonFactory(name="Flemming Olsen"),
            ),
            ["Deloitte", "Flemming Olsen"],
        ),
        lambda tree: Previewed(NetworkPageFactory(parent=tree.home)),
    ),
    "CaseIndexPage": (
        lambda tree: Previewed(tree.cases, [a_case(tree).title]),
        lambda tree: Previewed(tree.cases),
    ),
    "CasePage": (
        lambda tree: Previewed(
            a_case(
                tree,
                goals=[13],
                themes=[ThemeFactory(name="Klimatilpasning")],
                work_levels=[1],
                contacts=[PersonFactory(name="Line Vind")],
                related_research=[a_finding(tree)],
                presented_at=an_event(tree),
            ),
            ["Line Vind", "Samskabelse", "Klimatilpasning", "Klimaindsats", "Symposium om"],
        ),
        lambda tree: Previewed(a_case(tree)),
    ),
    "ResearchIndexPage": (
        lambda tree: Previewed(tree.research, [a_finding(tree).title]),
        lambda tree: Previewed(tree.research),
    ),
    "ResearchFindingPage": (
        lambda tree: Previewed(
            a_finding(
                tree,
                researchers=[PersonFactory(name="Jannik Egelund")],
                partners=[OrganisationFactory(name="Vejle Kommune")],
                goals=[11],
                themes=[ThemeFactory(name="Samskabelse i praksis")],
            ),
            ["Jannik Egelund", "Vejle Kommune", "Samskabelse i praksis"],
        ),
        lambda tree: Previewed(a_finding(tree)),
    ),
    "EventIndexPage": (
        lambda tree: Previewed(tree.events, [an_event(tree).title]),
        lambda tree: Previewed(tree.events),
    ),
    "EventPage": (
        lambda tree: Previewed(
            an_event(tree, participants=[OrganisationFactory(name="Miljøpunkt Amager")]),
            ["Miljøpunkt Amager"],
        ),
        lambda tree: Previewed(an_event(tree)),
    ),
    "GoalIndexPage": (
        lambda tree: Previewed(tree.goals, [a_case(tree, goals=[13]) and "Klimaindsats"]),
        lambda tree: Previewed(tree.goals, ["Klimaindsats"]),
    ),
    "MunicipalityIndexPage": (
        lambda tree: Previewed(tree.municipalities, [a_case(tree) and "Gladsaxe</a> (1 case)"]),
        lambda tree: Previewed(tree.municipalities, ["Der er endnu ingen cases."]),
    ),
}


def preview_on_edit(admin_client, page: Page, changes: dict | None = None) -> str:
    data = edit_form_data(admin_client, page)
    data["title"] = PREVIEW_TITLE
    for name, value in (changes or {}).items():
        data[name] = value
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    response = preview(admin_client, url, data)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page_type", SAVED)
@pytest.mark.parametrize("related", ["with related items", "without related items"])
def test_the_preview_of_a_saved_page_shows_the_form_content(
    admin_client, site_tree, page_type, related
):
    with_related, without_related = SAVED[page_type]
    previewed = (with_related if related == "with related items" else without_related)(site_tree)
    assert type(previewed.page.specific).__name__ == page_type

    html = preview_on_edit(admin_client, previewed.page)

    assert PREVIEW_TITLE in html
    for text in previewed.shows:
        assert text in html


@pytest.mark.django_db
def test_the_preview_of_a_case_shows_research_and_contacts_just_chosen(admin_client, site_tree):
    case = a_case(site_tree)
    research = a_finding(site_tree, title="Forskning valgt i forhåndsvisningen")
    person = PersonFactory(name="Kontakt valgt i forhåndsvisningen")

    html = preview_on_edit(
        admin_client,
        case,
        {
            **chooser_rows("research_links", "research", [research]),
            **chooser_rows("contact_links", "person", [person]),
        },
    )

    assert "Forskning valgt i forhåndsvisningen" in html
    assert "Kontakt valgt i forhåndsvisningen" in html
    assert not case.research_links.exists()  # a preview saves nothing


@pytest.mark.django_db
def test_the_preview_of_a_case_hides_chosen_research_that_is_not_published(admin_client, site_tree):
    draft = a_finding(site_tree, title="Upubliceret forskning", live=False)
    html = preview_on_edit(
        admin_client, a_case(site_tree), chooser_rows("research_links", "research", [draft])
    )
    assert "Upubliceret forskning" not in html


@pytest.mark.django_db
def test_the_preview_of_a_finding_shows_the_cases_that_chose_it(admin_client, site_tree):
    finding = a_finding(site_tree)
    a_case(site_tree, related_research=[finding])
    assert "Klimaplan for Gladsaxe" in preview_on_edit(admin_client, finding)


@pytest.mark.django_db
def test_the_preview_of_an_event_shows_the_cases_told_there(admin_client, site_tree):
    event = an_event(site_tree, start=datetime.datetime(2021, 1, 28, 13, tzinfo=datetime.UTC))
    a_case(site_tree, presented_at=event)
    assert "Klimaplan for Gladsaxe" in preview_on_edit(admin_client, event)


# New pages -----------------------------------------------------------------------------------


@dataclass
class NewPage:
    model: type[Page]
    parent: Callable[[SiteTree], Page]
    fields: Callable[[SiteTree], dict] = lambda tree: {}
    shows: list[str] = field(default_factory=list)


def case_fields(tree: SiteTree) -> dict:
    return {
        "summary": "Et resumé skrevet i formularen.",
        "municipality": municipality("gladsaxe").pk,
        "approach": Approach.BOTTOM_UP,
        "goals": [goal(13).pk],
        "body-count": 1,
        "body-0-type": "challenge",
        "body-0-value-heading": "",
        "body-0-value-text": '{"blocks": [{"key": "a", "type": "unstyled", "text": '
        '"Udfordringen fra formularen.", "depth": 0, "inlineStyleRanges": [], '
        '"entityRanges": []}], "entityMap": {}}',
        "body-0-deleted": "",
        "body-0-order": 0,
        **chooser_rows("contact_links", "person", [PersonFactory(name="Line Vind")]),
        **chooser_rows("research_links", "research", [a_finding(tree)]),
    }


NEW: dict[str, NewPage] = {
    "HomePage": NewPage(HomePage, lambda tree: Page.get_first_root_node()),
    "StandardPage": NewPage(StandardPage, lambda tree: tree.home),
    "NetworkPage": NewPage(
        NetworkPage,
        lambda tree: tree.home,
        lambda tree: {
            "summary": "Et netværk.",
            "yearly_fee": "10000",
            "seats_per_municipality": 5,
            **chooser_rows("partner_links", "organisation", [OrganisationFactory(name="CBS")]),
        },
        ["CBS"],
    ),
    "CaseIndexPage": NewPage(CaseIndexPage, lambda tree: tree.home),
    "CasePage": NewPage(
        CasePage,
        lambda tree: tree.cases,
        case_fields,
        ["Line Vind", "Samskabelse", "Udfordringen fra formularen.", "Klimaindsats"],
    ),
    "ResearchIndexPage": NewPage(ResearchIndexPage, lambda tree: tree.home),
    "ResearchFindingPage": NewPage(
        ResearchFindingPage,
        lambda tree: tree.research,
        lambda tree: {
            "summary": "Resultater.",
            "institution": OrganisationFactory(name="Roskilde Universitet").pk,
            **chooser_rows("researcher_links", "person", [PersonFactory(name="Jannik Egelund")]),
            **chooser_rows("partner_links", "organisation", [OrganisationFactory(name="KL")]),
        },
        ["Jannik Egelund", "Roskilde Universitet", "KL"],
    ),
    "EventIndexPage": NewPage(EventIndexPage, lambda tree: tree.home),
    "EventPage": NewPage(
        EventPage,
        lambda tree: tree.events,
        lambda tree: {
            "summary": "Et symposium.",
            "start": "2027-01-28 13:00",
            "end": "2027-01-28 15:00",
            "price": "0",
            "is_online": "on",
            "time_is_known": "on",
            **chooser_rows(
                "participant_links", "organisation", [OrganisationFactory(name="Miljøpunkt Amager")]
            ),
        },
        ["Miljøpunkt Amager"],
    ),
    "GoalIndexPage": NewPage(GoalIndexPage, lambda tree: tree.home, shows=["Klimaindsats"]),
    "MunicipalityIndexPage": NewPage(
        MunicipalityIndexPage, lambda tree: tree.home, shows=["Gladsaxe"]
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("page_type", NEW)
def test_the_preview_of_a_new_page_shows_the_form_content(admin_client, site_tree, page_type):
    new = NEW[page_type]
    # One of these may stand in a site: make room for the new one, as an editor would.
    for existing in new.model.objects.all() if new.model.max_count == 1 else []:
        existing.delete()
    parent = new.parent(site_tree) if new.model is not HomePage else Page.get_first_root_node()
    data = add_form_data(admin_client, new.model, parent, new.fields(site_tree))
    data["title"] = PREVIEW_TITLE
    meta = new.model._meta
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=[meta.app_label, meta.model_name, parent.pk]
    )

    response = preview(admin_client, url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert PREVIEW_TITLE in html
    for text in new.shows:
        assert text in html
    assert not new.model.objects.filter(title=PREVIEW_TITLE).exists()


# Wagtail's content checks ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_editor_has_the_checks_panel_and_the_preview_runs_its_accessibility_checker(
    admin_client, site_tree
):
    case = a_case(site_tree)
    editor = admin_client.get(edit_url(case)).content.decode()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[case.pk])
    preview(admin_client, url, edit_form_data(admin_client, case))

    in_panel = admin_client.get(url, {"in_preview_panel": "true"}).content.decode()

    assert "data-checks-panel" in editor
    # The panel's checks run in the previewed page, through the userbar's content checker.
    assert 'id="checker-axe-configuration"' in in_panel


@pytest.mark.django_db
def test_visitors_get_no_userbar(client, site_tree):
    assert "checker-axe-configuration" not in client.get(a_case(site_tree).url).content.decode()
