"""The secretariat's work from end to end in a real browser, on a served demo site that sends
its e-mail to a real SMTP server: an editor writes a case through the admin's choosers and
submits it, a moderator follows the e-mail and publishes it, and the public finds it; a
municipality proposes a case at /indsend/ and the moderators hear of it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.served_site import serve_demo_site
from tests.conftest import running_smtp_server

PASSWORD = "kodeord-til-browseren"
EDITOR = ("redaktoer", "redaktoer@example.dk", "Redaktører")
MODERATOR = ("moderator", "moderator@example.dk", "Moderatorer")
CREATE_USERS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
for username, email, group in {users!r}:
    user = get_user_model().objects.create_user(username, email, {password!r})
    user.groups.add(Group.objects.get(name=group))
"""
CASE_TITLE = "Klimaborgere i Gladsaxe"
RESEARCH_TITLE = "Samskabelse omkring verdensmålene i kommunerne"


@pytest.fixture(scope="module", autouse=True)
def patient_expectations():
    """Each step here waits on a development server that renders, saves and mails on a busy
    machine: 15 seconds for what a person sees, not Playwright's default of 5."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture(scope="module")
def mailbox():
    with running_smtp_server() as mailbox:
        yield mailbox


@pytest.fixture(scope="module")
def mailing_site(tmp_path_factory, mailbox):
    """A demo site of this module's own, sending its e-mail to `mailbox`, with an editor and
    a moderator."""
    mail_env = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mailbox.port),
    }
    sites = serve_demo_site(
        tmp_path_factory.mktemp("mailing-site"), {"SEARCH_BACKEND": "database"}, mail_env
    )
    site = next(sites)
    site.manage("shell", "-c", CREATE_USERS.format(users=[EDITOR, MODERATOR], password=PASSWORD))
    yield site
    sites.close()


@pytest.fixture
def person(browser):
    """`person()`: a page in a browser of its own (cookies, local storage), for each person
    taking part; all closed at the end."""
    contexts = []

    def new_page():
        contexts.append(
            browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
        )
        return contexts[-1].new_page()

    yield new_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> None:
    """A full-page screenshot under .run/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def log_in(page, site, username: str) -> None:
    page.goto(site.url + "/admin/login/")
    page.get_by_role("textbox", name="Brugernavn*").fill(username)
    page.get_by_label("Password*").fill(PASSWORD)  # Wagtail's Danish leaves it in English
    page.get_by_role("button", name="Log Ind").click()
    page.wait_for_url(site.url + "/admin/")


def choose_in_modal(page, opener: str, *, link: str = "", row: str = "") -> None:
    """Open a chooser with the button `opener` and pick one item: a `link` found by
    searching its name, or the `row` of a multiple chooser (tick it, confirm the selection)."""
    page.get_by_role("button", name=opener).click()
    modal = page.locator(".modal-content")
    if link:
        modal.get_by_role("textbox").first.fill(link)
        modal.get_by_role("link", name=link, exact=True).click()
    else:
        modal.get_by_role("row").filter(has_text=row).get_by_role("checkbox").check()
        modal.locator("[data-multiple-choice-submit]").click()
    expect(modal).to_be_hidden()


def write_case(page) -> None:
    """Fill in the new case's form as an editor does, choosers and body block included."""
    page.get_by_role("textbox", name="Titel*").fill(CASE_TITLE)
    page.get_by_role("textbox", name="Resumé*").fill("Kommunen samler borgerne om klimaet.")
    choose_in_modal(page, "Vælg kommune", link="Gladsaxe")  # not on the list's first page
    page.get_by_role("combobox", name="Organisering*").select_option(label="Bottom-up")
    page.get_by_role("checkbox", name="13. Klimaindsats").check()
    page.get_by_role("checkbox", name="Samskabelse").check()
    page.get_by_role("button", name="Indsæt en blok").first.click()
    page.get_by_role("option", name="Udfordring").click()
    page.locator("[data-contentpath=body] [contenteditable=true]").click()
    page.keyboard.type("Borgerne manglede en stemme i klimaarbejdet.")
    choose_in_modal(page, "Tilføj forskningsresultat", row=RESEARCH_TITLE)


def preview_shows_the_case(page) -> None:
    page.get_by_role("button", name="Vis/skjul forhåndsvisning").click()
    preview = page.frame_locator("iframe[id*=preview]")
    shows_the_case(preview)


def shows_the_case(page_or_frame) -> None:
    """The case as written, with its chosen research (the first render can take a while)."""
    heading = page_or_frame.get_by_role("heading", name=CASE_TITLE, level=1)
    expect(heading).to_be_visible(timeout=20_000)
    expect(page_or_frame.get_by_role("link", name=RESEARCH_TITLE)).to_be_visible()


def autosave_is_done(page) -> None:
    """Wagtail 8 saves the form every half second while an editor writes (a new page
    included); an editor who submits while a save is under way may be told the page could not
    be created. Wait, as an editor would, until the editor says it saved."""
    indicator = page.locator("#w-autosave-indicator")
    expect(indicator.locator(".w-autosave-indicator__state--saving")).to_be_hidden()
    expect(indicator.locator(".w-autosave-indicator__state--saved")).to_be_visible()


def admin_links(message, site) -> list[str]:
    """The links into the site's admin in an e-mail's text, in order."""
    text = message.get_body(("plain",)).get_content()
    links = re.findall(re.escape(site.url) + r"/admin/pages/\S+", text)
    assert links, f"no link to the admin's pages in the e-mail:\n{text}"
    return links


def test_an_editors_case_is_moderated_published_and_found_by_the_public(
    mailing_site, mailbox, person
):
    site = mailing_site
    page = person()
    log_in(page, site, "redaktoer")
    page.get_by_role("link", name="Sider").first.click()
    page.get_by_role("link", name=re.compile("Udforsk undersider af 'Cases'")).click()
    page.get_by_role("link", name="Tilføj en underside").click()
    write_case(page)
    screenshot(page, "editorial-flow-editor-form")
    preview_shows_the_case(page)
    screenshot(page, "editorial-flow-editor-preview")
    autosave_is_done(page)
    page.get_by_role("button", name="Flere handlinger").click()
    page.get_by_role("button", name="Send til Moderering").click()
    expect(page.locator(".messages")).to_contain_text(CASE_TITLE)

    submitted = mailbox.wait_for(MODERATOR[1], about=CASE_TITLE)
    assert len(submitted) == 1
    assert mailbox.to(EDITOR[1]) == []

    page = person()
    log_in(page, site, "moderator")
    expect(page.get_by_text(CASE_TITLE).first).to_be_visible()
    screenshot(page, "editorial-flow-moderator-dashboard")
    preview_link, edit_link = admin_links(submitted[0], site)
    page.goto(preview_link)
    shows_the_case(page)
    screenshot(page, "editorial-flow-moderator-preview")
    page.goto(edit_link)
    preview_shows_the_case(page)
    page.get_by_role("button", name="Flere handlinger").click()
    page.get_by_role("button", name="Godkend og Publicér").click()
    expect(page.locator(".messages")).to_contain_text(CASE_TITLE)

    approved = mailbox.wait_for(EDITOR[1], about=CASE_TITLE)
    assert len(approved) == 1

    page = person()
    page.goto(site.url + "/cases/klimaborgere-i-gladsaxe/")
    shows_the_case(page)
    screenshot(page, "editorial-flow-public-case")
    page.goto(site.url + "/soeg/?q=Klimaborgere")
    expect(page.get_by_role("link", name=CASE_TITLE)).to_be_visible()
    page.goto(site.url + "/cases/?goal=13")
    expect(page.get_by_role("link", name=CASE_TITLE)).to_be_visible()
    page.goto(site.url + "/cases/?goal=1")
    expect(page.get_by_role("link", name=CASE_TITLE)).to_have_count(0)


def test_a_visitors_submission_reaches_the_moderators_dashboard_and_mail(
    mailing_site, mailbox, person
):
    site, title, contact = (
        mailing_site,
        "Unge klimaambassadører i Aabenraa",
        "hanne@aabenraa.example",
    )
    page = person()
    page.goto(site.url + "/indsend/")
    page.get_by_label("Kommune (skal udfyldes)").select_option(label="Aabenraa")
    page.get_by_label("Kontaktperson (skal udfyldes)").fill("Hanne Kjær")
    page.get_by_label("Kontaktpersonens e-mail (skal udfyldes)").fill(contact)
    page.get_by_label("Titel (skal udfyldes)").fill(title)
    page.get_by_label("Resumé (skal udfyldes)").fill("Elever lærer elever om klimaet.")
    page.get_by_role("checkbox", name="4. Kvalitetsuddannelse").check()
    page.get_by_role("radio", name="Bottom-up").check()
    page.get_by_label("Hvad gjorde I? (skal udfyldes)").fill("Vi uddannede 40 ambassadører.")
    page.get_by_label("Resultater (skal udfyldes)").fill("Alle skoler er med.")
    page.get_by_label("Læring (skal udfyldes)").fill("Start med lærerne.")
    page.get_by_role("checkbox", name=re.compile("^Jeg bekræfter")).check()
    screenshot(page, "editorial-flow-submission-form")
    page.get_by_role("button", name="Send casen til redaktionen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tak for jeres case")

    assert len(mailbox.wait_for(MODERATOR[1], about=title)) == 1
    receipt = mailbox.wait_for(contact)
    assert len(receipt) == 1
    # A long encoded subject is folded onto the next line: parsed, it keeps the fold's space.
    assert receipt[0]["Subject"].strip() == f"Tak for jeres case: {title}"
    page.goto(site.url + "/cases/?goal=4")
    expect(page.get_by_role("link", name=title)).to_have_count(0)  # a draft, not yet public

    page = person()
    log_in(page, site, "moderator")
    panel = page.get_by_role("region", name="Nye indsendte cases")
    expect(panel.get_by_role("link", name=title)).to_be_visible()
    expect(panel).to_contain_text("Hanne Kjær")
    screenshot(page, "editorial-flow-moderator-dashboard-submission")
    panel.get_by_role("link", name=title).click()
    expect(page.get_by_role("textbox", name="Titel*")).to_have_value(title)
