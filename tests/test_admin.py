"""The admin as the secretariat meets it: Danish for everyone, and calling no other host."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils.translation.trans_real import DjangoTranslation

from .factories import CasePageFactory, ImageFactory

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
URL_IN_TEXT = re.compile(r"""(?:https?:)?//[\w.-]+(?::\d+)?[^\s"'`)<>]*""")
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "poster", "data", "formaction"}


class FetchedUrls(HTMLParser):
    """Every URL a page makes the browser fetch by itself: src/href/srcset/... attributes and
    data-* attributes holding URLs (Wagtail's controllers fetch those), and URLs written in
    inline scripts and styles (fetch targets, @import, url()). A link a person may follow
    (`<a href>`) is no call, so it is not counted: Wagtail's help menu links to its guide."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if tag in {"a", "area"} and name == "href":
                continue
            if value and (name in URL_ATTRIBUTES or name.startswith("data-")):
                self.urls += [value] if name in URL_ATTRIBUTES else URL_IN_TEXT.findall(value)
        self._in_code = tag in {"script", "style"}

    def handle_endtag(self, tag):
        self._in_code = False

    def handle_data(self, data):
        if self._in_code:
            self.urls += URL_IN_TEXT.findall(data)


def foreign_urls(markup: str, own_host: str) -> list[str]:
    """The URLs in `markup` that point at a host other than `own_host`."""
    parser = FetchedUrls()
    parser.feed(markup)
    foreign = []
    for url in parser.urls:
        for candidate in url.split(","):  # srcset: "a.webp 1x, b.webp 2x"
            host = urlsplit(candidate.strip().split(" ")[0]).hostname
            if host and host != own_host:
                foreign.append(candidate.strip())
    return foreign


@pytest.fixture
def superuser_client() -> Client:
    user = get_user_model().objects.create_superuser("redaktoer", "r@example.org", "hemmeligt-1")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client() -> Client:
    """A member of Wagtail's Editors group, without a Wagtail profile (no language chosen)."""
    user = get_user_model().objects.create_user("editor", "e@example.org", "hemmeligt-1")
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


def test_admin_speaks_danish_to_a_browser_asking_for_english(editor_client, site_tree):
    response = editor_client.get("/admin/", **ENGLISH_BROWSER)

    markup = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="da"' in markup
    assert "Sider" in markup and "Billeder" in markup
    assert ">Pages<" not in markup and "Images" not in markup


def test_research_chooser_of_a_case_is_danish(superuser_client, site_tree):
    """The modal an editor opens from "Tilføj forskningsresultat" on a case."""
    response = superuser_client.get(
        reverse("wagtailadmin_choose_page_child", args=[site_tree.research.pk]),
        {"page_type": "cases.researchfindingpage", "multiple": "1"},
        **ENGLISH_BROWSER,
    )

    markup = response.json()["html"]
    assert "Bekræft valg" in markup and "Confirm selection" not in markup
    assert "Kun sider af typen" in markup and "may be chosen" not in markup


def test_admin_login_page_is_danish_for_an_english_browser(client):
    markup = client.get("/admin/login/", **ENGLISH_BROWSER).content.decode()

    assert '<html lang="da"' in markup
    assert "Log ind" in markup
    assert "Sign in" not in markup


def test_account_page_offers_no_other_admin_language(superuser_client):
    markup = superuser_client.get("/admin/account/", **ENGLISH_BROWSER).content.decode()

    assert '<html lang="da"' in markup
    assert 'value="en"' not in markup


def admin_pages(site_tree) -> list[str]:
    case = CasePageFactory(parent=site_tree.cases)
    image = ImageFactory()
    return [
        "/admin/",
        f"/admin/pages/{site_tree.cases.pk}/",
        f"/admin/pages/{case.pk}/edit/",
        f"/admin/pages/add/cases/casepage/{site_tree.cases.pk}/",
        "/admin/images/",
        f"/admin/images/{image.pk}/",
        "/admin/account/",
        "/admin/snippets/taxonomy/theme/",
    ]


def test_admin_pages_make_the_browser_call_no_host_but_the_sites_own(superuser_client, site_tree):
    found = {}
    for url in admin_pages(site_tree):
        response = superuser_client.get(url, HTTP_HOST="127.0.0.1:8000")
        assert response.status_code == 200, url
        found[url] = foreign_urls(response.content.decode(), own_host="127.0.0.1")
    login = Client().get("/admin/login/", HTTP_HOST="127.0.0.1:8000")
    found["/admin/login/"] = foreign_urls(login.content.decode(), own_host="127.0.0.1")

    assert found == {url: [] for url in found}


def test_the_url_finder_sees_avatars_stylesheets_fetches_and_srcsets_but_not_links():
    markup = (
        '<img src="//www.gravatar.com/avatar/abc"><a href="https://guide.wagtail.org/">x</a>'
        '<link href="https://fonts.googleapis.com/css">'
        "<script>fetch('https://releases.wagtail.io/latest.txt')</script>"
        '<img srcset="/m/a.webp 1x, https://cdn.example.org/b.webp 2x">'
    )

    assert foreign_urls(markup, own_host="127.0.0.1") == [
        "//www.gravatar.com/avatar/abc",
        "https://fonts.googleapis.com/css",
        "https://releases.wagtail.io/latest.txt",
        "https://cdn.example.org/b.webp 2x",
    ]


def test_admin_javascript_speaks_danish(editor_client):
    catalog = editor_client.get("/admin/jsi18n/", **ENGLISH_BROWSER).content.decode()

    assert "Fold alle sammen" in catalog and "Fold alle ud" in catalog


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_danish_catalogs_hold_every_entry_of_their_po_file(domain):
    """The .mo beside each .po is what Django reads: it must be compiled from the .po as it is
    now (`manage.py compilemessages -l da`)."""
    po = (settings.BASE_DIR / "locale" / "da" / "LC_MESSAGES" / f"{domain}.po").read_text()
    entries = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', po, re.M)
    catalog = DjangoTranslation("da", domain=domain)

    assert len(entries) > 40
    stale = [
        msgid
        for msgid, msgstr in entries
        if catalog.gettext(unescape_po(msgid)) != unescape_po(msgstr)
    ]
    assert stale == []


def unescape_po(text: str) -> str:
    return text.replace('\\"', '"').replace("\\\\", "\\")


@pytest.mark.parametrize("search", ["chooser", "listing"])
def test_the_municipalities_from_the_migration_are_found_by_name_in_the_admin(admin_client, search):
    from taxonomy.models import Municipality

    viewset = Municipality.snippet_viewset
    url = {
        "chooser": reverse(viewset.chooser_viewset.get_url_name("choose_results")),
        "listing": reverse(viewset.get_url_name("list_results")),
    }[search]

    found = admin_client.get(url, {"q": "gladsa"}).content.decode()

    assert "Gladsaxe" in found
    assert "Aabenraa" not in found
