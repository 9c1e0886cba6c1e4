"""Slugs are ASCII with the Danish letters spelled out: æ→ae, ø→oe, å→aa."""

import pytest

from core.slugs import DanishSlugInput, ascii_slug
from home.models import StandardPage
from taxonomy.models import Theme

from .admin_forms import standard_page_form
from .factories import StandardPageFactory

DANISH_TITLE = "Grøn omstilling på Ærø"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (DANISH_TITLE, "groen-omstilling-paa-aeroe"),
        ("ÆBLER, ØL OG ÅL", "aebler-oel-og-aal"),
        ("Café Über Señor", "cafe-uber-senor"),
        ("§ 17, stk. 4-udvalg", "17-stk-4-udvalg"),
    ],
)
def test_ascii_slug_spells_danish_letters_and_strips_other_accents(text, slug):
    assert ascii_slug(text) == slug


def create_standard_page(client, parent, title: str, slug: str = ""):
    return client.post(
        f"/admin/pages/add/home/standardpage/{parent.pk}/", standard_page_form(title, slug)
    )


def test_admin_gives_a_new_page_without_slug_the_danish_spelling_of_its_title(
    admin_client, home_page
):
    response = create_standard_page(admin_client, home_page, DANISH_TITLE)

    assert response.status_code == 302, response.context["form"].errors
    page = StandardPage.objects.get(title=DANISH_TITLE)
    assert page.slug == "groen-omstilling-paa-aeroe"
    assert page.live
    assert admin_client.get("/groen-omstilling-paa-aeroe/").status_code == 200


def test_admin_stores_a_typed_danish_slug_transliterated(admin_client, home_page):
    create_standard_page(admin_client, home_page, "Om os", slug="grøn-ærø")

    assert StandardPage.objects.get(title="Om os").slug == "groen-aeroe"


def test_two_pages_with_the_same_danish_title_get_distinct_slugs(admin_client, home_page):
    create_standard_page(admin_client, home_page, DANISH_TITLE)
    create_standard_page(admin_client, home_page, DANISH_TITLE)

    slugs = sorted(StandardPage.objects.values_list("slug", flat=True))
    assert slugs == ["groen-omstilling-paa-aeroe", "groen-omstilling-paa-aeroe-2"]


def test_page_made_in_code_without_slug_gets_the_danish_spelling_in_its_url(home_page):
    page = StandardPage(title="Ålborg og Næstved")
    home_page.add_child(instance=page)

    page.refresh_from_db()
    assert page.slug == "aalborg-og-naestved"
    assert page.url_path.endswith("/aalborg-og-naestved/")


def test_an_existing_pages_ascii_slug_is_never_changed_by_saving_it(home_page):
    page = StandardPageFactory(parent=home_page, title="Kommunerne", slug="verdensmalene")

    page.title = "Verdensmålene"
    page.save()

    page.refresh_from_db()
    assert page.slug == "verdensmalene"


def test_a_theme_gets_the_danish_spelling_of_its_name(db):
    theme = Theme.objects.create(name="Verdensmål i kernedriften")

    assert theme.slug == "verdensmaal-i-kernedriften"


def test_admin_slug_field_tells_the_browser_to_spell_out_aeoeaa(admin_client, home_page):
    markup = admin_client.get(f"/admin/pages/add/home/standardpage/{home_page.pk}/").content
    html = markup.decode()

    assert 'data-controller="w-slug"' in html
    assert DanishSlugInput().attrs["data-w-slug-formatters-value"].replace('"', "&quot;") in html
    assert 'data-w-slug-allow-unicode-value="false"' in html.lower() or (
        "data-w-slug-allow-unicode-value" not in html
    )
