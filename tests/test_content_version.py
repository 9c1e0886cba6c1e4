"""What a process remembers between requests (core.content_version) is forgotten when content
changes: each change is visible on the very next request after a page was already served."""

import pytest
from django.apps import apps
from wagtail.contrib.settings.registry import registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.snippets.models import get_snippet_models

from core.content_version import current_token, is_content
from home.models import SiteSettings

from .factories import CasePageFactory, NetworkPageFactory, OrganisationFactory, StandardPageFactory
from .test_case_listing import offered


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
def test_a_change_to_the_footer_shows_on_the_next_request(client, site_tree):
    html(client, "/")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tagline = "Et nyt ord fra redaktionen"
    settings.organisation_links.create(organisation=OrganisationFactory(name="CSR-forum"))
    settings.save()
    page = html(client, "/")
    assert "Et nyt ord fra redaktionen" in page
    assert "CSR-forum" in page


@pytest.mark.django_db
def test_a_renamed_organisation_is_renamed_in_the_footer_on_the_next_request(client, site_tree):
    organisation = OrganisationFactory(name="CSR-forum")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_links.create(organisation=organisation)
    settings.save()
    assert "CSR-forum" in html(client, "/")
    organisation.name = "CSR-forum Danmark"
    organisation.save()
    assert "CSR-forum Danmark" in html(client, "/")


@pytest.mark.django_db
def test_a_new_page_under_the_home_page_answers_at_once(client, site_tree):
    html(client, "/")
    page = StandardPageFactory(parent=site_tree.home, title="Om os", slug="om-os")
    assert "Om os" in html(client, page.url)


@pytest.mark.django_db
def test_an_unpublished_section_leaves_the_header_on_the_next_request(client, site_tree):
    network = NetworkPageFactory(parent=site_tree.home)
    assert 'href="/netvaerket/"' in html(client, "/")
    network.unpublish()
    assert 'href="/netvaerket/"' not in html(client, "/")
    assert client.get("/netvaerket/").status_code == 404


@pytest.mark.django_db
def test_a_section_made_private_hides_its_cases_on_the_next_request(client, site_tree):
    case = CasePageFactory(parent=site_tree.cases, title="En hemmelig case", goals=[13])
    assert "En hemmelig case" in html(client, "/")
    assert client.get(case.url).status_code == 200
    PageViewRestriction.objects.create(
        page=site_tree.cases, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert "En hemmelig case" not in html(client, "/")
    assert "En hemmelig case" not in html(client, "/verdensmaal/13/")
    assert b"password" in client.get(case.url).content


@pytest.mark.django_db
def test_filter_counts_and_the_number_of_cases_follow_a_publish_on_the_next_request(
    client, site_tree
):
    CasePageFactory(parent=site_tree.cases, title="Første", goals=[13])
    before = html(client, "/cases/?goal=13")
    assert offered(before, "goal") == {"13": "1"}
    assert '<h2 id="results-heading">1 case</h2>' in before
    CasePageFactory(parent=site_tree.cases, title="Anden", goals=[13, 4])
    after = html(client, "/cases/?goal=13")
    assert offered(after, "goal") == {"4": "1", "13": "2"}
    assert '<h2 id="results-heading">2 cases</h2>' in after


@pytest.mark.django_db
def test_related_cases_follow_an_unpublish_on_the_next_request(client, site_tree):
    case = CasePageFactory(parent=site_tree.cases, title="Casen", goals=[13])
    neighbour = CasePageFactory(parent=site_tree.cases, title="Naboen", goals=[13])
    assert "Naboen" in html(client, case.url)
    neighbour.unpublish()
    assert "Naboen" not in html(client, case.url)


@pytest.mark.django_db
def test_the_sitemap_follows_a_publish_on_the_next_request(client, site_tree):
    assert "/ny-side/" not in html(client, "/sitemap.xml")
    page = StandardPageFactory(parent=site_tree.home, slug="ny-side")
    assert "<loc>http://localhost/ny-side/</loc>" in html(client, "/sitemap.xml")
    page.unpublish()
    assert "/ny-side/" not in html(client, "/sitemap.xml")


def page_linking_to(target, text: str, site_tree):
    """A standard page whose body links to `target` in rich text, as the editor writes it."""
    link = f'<p><a linktype="page" id="{target.pk}">{text}</a></p>'
    return StandardPageFactory(
        parent=site_tree.home,
        body=[{"type": "section", "value": {"heading": "", "text": link}}],
    )


@pytest.mark.django_db
def test_a_link_in_rich_text_follows_the_page_it_links_to(client, site_tree):
    target = StandardPageFactory(parent=site_tree.home, slug="maalet")
    page = page_linking_to(target, "målet", site_tree)
    assert 'href="/maalet/"' in html(client, page.url)
    target.slug = "nyt-maal"
    target.save()
    assert 'href="/nyt-maal/"' in html(client, page.url)


@pytest.mark.django_db
def test_a_link_in_rich_text_to_a_deleted_page_keeps_its_text_without_an_address(client, site_tree):
    target = StandardPageFactory(parent=site_tree.home, slug="vaek")
    page = page_linking_to(target, "væk", site_tree)
    assert 'href="/vaek/"' in html(client, page.url)
    target.delete()
    assert "<a>væk</a>" in html(client, page.url)


@pytest.mark.django_db
def test_every_change_of_content_replaces_the_token(site_tree):
    before = current_token()
    OrganisationFactory(name="Ny organisation")
    assert current_token() != before


def test_every_model_a_page_may_show_is_content():
    """A new app's pages, snippets or settings replace the token too (content_version lists
    the content apps by name): only the synonym sets, the network's memberships and
    participants and the events' registrations, which no page shows, are left out."""
    shown = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) or model in get_snippet_models() or model in list(registry)
    ]
    shown += [get_image_model(), get_document_model(), Site, PageViewRestriction]

    left_out = sorted(model.__name__ for model in shown if not is_content(model))
    assert left_out == ["Membership", "Participant", "Registration", "SynonymSet"]
