"""Keeping the index in step with the pages, and catching up when Elasticsearch was away."""

import io
import socket
import time
from dataclasses import dataclass

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search import service
from search.backends import get_backend
from search.backends.base import SearchQuery, SearchResults
from search.models import ExternalIndex, IndexUpdate, SearchEntry

from .factories import (
    CasePageFactory,
    EventPageFactory,
    OrganisationFactory,
    PersonFactory,
    ResearchFindingPageFactory,
    ThemeFactory,
    municipality,
)
from .ports import free_port

UNREACHABLE = "http://127.0.0.1:9"  # nothing listens on the discard port


def titles(text, backend="database"):
    return [hit.title for hit in get_backend(backend).search(SearchQuery(text=text)).hits]


def run_command(*args):
    stdout = io.StringIO()
    call_command("search_index", *args, stdout=stdout, stderr=io.StringIO())
    return stdout.getvalue()


def test_publishing_makes_a_page_searchable(site_tree, client):
    page = CasePageFactory(parent=site_tree.cases, title="Cykelstier", live=False)
    page.save_revision().publish()
    data = client.get("/api/search/", {"q": "cykelstier"}).json()
    assert [result["title"] for result in data["results"]] == ["Cykelstier"]


def test_saving_a_draft_does_not_touch_the_index(site_tree):
    page = CasePageFactory(parent=site_tree.cases, title="Cykelstier", live=False)
    page.save_revision()
    assert SearchEntry.objects.count() == 0


def test_republishing_with_a_new_title_replaces_the_old_one(site_tree):
    page = CasePageFactory(parent=site_tree.cases, title="Cykelstier", live=False)
    page.save_revision().publish()
    page.title = "Gangstier"
    page.save_revision().publish()
    assert titles("gangstier") == ["Gangstier"]
    assert titles("cykelstier") == []


def test_renaming_a_theme_updates_the_pages_that_carry_it(site_tree):
    theme = ThemeFactory(name="Affald", slug="affald")
    page = CasePageFactory(parent=site_tree.cases, title="Sortering", themes=[theme], live=False)
    page.save_revision().publish()
    theme.name = "Cirkulær økonomi"
    theme.save()
    (hit,) = get_backend("database").search(SearchQuery(text="cirkulær")).hits
    assert hit.themes == ["Cirkulær økonomi"]


def test_renaming_a_theme_or_municipality_updates_every_page_type_tagged_with_it(site_tree):
    theme = ThemeFactory(name="Affald", slug="affald")
    place = municipality("vejle")
    for page in (
        CasePageFactory(parent=site_tree.cases, title="Sortering", themes=[theme], live=False),
        ResearchFindingPageFactory(
            parent=site_tree.research, title="Genbrug", themes=[theme], live=False
        ),
        CasePageFactory(parent=site_tree.cases, title="Havnen", municipality=place, live=False),
    ):
        page.save_revision().publish()

    theme.name = "Cirkulær økonomi"
    theme.save()
    place.name = "Vejle (omdøbt)"
    place.save()

    database = get_backend("database")
    assert sorted(hit.title for hit in database.search(SearchQuery(text="cirkulær")).hits) == [
        "Genbrug",
        "Sortering",
    ]
    (hit,) = database.search(SearchQuery(text="omdøbt")).hits
    assert (hit.title, hit.municipality) == ("Havnen", "Vejle (omdøbt)")


def test_renaming_a_speaker_or_an_organisation_updates_the_pages_naming_them(site_tree):
    speaker = PersonFactory(name="Line Vind")
    partner = OrganisationFactory(name="Gjerulff Bak")
    for page in (
        EventPageFactory(
            parent=site_tree.events,
            title="Symposium",
            programme=[{"type": "item", "value": {"title": "Oplæg", "speaker": speaker.pk}}],
            live=False,
        ),
        ResearchFindingPageFactory(
            parent=site_tree.research, title="Samskabelse", partners=[partner], live=False
        ),
    ):
        page.save_revision().publish()
    assert titles("Vind") == ["Symposium"]

    speaker.name = "Line Blæst"
    speaker.save()
    partner.name = "Rådgiverne"
    partner.save()

    assert (titles("Vind"), titles("Blæst")) == ([], ["Symposium"])
    assert (titles("Gjerulff"), titles("Rådgiverne")) == ([], ["Samskabelse"])


def test_a_new_parent_slug_changes_the_urls_below_it(site_tree, django_capture_on_commit_callbacks):
    page = CasePageFactory(parent=site_tree.cases, title="Vindmøller", slug="vind", live=False)
    page.save_revision().publish()
    index = site_tree.cases
    index.slug = "eksempler"
    with django_capture_on_commit_callbacks(execute=True):
        index.save_revision().publish()
    (hit,) = get_backend("database").search(SearchQuery(text="vindmøller")).hits
    assert hit.url == "/eksempler/vind/"


def test_check_lists_missing_stale_and_extra_pages_until_a_rebuild(site_tree):
    stale = CasePageFactory(parent=site_tree.cases, title="Gammel titel", live=False)
    stale.save_revision().publish()
    gone = CasePageFactory(parent=site_tree.cases, title="Snart væk", live=False)
    gone.save_revision().publish()
    missing = CasePageFactory(parent=site_tree.cases, title="Aldrig publiceret via Wagtail")
    type(stale).objects.filter(pk=stale.pk).update(title="Ny titel")  # bypasses the signals
    type(gone).objects.filter(pk=gone.pk).update(live=False)

    with pytest.raises(CommandError) as error:
        run_command("--check")
    assert error.value.returncode == 1

    report = run_command("--rebuild")
    assert "database: indexed 2 page(s)." in report
    assert run_command("--check") == "database: up to date.\n"
    assert titles("titel") == ["Ny titel"]
    assert {hit.page_id for hit in get_backend("database").search(SearchQuery()).hits} == {
        stale.pk,
        missing.pk,
    }


def test_check_output_names_each_problem(site_tree):
    page = CasePageFactory(parent=site_tree.cases, title="Uindekseret")
    stdout = io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_index", "--check", stdout=stdout, stderr=io.StringIO())
    assert f"database: missing page {page.pk}" in stdout.getvalue()


def test_publishing_succeeds_when_elasticsearch_is_unreachable_and_the_miss_is_recorded(
    site_tree, settings, after_commit
):
    settings.ELASTICSEARCH_URL = UNREACHABLE
    settings.SEARCH_BACKEND = "elasticsearch"
    page = CasePageFactory(parent=site_tree.cases, title="Havvind", live=False)
    with after_commit():
        page.save_revision().publish()
    page.refresh_from_db()
    assert page.live
    assert titles("havvind") == ["Havvind"]  # the database index is always kept
    assert list(IndexUpdate.objects.values_list("page_id", flat=True)) == [page.pk]
    results = service.search(SearchQuery(text="havvind"))
    assert results.degraded
    assert [hit.title for hit in results.hits] == ["Havvind"]


@pytest.fixture
def unanswering_url():
    """A port that accepts connections and never answers, like a black-holed address."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def test_an_unanswering_elasticsearch_is_left_alone_after_one_timeout(
    site_tree, settings, unanswering_url, after_commit
):
    page = CasePageFactory(parent=site_tree.cases, title="Havvind", live=False)
    page.save_revision().publish()
    settings.ELASTICSEARCH_URL = unanswering_url
    settings.SEARCH_BACKEND = "elasticsearch"

    first = timed_search("havvind")
    second = timed_search("havvind")
    started = time.monotonic()
    later = CasePageFactory(parent=site_tree.cases, title="Havvind ved kysten", live=False)
    with after_commit():
        later.save_revision().publish()
    publishing_seconds = time.monotonic() - started

    # The first search waits out the request timeout (3 s); what follows must not.
    assert first.results.degraded and first.seconds >= 2
    assert second.results.degraded and second.seconds < 1
    assert [hit.title for hit in second.results.hits] == ["Havvind"]
    assert publishing_seconds < 2
    assert list(IndexUpdate.objects.values_list("page_id", flat=True)) == [later.pk]


def test_after_a_refused_connection_searches_do_not_touch_the_network(site_tree, settings):
    port = free_port()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.SEARCH_BACKEND = "elasticsearch"
    assert timed_search("havvind").results.degraded
    with socket.create_server(("127.0.0.1", port)) as listener:  # the port opens again ...
        second = timed_search("havvind")
        listener.settimeout(0.1)
        with pytest.raises(TimeoutError):  # ... and the second search did not knock
            listener.accept()
    assert second.results.degraded and second.seconds < 0.2


@dataclass
class TimedSearch:
    results: SearchResults
    seconds: float


def timed_search(text: str) -> TimedSearch:
    started = time.monotonic()
    results = service.search(SearchQuery(text=text))
    return TimedSearch(results, time.monotonic() - started)


@pytest.mark.elasticsearch
def test_missed_updates_are_applied_when_elasticsearch_answers_again(
    site_tree, settings, site_on_elasticsearch, after_commit
):
    kept = CasePageFactory(parent=site_tree.cases, title="Fjernvarme", live=False)
    kept.save_revision().publish()
    doomed = CasePageFactory(parent=site_tree.cases, title="Biogas", live=False)
    doomed.save_revision().publish()
    run_command("--rebuild")

    settings.ELASTICSEARCH_URL = UNREACHABLE  # Elasticsearch goes away ...
    added = CasePageFactory(parent=site_tree.cases, title="Solceller", live=False)
    with after_commit():
        added.save_revision().publish()
        doomed.refresh_from_db()
        doomed.unpublish()
    assert IndexUpdate.objects.count() == 2
    assert service.search(SearchQuery(text="solceller")).degraded

    settings.ELASTICSEARCH_URL = site_on_elasticsearch  # ... and comes back
    assert run_command("--check").splitlines() == [
        "database: up to date.",
        "elasticsearch: up to date.",
    ]
    assert IndexUpdate.objects.count() == 0
    assert titles("solceller", "elasticsearch") == ["Solceller"]
    assert titles("biogas", "elasticsearch") == []


@pytest.mark.elasticsearch
def test_while_updates_are_pending_search_answers_from_the_database_until_a_catch_up(
    site_tree, settings, site_on_elasticsearch, after_commit
):
    run_command("--rebuild")
    settings.ELASTICSEARCH_URL = UNREACHABLE
    page = CasePageFactory(parent=site_tree.cases, title="Affaldssortering", live=False)
    with after_commit():
        page.save_revision().publish()
    settings.ELASTICSEARCH_URL = site_on_elasticsearch

    behind = service.search(SearchQuery(text="affaldssortering"))
    report = run_command("--catch-up")
    caught_up = service.search(SearchQuery(text="affaldssortering"))

    assert behind.degraded and [hit.title for hit in behind.hits] == ["Affaldssortering"]
    assert report == "Caught up 1 page(s).\n"
    assert caught_up.backend == "elasticsearch" and not caught_up.degraded
    assert [hit.title for hit in caught_up.hits] == ["Affaldssortering"]
    assert IndexUpdate.objects.count() == 0


# A search only reads ------------------------------------------------------------------------

WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


def writes_among(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITE_STATEMENTS)]


def search_requests(client) -> list:
    """What a visitor does: the search page, the JSON API, a misspelling, autocomplete."""
    return [
        client.get("/soeg/", {"q": "havvind"}),
        client.get("/api/search/", {"q": "havvind"}),
        client.get("/api/search/", {"q": "havvimd"}),
        client.get("/api/search/suggest/", {"q": "hav"}),
    ]


def publish_while_elasticsearch_is_away(site_tree, settings, after_commit):
    """A page published while the node did not answer: its update waits in the outbox."""
    url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = UNREACHABLE
    page = CasePageFactory(parent=site_tree.cases, title="Havvind", live=False)
    with after_commit():
        page.save_revision().publish()
    settings.ELASTICSEARCH_URL = url
    return page


def test_a_search_on_the_database_backend_writes_nothing_while_updates_are_pending(
    site_tree, client, after_commit
):
    ExternalIndex.objects.create(backend="elasticsearch", built=timezone.now())
    page = CasePageFactory(parent=site_tree.cases, title="Havvind", live=False)
    with after_commit():
        page.save_revision().publish()  # this process has no Elasticsearch: the row stays
    pending = list(IndexUpdate.objects.values_list("pk", "page_id"))

    with CaptureQueriesContext(connection) as queries:
        responses = search_requests(client)

    assert [response.status_code for response in responses] == [200] * 4
    assert responses[1].json()["count"] == 1
    assert writes_among(queries.captured_queries) == []
    assert list(IndexUpdate.objects.values_list("pk", "page_id")) == pending
    assert [page_id for _, page_id in pending] == [page.pk]


@pytest.mark.elasticsearch
def test_a_search_on_elasticsearch_writes_nothing_while_updates_are_pending(
    site_tree, settings, site_on_elasticsearch, client, after_commit
):
    run_command("--rebuild")
    page = publish_while_elasticsearch_is_away(site_tree, settings, after_commit)
    pending = list(IndexUpdate.objects.values_list("pk", "page_id"))
    elasticsearch = get_backend("elasticsearch")

    with CaptureQueriesContext(connection) as queries:
        responses = search_requests(client)

    assert [response.status_code for response in responses] == [200] * 4
    assert responses[1].json()["degraded"] is True  # the index is behind: the database answers
    assert writes_among(queries.captured_queries) == []
    assert list(IndexUpdate.objects.values_list("pk", "page_id")) == pending
    assert [page_id for _, page_id in pending] == [page.pk]
    assert elasticsearch.index_state() == {}


# Processes without ELASTICSEARCH_URL ----------------------------------------------------------


@pytest.mark.elasticsearch
def test_a_process_without_elasticsearch_leaves_its_updates_for_a_later_catch_up(
    site_tree, settings, site_on_elasticsearch, after_commit
):
    run_command("--rebuild")  # the site runs on Elasticsearch
    settings.ELASTICSEARCH_URL = ""  # ... and a cron job or a shell does not know it
    settings.SEARCH_BACKEND = "database"
    page = CasePageFactory(parent=site_tree.cases, title="Grønne tage", live=False)
    with after_commit():
        page.save_revision().publish()
    report_without = run_command("--catch-up")
    left_for_elasticsearch = list(IndexUpdate.objects.values_list("page_id", flat=True))

    settings.ELASTICSEARCH_URL = site_on_elasticsearch
    settings.SEARCH_BACKEND = "elasticsearch"
    report_with = run_command("--catch-up")

    assert titles("grønne tage") == ["Grønne tage"]  # the database index at once
    assert left_for_elasticsearch == [page.pk]
    assert "1 update(s) left for Elasticsearch" in report_without
    assert report_with == "Caught up 1 page(s).\n"
    assert titles("grønne tage", "elasticsearch") == ["Grønne tage"]
    assert IndexUpdate.objects.count() == 0


def test_a_site_that_never_built_an_elasticsearch_index_keeps_no_outbox(site_tree, after_commit):
    page = CasePageFactory(parent=site_tree.cases, title="Grønne tage", live=False)
    with after_commit():
        page.save_revision().publish()
        page.unpublish()
    assert IndexUpdate.objects.count() == 0


def test_forgetting_elasticsearch_stops_the_outbox_and_drops_its_rows(site_tree, after_commit):
    ExternalIndex.objects.create(backend="elasticsearch", built=timezone.now())
    page = CasePageFactory(parent=site_tree.cases, title="Grønne tage", live=False)
    with after_commit():
        page.save_revision().publish()
    recorded = IndexUpdate.objects.count()

    report = run_command("--forget-elasticsearch")
    with after_commit():
        page.unpublish()

    assert recorded == 1
    assert report == "Elasticsearch forgotten; 1 recorded update(s) dropped.\n"
    assert IndexUpdate.objects.count() == 0


def test_a_rolled_back_publish_leaves_neither_index_entry_nor_outbox_row(site_tree, after_commit):
    ExternalIndex.objects.create(backend="elasticsearch", built=timezone.now())
    page = CasePageFactory(parent=site_tree.cases, title="Fortrudt", live=False)
    with after_commit(), pytest.raises(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        raise RuntimeError("the request failed after publishing")
    assert titles("fortrudt") == []
    assert IndexUpdate.objects.count() == 0


# Rebuilding the database index --------------------------------------------------------------


def test_pages_changed_during_a_database_rebuild_are_right_after_it(
    site_tree, monkeypatch, after_commit
):
    from search import index_sync

    CasePageFactory(parent=site_tree.cases, title="Vindmøller på land")
    doomed = CasePageFactory(parent=site_tree.cases, title="Biogas på gården", live=False)
    doomed.save_revision().publish()
    renamed = CasePageFactory(parent=site_tree.cases, title="Solceller", live=False)
    renamed.save_revision().publish()
    added = CasePageFactory(parent=site_tree.cases, title="Varmepumper", live=False)
    read_pages = index_sync.all_documents

    def read_then_change_pages():
        """The first reading of the rebuild, then changes committed before it writes."""
        monkeypatch.setattr(index_sync, "all_documents", read_pages)
        documents = read_pages()
        with after_commit():
            added.save_revision().publish()
            doomed.refresh_from_db()
            doomed.unpublish()
            renamed.refresh_from_db()
            renamed.title = "Solceller på skolerne"
            renamed.save_revision().publish()
        return documents

    monkeypatch.setattr(index_sync, "all_documents", read_then_change_pages)
    index_sync.rebuild(get_backend("database"))

    assert titles("varmepumper") == ["Varmepumper"]
    assert titles("biogas") == []
    assert titles("solceller") == ["Solceller på skolerne"]
    differences = index_sync.index_differences(get_backend("database"), index_sync.all_documents())
    assert differences == {"missing": [], "stale": [], "extra": []}


def test_a_database_rebuild_with_no_page_changed_meanwhile_reads_the_pages_once(
    site_tree, monkeypatch
):
    from search import index_sync
    from search.models import SearchWord

    for title in ("Vindmøller på land", "Vindmøller til havs", "Biogas på gården"):
        CasePageFactory(parent=site_tree.cases, title=title)
    readings = []
    read_pages = index_sync.all_documents
    monkeypatch.setattr(index_sync, "all_documents", lambda: readings.append(1) or read_pages())

    assert index_sync.rebuild(get_backend("database")) == 3

    assert len(readings) == 1
    assert run_command("--check") == "database: up to date.\n"
    counts = dict(SearchWord.objects.values_list("word", "documents"))
    assert (counts["vindmøller"], counts["biogas"]) == (2, 1)
