"""`load_demo_content` runs on every `make run`: what editors renamed, re-slugged, moved or
deleted stays as they left it; nothing crashes, comes back or is made twice."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from cases.models import CaseIndexPage, CasePage, ResearchFindingPage
from demo.models import DemoRecord
from events.models import EventPage
from home.models import StandardPage
from taxonomy.models import Person, Theme

from .factories import CasePageFactory, ImageFactory, municipality

pytestmark = pytest.mark.django_db


def load_again() -> str:
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    return output.getvalue()


def test_a_renamed_theme_is_kept_and_not_made_again(demo_site):
    theme = Theme.objects.get(name="Verdensmål i kernedriften")
    theme.name = "Verdensmål i driften"
    theme.slug = "verdensmaal-i-driften"
    theme.save()

    load_again()

    assert Theme.objects.get(pk=theme.pk).name == "Verdensmål i driften"
    assert not Theme.objects.filter(name="Verdensmål i kernedriften").exists()
    assert Theme.objects.count() == 5


def test_a_deleted_demo_page_stays_deleted(demo_site):
    june = demo_site.events.june
    june.delete()

    printed = load_again()

    assert not EventPage.objects.filter(title=june.title).exists()
    assert EventPage.objects.count() == 2
    assert "0 page(s) created" in printed


def test_deleting_a_page_others_link_to_crashes_nothing_and_brings_nothing_back(demo_site):
    demo_site.research.delete()
    demo_site.index.cases.delete()

    load_again()

    assert not ResearchFindingPage.objects.exists()
    assert not CaseIndexPage.objects.exists() and not CasePage.objects.exists()


def test_a_page_whose_slug_an_editor_changed_is_not_made_twice(demo_site):
    case = CasePage.objects.get(slug="gladsaxe-top-down-organisering")
    case.slug = "gladsaxe-licens-til-at-handle"
    case.save_revision().publish()

    load_again()

    assert list(CasePage.objects.filter(municipality__name="Gladsaxe")) == [case]
    assert CasePage.objects.get(pk=case.pk).slug == "gladsaxe-licens-til-at-handle"


def test_a_renamed_person_is_kept_and_not_made_again(demo_site):
    person = Person.objects.get(name="Line Vind")
    person.name = "Line Vind Hansen"
    person.save()

    load_again()

    assert not Person.objects.filter(name="Line Vind").exists()
    assert Person.objects.get(pk=person.pk).name == "Line Vind Hansen"
    assert Person.objects.count() == 4


def test_a_moved_page_stays_where_the_editor_put_it_and_is_not_made_again(demo_site):
    about = demo_site.about
    parent = demo_site.home.add_child(instance=StandardPage(title="Om os", slug="om-os"))
    about.move(parent, pos="last-child")

    load_again()

    assert StandardPage.objects.filter(title="Om SDG-leadership").count() == 1
    assert Page.objects.get(pk=about.pk).get_parent().pk == parent.pk


def test_a_deleted_person_and_image_stay_deleted_and_the_pages_stay(demo_site):
    Person.objects.filter(name="Lone Gjerulff Bak").delete()
    get_image_model().objects.all().delete()

    load_again()

    assert not Person.objects.filter(name="Lone Gjerulff Bak").exists()
    assert not get_image_model().objects.exists()
    assert CasePage.objects.count() == 2


def test_an_unpublished_demo_page_is_not_published_again(demo_site):
    network = Page.objects.get(pk=demo_site.network.pk)
    network.unpublish()
    assert not Page.objects.get(pk=network.pk).live

    load_again()

    assert not Page.objects.get(pk=network.pk).live


def test_loader_adopts_a_site_built_before_it_kept_records(demo_site):
    DemoRecord.objects.all().delete()
    pages = Page.objects.count()

    printed = load_again()

    assert "0 page(s) created" in printed
    assert Page.objects.count() == pages
    assert Theme.objects.count() == 5 and Person.objects.count() == 4
    assert DemoRecord.objects.filter(key="page:forside").exists()


def test_a_deleted_home_page_leaves_nothing_to_build(demo_site):
    demo_site.home.delete()

    printed = load_again()

    assert "nothing was built" in printed
    assert not CasePage.objects.exists()


# Earlier loaders drew each case a lead image of its goals' colours ---------------------------


def case_in(municipality: str) -> CasePage:
    return CasePage.objects.get(municipality__name=municipality)


def drawn_lead_image_on(case: CasePage):
    """What an earlier loader left: a drawn image under its record, published as lead image."""
    image = ImageFactory(title="Verdensmål 11")
    DemoRecord.objects.create(key="image:Verdensmål 11", content_object=image)
    case.lead_image = image
    case.lead_image_alt = "Farvefelter for verdensmål 11 (Bæredygtige byer og lokalsamfund)"
    case.save_revision().publish()
    return image


def images_on(client, case: CasePage) -> list[dict]:
    page = BeautifulSoup(client.get(case.url).content, "html.parser")
    return [img.attrs for img in page.select("main img")]


def test_a_drawn_lead_image_from_an_earlier_loader_is_taken_off_and_deleted(client, demo_site):
    case = case_in("Guldborgsund")
    image = drawn_lead_image_on(case)
    assert len(images_on(client, case)) == 1

    load_again()

    case = CasePage.objects.get(pk=case.pk)
    assert case.lead_image is None and case.lead_image_alt == ""
    assert case.get_latest_revision_as_object().lead_image is None
    assert not case.has_unpublished_changes
    assert images_on(client, case) == []
    assert not get_image_model().objects.filter(pk=image.pk).exists()
    assert not DemoRecord.objects.filter(key__startswith="image:").exists()


def test_taking_off_the_drawn_image_happens_once(demo_site):
    drawn_lead_image_on(case_in("Guldborgsund"))
    load_again()
    revisions = list(CasePage.objects.values_list("pk", "latest_revision_id"))

    load_again()

    assert list(CasePage.objects.values_list("pk", "latest_revision_id")) == revisions


def test_a_lead_image_an_editor_uploaded_stays_and_shows(client, demo_site):
    drawn_lead_image_on(case_in("Guldborgsund"))
    case = case_in("Gladsaxe")
    photo = ImageFactory(title="Rådhuset i Gladsaxe")
    case.lead_image = photo
    case.lead_image_alt = "Rådhuset i Gladsaxe"
    case.save_revision().publish()

    load_again()

    assert CasePage.objects.get(pk=case.pk).lead_image == photo
    assert [img["alt"] for img in images_on(client, case)] == ["Rådhuset i Gladsaxe"]


def test_a_drawn_image_an_editor_also_put_on_a_page_of_their_own_is_kept_there(demo_site):
    image = drawn_lead_image_on(case_in("Guldborgsund"))
    own = CasePageFactory(
        parent=demo_site.index.cases,
        title="Klimaplan",
        municipality=municipality("gladsaxe"),
        lead_image=image,
        lead_image_alt="Verdensmål 11",
    )

    load_again()

    assert case_in("Guldborgsund").lead_image is None
    assert CasePage.objects.get(pk=own.pk).lead_image == image


def test_a_draft_keeps_its_changes_when_the_drawn_image_is_taken_off(demo_site):
    case = case_in("Guldborgsund")
    published_summary = case.summary
    drawn_lead_image_on(case)
    case.summary = "Redaktionens kladde."
    case.save_revision()

    load_again()

    case = CasePage.objects.get(pk=case.pk)
    draft = case.get_latest_revision_as_object()
    assert case.live and case.has_unpublished_changes
    assert (case.summary, case.lead_image) == (published_summary, None)
    assert (draft.summary, draft.lead_image) == ("Redaktionens kladde.", None)
