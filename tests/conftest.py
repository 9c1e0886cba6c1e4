"""Shared fixtures: a site tree with the home page as the default site's root, a real
Elasticsearch node for the tests that need one, running after-commit work, and a real SMTP
server that receives the site's e-mail."""

import datetime
import io
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as email_policy

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cases.models import CaseIndexPage, GoalIndexPage, MunicipalityIndexPage, ResearchIndexPage
from demo.pages import load_demo_content
from events.models import EventIndexPage
from home.models import HomePage, SiteSettings
from taxonomy.models import Approach

from .factories import (
    CaseIndexPageFactory,
    CasePageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    GoalIndexPageFactory,
    HomePageFactory,
    MunicipalityIndexPageFactory,
    ResearchIndexPageFactory,
    ThemeFactory,
    municipality,
)
from .ports import free_port


@dataclass
class SiteTree:
    home: HomePage
    cases: CaseIndexPage
    research: ResearchIndexPage
    events: EventIndexPage
    goals: GoalIndexPage
    municipalities: MunicipalityIndexPage


def build_site_tree() -> SiteTree:
    """Replace Wagtail's welcome page with our home page and the five index pages under it."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    SiteSettings.for_site(site)  # made by the first request otherwise, costing queries once
    Page.objects.exclude(pk__in=[root.pk, home.pk]).filter(depth=2).delete()
    return SiteTree(
        home=home,
        cases=CaseIndexPageFactory(parent=home),
        research=ResearchIndexPageFactory(parent=home),
        events=EventIndexPageFactory(parent=home),
        goals=GoalIndexPageFactory(parent=home),
        municipalities=MunicipalityIndexPageFactory(parent=home),
    )


@pytest.fixture(autouse=True)
def forget_renditions():
    """Wagtail remembers renditions in the cache under their image's id, and ids come back
    after a test's rollback: without this a test could be served another test's file."""
    yield
    get_image_model().get_rendition_model().cache_backend.clear()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """Loaded once for the module in a transaction rolled back at its end; each test runs in a
    savepoint inside it (pytest-django's `db`), so a test may still change things."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo_content()
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


@pytest.fixture
def site_tree(db) -> SiteTree:
    return build_site_tree()


@pytest.fixture
def home_page(site_tree) -> HomePage:
    return site_tree.home


@pytest.fixture
def case_index(site_tree) -> CaseIndexPage:
    return site_tree.cases


@pytest.fixture
def research_index(site_tree) -> ResearchIndexPage:
    return site_tree.research


@pytest.fixture
def event_index(site_tree) -> EventIndexPage:
    return site_tree.events


# Search ------------------------------------------------------------------------------------


@pytest.fixture
def search_catalogue(site_tree) -> dict:
    """Two cases and an event, with every facet's values, indexed for the database backend:
    the catalogue the search page, API and facet tests ask. The cases are dated 2021 and 2024
    (their content dates), though published on the site today."""
    climate = ThemeFactory(name="Klima", slug="klima")
    pages = {
        "plan": CasePageFactory(
            parent=site_tree.cases,
            title="Klimaplan for kommunen",
            municipality=municipality("gladsaxe"),
            goals=[13, 11],
            themes=[climate],
            approach=Approach.HYBRID,
            date=datetime.date(2021, 1, 28),
        ),
        "water": CasePageFactory(
            parent=site_tree.cases,
            title="Rent vand i kommunerne",
            municipality=municipality("guldborgsund"),
            goals=[6],
            approach=Approach.BOTTOM_UP,
            date=datetime.date(2024, 3, 1),
        ),
        "event": EventPageFactory(
            parent=site_tree.events,
            title="Symposium om kommunernes klima",
            summary="Om klimaarbejde i kommunerne.",
        ),
    }
    call_command("search_index", "--rebuild", stdout=io.StringIO(), stderr=io.StringIO())
    return pages


# Elasticsearch -----------------------------------------------------------------------------


def service_url(variable: str, script: str) -> str:
    """The URL of a real service from the environment; without it the test is skipped
    locally and fails with CI=true, where nothing may be skipped."""
    url = os.environ.get(variable, "")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {variable} is not set: start scripts/{script}")
        pytest.skip(f'{variable} is not set; run: eval "$(scripts/{script} start)"')
    return url


@pytest.fixture(scope="session")
def elasticsearch_url() -> Iterator[str]:
    """The URL of a real node (`eval "$(scripts/elasticsearch start)"`). Without
    ELASTICSEARCH_URL the test is skipped locally and fails with CI=true, where nothing may
    be skipped. The test run's indexes (SEARCH_INDEX_PREFIX*) are deleted at the end."""
    url = service_url("ELASTICSEARCH_URL", "elasticsearch")
    yield url
    _delete_test_run_indexes(url)


def _delete_test_run_indexes(url: str) -> None:
    from search.backends.elasticsearch import ElasticsearchBackend

    client = ElasticsearchBackend(url=url).client
    # Every index and alias of the run is named "<prefix>-…"; the dash keeps another run's
    # (another test run on the same node, whose pid may start with this one's) out of the match.
    names = list(client.indices.get(index=f"{django_settings.SEARCH_INDEX_PREFIX}-*"))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)


def unique_index_prefix() -> str:
    """An index prefix of its own under the test run's, so tests cannot see each other."""
    return f"{django_settings.SEARCH_INDEX_PREFIX}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def site_on_elasticsearch(settings, elasticsearch_url) -> str:
    """The site configured as in production with ELASTICSEARCH_URL set, on an index prefix
    of the test's own. Returns the node's URL."""
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_INDEX_PREFIX = unique_index_prefix()
    return elasticsearch_url


# Transactions ------------------------------------------------------------------------------


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """`with after_commit(): ...` runs what the block left for after the commit when the
    block ends, as a real commit would: pytest-django's `db` wraps each test in a
    transaction that is never committed, so the callbacks would not run otherwise."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# E-mail ------------------------------------------------------------------------------------


@dataclass
class Mailbox:
    """What a real SMTP server on 127.0.0.1 (at `port`) received, parsed (subject, To, body)."""

    messages: list[EmailMessage]
    port: int = 0

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if address in message["To"]]

    def wait_for(self, address: str, about: str = "", timeout: float = 10) -> list[EmailMessage]:
        """The messages to `address` whose subject mentions `about`, once one has arrived
        (another process may send it after its commit), or none after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while not (found := self._about(address, about)) and time.monotonic() < deadline:
            time.sleep(0.1)
        return found

    def _about(self, address: str, about: str) -> list[EmailMessage]:
        return [message for message in self.to(address) if about in message["Subject"]]


@contextmanager
def running_smtp_server() -> Iterator[Mailbox]:
    """An aiosmtpd server on a free local port, collecting what it receives in a Mailbox."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox(messages=[])

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            mailbox.messages.append(message_from_bytes(envelope.content, policy=email_policy))
            return "250 Message accepted for delivery"

    mailbox.port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def smtp_mailbox(settings) -> Iterator[Mailbox]:
    """A real SMTP server, and the site sending through it with Django's SMTP backend
    (pytest-django swaps in the locmem backend; this swaps it back)."""
    with running_smtp_server() as mailbox:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = mailbox.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield mailbox


def pytest_collection_modifyitems(items) -> None:
    """Mark every test that uses a real Elasticsearch node `elasticsearch`, whether it asks for
    the node itself or for the site set up on it, so `-m` can select them all."""
    for item in items:
        if {"elasticsearch_url", "site_on_elasticsearch"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.elasticsearch)
