"""What only the Elasticsearch backend does: the alias swap, the Danish analyser, its own
highlighter and suggesters, and failing fast when the node cannot be reached.

These run against a real node (`eval "$(scripts/elasticsearch start)"`); without
ELASTICSEARCH_URL they skip locally and fail in CI. Every backend here gets its own index
prefix under the test run's SEARCH_INDEX_PREFIX, and the run's indexes are deleted at the end.
"""

import contextlib
import io
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from search import index_sync, service
from search.backends import get_backend
from search.backends.base import BackendUnavailable, IndexMissing, SearchQuery
from search.backends.elasticsearch import ElasticsearchBackend
from search.documents import SearchDocument
from search.models import IndexUpdate

from .conftest import unique_index_prefix
from .factories import CasePageFactory
from .ports import free_port

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def backend(elasticsearch_url) -> Iterator[ElasticsearchBackend]:
    backend = ElasticsearchBackend(url=elasticsearch_url, index_prefix=unique_index_prefix())
    yield backend
    backend.delete_all_indexes()


def document(page_id: int, title: str, **fields) -> SearchDocument:
    values = {
        "type": "case",
        "summary": "",
        "body": "",
        "url": f"/cases/{page_id}/",
        "date": date(2024, 1, page_id % 28 + 1),
        "fingerprint": f"v1-{page_id}",
    }
    return SearchDocument(page_id=page_id, title=title, **{**values, **fields})


GLADSAXE = document(
    1,
    "Gladsaxe Kommune styrer verdensmålene top-down",
    summary="Kommunalbestyrelsen har vedtaget en strategi for verdensmålene.",
    body="Gladsaxe arbejder med målene i hele organisationen.",
    goals=[11, 13],
    goal_names=["Bæredygtige byer og lokalsamfund", "Klimaindsats"],
    themes=["strategi"],
    theme_names=["Strategi"],
    municipality="gladsaxe",
    municipality_name="Gladsaxe",
    approach="top-down",
)
GULDBORGSUND = document(
    2,
    "Guldborgsund lader borgerne drive arbejdet bottom-up",
    summary="Lokale ildsjæle og foreninger sætter dagsordenen.",
    body="Kommunernes erfaringer viser, at en bottom-up tilgang skaber ejerskab.",
    goals=[11],
    goal_names=["Bæredygtige byer og lokalsamfund"],
    themes=["borgerinddragelse"],
    theme_names=["Borgerinddragelse"],
    municipality="guldborgsund",
    municipality_name="Guldborgsund",
    approach="bottom-up",
)


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


def test_rebuild_swaps_the_alias_while_searches_keep_answering(backend):
    backend.rebuild([GLADSAXE], total=1, progress=None)
    filling, filled = threading.Event(), threading.Event()

    def slow_documents() -> Iterator[SearchDocument]:
        filling.set()
        for page_id in range(10, 20):
            time.sleep(0.1)
            yield document(page_id, f"Ny side nummer {page_id}", body="genopbygget indhold")
        filled.set()

    rebuild = threading.Thread(target=backend.rebuild, args=(slow_documents(), 10, None))
    rebuild.start()
    filling.wait(timeout=5)
    answers_while_filling = []
    while not filled.is_set():
        answers_while_filling.append(titles(backend.search(SearchQuery(text="Gladsaxe"))))
    while rebuild.is_alive():  # swapping the alias and dropping the old index
        assert titles(backend.search(SearchQuery(text="Gladsaxe"))) in ([GLADSAXE.title], [])
    rebuild.join()

    assert len(answers_while_filling) > 5
    assert all(answer == [GLADSAXE.title] for answer in answers_while_filling)
    assert backend.search(SearchQuery(text="Gladsaxe")).count == 0
    assert backend.search(SearchQuery(text="genopbygget")).count == 10


def test_rebuild_leaves_one_prefixed_index_behind_the_alias(backend):
    backend.rebuild([GLADSAXE], total=1, progress=None)
    backend.rebuild([GULDBORGSUND], total=1, progress=None)

    indexes = backend.client.indices.get_alias(index=f"{backend.alias}*")
    assert len(indexes) == 1
    (name,) = indexes
    assert name.startswith(f"{settings.SEARCH_INDEX_PREFIX}-")
    assert backend.alias in indexes[name]["aliases"]
    assert backend.health().document_count == 1


def test_two_rebuilds_at_once_leave_the_later_ones_index_whole_behind_the_alias(backend):
    """A publish and `--catch-up` may both find the index missing and rebuild it at once."""

    def rebuild_again_midway(done: int, total: int) -> None:
        if done == 1:
            backend.rebuild([GLADSAXE, GULDBORGSUND], total=2, progress=None)

    backend.rebuild([GLADSAXE, GULDBORGSUND], total=2, progress=rebuild_again_midway)

    indexes = backend.client.indices.get(index=f"{backend.alias}-*")
    assert len(indexes) == 1
    (name,) = indexes
    assert backend.alias in indexes[name]["aliases"]
    assert indexes[name]["mappings"]["dynamic"] == "strict"  # made by a rebuild, not a write
    assert backend.document_count() == 2


def test_rebuild_reports_progress_for_every_document(backend):
    progress = []
    backend.rebuild([GLADSAXE, GULDBORGSUND], total=2, progress=lambda *done: progress.append(done))

    assert progress == [(1, 2), (2, 2)]


def test_writes_before_any_rebuild_create_no_index(backend):
    with pytest.raises(IndexMissing):
        backend.index_documents([GLADSAXE])
    with pytest.raises(IndexMissing):
        backend.remove_pages([GLADSAXE.page_id])

    assert backend.document_count() is None
    assert backend.versioned_indexes() == []
    assert not backend.client.indices.exists(index=backend.alias)


def test_search_before_any_index_exists_is_unavailable_not_an_error(backend):
    with pytest.raises(BackendUnavailable):
        backend.search(SearchQuery(text="klima"))
    health = backend.health()
    assert health.reachable and health.document_count == 0


def test_unreachable_node_is_reported_quickly():
    closed_port = free_port()  # nothing listens there: a real refused connection
    backend = ElasticsearchBackend(url=f"http://127.0.0.1:{closed_port}", index_prefix="closed")

    started = time.monotonic()
    with pytest.raises(BackendUnavailable):
        backend.search(SearchQuery(text="klima"))
    with pytest.raises(BackendUnavailable):
        backend.index_documents([GLADSAXE])
    with pytest.raises(BackendUnavailable):
        backend.suggest("glad")
    health = backend.health()

    assert time.monotonic() - started < 5
    assert health.backend == "elasticsearch" and not health.reachable


@pytest.mark.parametrize(
    ("inflected", "base"), [("kommunernes", "kommune"), ("verdensmålene", "verdensmål")]
)
def test_danish_analyser_gives_inflections_one_stem(backend, inflected, base):
    backend.rebuild([], total=0, progress=None)

    def stems(text: str) -> list[str]:
        tokens = backend.client.indices.analyze(
            index=backend.alias, analyzer="danish_text", text=text
        )["tokens"]
        return [token["token"] for token in tokens]

    assert stems(inflected) == stems(base)


def test_inflected_query_finds_the_base_form(backend):
    backend.rebuild([GLADSAXE, GULDBORGSUND], total=2, progress=None)

    assert titles(backend.search(SearchQuery(text="verdensmål"))) == [GLADSAXE.title]
    found = titles(backend.search(SearchQuery(text="kommune")))
    assert sorted(found) == sorted([GLADSAXE.title, GULDBORGSUND.title])


def test_title_outranks_body(backend):
    body_mention = document(3, "Affald og genbrug", body="Også Gladsaxe sorterer affald.")
    backend.rebuild([body_mention, GLADSAXE], total=2, progress=None)

    assert titles(backend.search(SearchQuery(text="gladsaxe"))) == [
        GLADSAXE.title,
        "Affald og genbrug",
    ]


def test_highlight_marks_matches_and_escapes_html(backend):
    unsafe = document(4, "Klimaplan", summary="<script>alert(1)</script> Klimaplanen for Aarhus")
    backend.rebuild([unsafe], total=1, progress=None)

    (hit,) = backend.search(SearchQuery(text="klimaplanen")).hits

    assert "<mark>Klimaplanen</mark>" in hit.highlight
    assert "&lt;script&gt;" in hit.highlight and "<script>" not in hit.highlight


def test_browsing_shows_the_start_of_the_summary(backend):
    backend.rebuild([GLADSAXE], total=1, progress=None)

    (hit,) = backend.search(SearchQuery(filters={"goal": (13,)})).hits

    assert hit.highlight.startswith("Kommunalbestyrelsen har vedtaget")


def test_did_you_mean_corrects_a_misspelt_municipality(backend):
    backend.rebuild([GLADSAXE, GULDBORGSUND], total=2, progress=None)

    results = backend.search(SearchQuery(text="gladsaxr"))

    assert results.count == 0
    assert results.suggestion == "gladsaxe"
    assert backend.search(SearchQuery(text="gladsaxe")).suggestion is None


def test_autocomplete_completes_titles_from_any_word_and_taxonomy_names(backend):
    backend.rebuild([GLADSAXE, GULDBORGSUND], total=2, progress=None)

    assert backend.suggest("glad") == ["Gladsaxe", GLADSAXE.title]
    assert GULDBORGSUND.title in backend.suggest("borgerne")
    assert "Borgerinddragelse" in backend.suggest("borger")
    assert backend.suggest("g") == []


@pytest.mark.parametrize("text", ['"AND (', "*", "\\", "title:klima OR", "x" * 10_000])
def test_search_syntax_and_huge_queries_are_plain_text(backend, text):
    backend.rebuild([GLADSAXE], total=1, progress=None)

    results = backend.search(SearchQuery(text=text))

    assert results.count == 0


def test_facet_counts_ignore_their_own_filter_and_apply_the_others(backend):
    backend.rebuild([GLADSAXE, GULDBORGSUND], total=2, progress=None)

    results = backend.search(SearchQuery(filters={"goal": (13,), "municipality": ("gladsaxe",)}))

    assert titles(results) == [GLADSAXE.title]
    assert results.facets["goal"] == {"11": 1, "13": 1}
    assert results.facets["municipality"] == {"gladsaxe": 1}
    assert results.facets["type"] == {"case": 1}


def test_page_beyond_the_result_window_is_empty_not_an_error(backend):
    backend.rebuild([GLADSAXE], total=1, progress=None)

    results = backend.search(SearchQuery(page=5_000, per_page=10))

    assert results.count == 1 and results.hits == []


def test_a_rebuild_creates_the_index_with_the_configured_shards_and_replicas(backend, settings):
    settings.SEARCH_SHARDS, settings.SEARCH_REPLICAS = 2, 0

    backend.rebuild([GLADSAXE], total=1, progress=None)

    (index,) = backend.client.indices.get_settings(index=backend.alias).values()
    shards = index["settings"]["index"]
    assert (shards["number_of_shards"], shards["number_of_replicas"]) == ("2", "0")


def test_a_node_that_cannot_be_reached_is_passed_over_for_the_next_one(elasticsearch_url):
    prefix = unique_index_prefix()
    writer = ElasticsearchBackend(url=elasticsearch_url, index_prefix=prefix)
    writer.rebuild([GLADSAXE], total=1, progress=None)
    nobody = f"http://127.0.0.1:{free_port()}"
    cluster = ElasticsearchBackend(url=f"{nobody}, {elasticsearch_url}", index_prefix=prefix)

    results = [cluster.search(SearchQuery(text="gladsaxe")).count for _ in range(3)]

    assert results == [1, 1, 1]
    writer.delete_all_indexes()


def test_index_state_and_removal(backend):
    backend.rebuild([GLADSAXE, GULDBORGSUND], total=2, progress=None)

    backend.remove_pages([GLADSAXE.page_id, 999])

    assert backend.index_state() == {GULDBORGSUND.page_id: GULDBORGSUND.fingerprint}
    assert backend.search(SearchQuery(text="gladsaxe")).count == 0


# The node going away mid-session -----------------------------------------------------------


class Relay:
    """A TCP relay in front of the real node. Stopping it refuses connections the way a
    stopped node does, without stopping the node other tests share; hanging it holds every
    request unanswered, the way a node in a long garbage collection does."""

    def __init__(self, target_url: str):
        target = urlsplit(target_url)
        self.target = (target.hostname, target.port)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.stopped = threading.Event()
        self.hung = threading.Event()
        self.sockets: list[socket.socket] = []

    def start(self) -> None:
        self.stopped.clear()
        listener = socket.create_server(("127.0.0.1", self.port))
        listener.settimeout(0.05)
        self.sockets.append(listener)
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        self.stopped.set()
        self.hung.clear()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets.clear()

    def hang(self) -> None:
        self.hung.set()

    def accept(self, listener: socket.socket) -> None:
        while not self.stopped.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pipe, args=(source, sink), daemon=True).start()

    def pipe(self, source: socket.socket, sink: socket.socket) -> None:
        """Forward what comes, except while hung: then it is held, never delivered."""
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if self.hung.is_set():
                    continue
                sink.sendall(data)
            sink.shutdown(socket.SHUT_WR)


@pytest.fixture
def relay(elasticsearch_url) -> Iterator[Relay]:
    relay = Relay(elasticsearch_url)
    relay.start()
    yield relay
    relay.stop()


def test_a_page_unpublished_while_the_node_was_away_is_never_shown_by_it(
    relay, settings, site_tree, after_commit
):
    """Elasticsearch still holds the page (the removal waits in the outbox) and its count
    still looks complete; search must not trust it until the removal is applied."""
    settings.ELASTICSEARCH_URL = relay.url
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_RETRY_AFTER_SECONDS = 0
    settings.SEARCH_INDEX_PREFIX = unique_index_prefix()
    secret = CasePageFactory(parent=site_tree.cases, title="Skovrejsningsprojektet i nord")
    CasePageFactory(parent=site_tree.cases, title="Vindmøller på land")
    index_sync.rebuild(get_backend("elasticsearch"))

    relay.stop()
    with after_commit():
        secret.unpublish()
    relay.start()
    found = service.search(SearchQuery(text="skovrejsningsprojektet"))
    misspelt = service.search(SearchQuery(text="skovrejsningsprojektez"))
    completions = service.suggest("skovrejs")

    assert (found.count, found.degraded) == (0, True)
    assert misspelt.suggestion is None
    assert completions == []
    assert get_backend("elasticsearch").document_count() == 2  # it does still hold the page


def test_node_lost_mid_session_falls_back_then_the_next_publish_catches_up(
    relay, settings, site_tree, after_commit
):
    settings.ELASTICSEARCH_URL = relay.url
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_RETRY_AFTER_SECONDS = 0  # try the node again at every search
    settings.SEARCH_INDEX_PREFIX = unique_index_prefix()
    CasePageFactory(parent=site_tree.cases, title="Vindmøller på land")
    elasticsearch = get_backend("elasticsearch")
    index_sync.rebuild(elasticsearch)

    relay.stop()
    page = CasePageFactory(parent=site_tree.cases, title="Solceller på skolerne", live=False)
    with after_commit():
        page.save_revision().publish()  # publishing still succeeds
    while_down = service.search(SearchQuery(text="solceller"))

    relay.start()
    still_behind = service.search(SearchQuery(text="solceller"))
    later = CasePageFactory(parent=site_tree.cases, title="Solceller på rådhuset", live=False)
    with after_commit():
        later.save_revision().publish()
    once_caught_up = service.search(SearchQuery(text="solceller"))

    assert while_down.degraded and titles(while_down) == ["Solceller på skolerne"]
    assert still_behind.degraded and titles(still_behind) == ["Solceller på skolerne"]
    assert once_caught_up.backend == "elasticsearch" and not once_caught_up.degraded
    assert sorted(titles(once_caught_up)) == ["Solceller på rådhuset", "Solceller på skolerne"]
    differences = index_sync.index_differences(elasticsearch, index_sync.all_documents())
    assert differences == {"missing": [], "stale": [], "extra": []}


def test_a_lost_node_is_tried_again_only_after_the_retry_interval(relay, settings, site_tree):
    settings.ELASTICSEARCH_URL = relay.url
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_INDEX_PREFIX = unique_index_prefix()
    settings.SEARCH_RETRY_AFTER_SECONDS = 1
    CasePageFactory(parent=site_tree.cases, title="Vindmøller på land")
    index_sync.rebuild(get_backend("elasticsearch"))

    relay.stop()
    assert service.search(SearchQuery(text="vindmøller")).degraded
    relay.start()
    assert service.search(SearchQuery(text="vindmøller")).degraded  # still resting
    time.sleep(1.1)
    results = service.search(SearchQuery(text="vindmøller"))
    assert results.backend == "elasticsearch" and not results.degraded
    assert titles(results) == ["Vindmøller på land"]


# Pages changed while a rebuild runs ---------------------------------------------------------


def test_pages_published_or_unpublished_during_a_rebuild_are_right_after_it(
    site_on_elasticsearch, site_tree, after_commit
):
    elasticsearch = get_backend("elasticsearch")
    doomed = CasePageFactory(parent=site_tree.cases, title="Biogas på gården", live=False)
    doomed.save_revision().publish()
    CasePageFactory(parent=site_tree.cases, title="Vindmøller på land")
    index_sync.rebuild(elasticsearch)
    added = CasePageFactory(parent=site_tree.cases, title="Solceller på skolerne", live=False)

    def change_pages_midway(done: int, total: int) -> None:
        """Runs while the new index fills: the drains write through the alias to the old."""
        if done == 1:
            with after_commit():
                added.save_revision().publish()
                doomed.refresh_from_db()
                doomed.unpublish()

    index_sync.rebuild(elasticsearch, progress=change_pages_midway)

    assert titles(elasticsearch.search(SearchQuery(text="solceller"))) == ["Solceller på skolerne"]
    assert elasticsearch.search(SearchQuery(text="biogas")).count == 0
    differences = index_sync.index_differences(elasticsearch, index_sync.all_documents())
    assert differences == {"missing": [], "stale": [], "extra": []}


# An index that never lies ------------------------------------------------------------------


def all_pages_found(results) -> set[str]:
    return {hit.title for hit in results.hits}


@pytest.fixture
def fourteen_pages(site_on_elasticsearch, site_tree) -> list:
    """Fourteen published cases, indexed by a rebuild as `make run` does."""
    pages = [
        CasePageFactory(parent=site_tree.cases, title=f"Klimatilpasning nummer {number}")
        for number in range(14)
    ]
    call_command("search_index", "--rebuild", stdout=io.StringIO(), stderr=io.StringIO())
    return pages


def empty_the_node() -> None:
    """What a new cluster or a lost volume leaves: no index, no alias."""
    elasticsearch = get_backend("elasticsearch")
    elasticsearch.delete_indexes(elasticsearch.versioned_indexes())


def klima_search():
    return service.search(SearchQuery(text="klimatilpasning", per_page=20))


def test_an_emptied_node_is_rebuilt_by_the_next_publish(
    fourteen_pages, site_tree, settings, after_commit
):
    settings.SEARCH_COMPLETENESS_TTL_SECONDS = 0
    empty_the_node()
    page = CasePageFactory(parent=site_tree.cases, title="Klimatilpasning ved kysten", live=False)
    with after_commit():
        page.save_revision().publish()

    results = klima_search()

    assert results.backend == "elasticsearch" and not results.degraded
    assert results.count == 15
    assert get_backend("elasticsearch").document_count() == 15
    assert IndexUpdate.objects.count() == 0


def test_an_emptied_node_answers_from_the_database_until_catch_up_rebuilds_it(
    fourteen_pages, settings
):
    settings.SEARCH_COMPLETENESS_TTL_SECONDS = 0
    empty_the_node()

    while_empty = klima_search()
    report = io.StringIO()
    call_command("search_index", "--catch-up", stdout=report, stderr=io.StringIO())
    after_catch_up = klima_search()

    assert while_empty.degraded and while_empty.count == 14
    assert "elasticsearch: the index was missing or short; rebuilt it." in report.getvalue()
    assert after_catch_up.backend == "elasticsearch" and not after_catch_up.degraded
    assert after_catch_up.count == 14


def test_an_index_missing_pages_is_not_searched_as_if_whole(fourteen_pages, settings):
    settings.SEARCH_COMPLETENESS_TTL_SECONDS = 0
    elasticsearch = get_backend("elasticsearch")
    elasticsearch.remove_pages([page.pk for page in fourteen_pages[:12]])

    results = klima_search()

    assert results.degraded and results.count == 14


def test_an_index_missing_pages_is_rebuilt_by_catch_up(fourteen_pages, settings):
    settings.SEARCH_COMPLETENESS_TTL_SECONDS = 0
    get_backend("elasticsearch").remove_pages([page.pk for page in fourteen_pages[:12]])

    call_command("search_index", "--catch-up", stdout=io.StringIO(), stderr=io.StringIO())

    results = klima_search()
    assert not results.degraded and results.count == 14


def test_a_rolled_back_publish_never_reaches_elasticsearch(fourteen_pages, site_tree, after_commit):
    page = CasePageFactory(parent=site_tree.cases, title="Fortrudt offentliggørelse", live=False)

    with after_commit(), contextlib.suppress(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        raise RuntimeError("the editor's request failed after publishing")

    elasticsearch = get_backend("elasticsearch")
    assert elasticsearch.search(SearchQuery(text="fortrudt")).count == 0
    assert page.pk not in elasticsearch.index_state()
    assert get_backend("database").search(SearchQuery(text="fortrudt")).count == 0
    assert IndexUpdate.objects.count() == 0


def test_publishing_while_the_node_hangs_is_quick_and_leaves_the_update_for_later(
    relay, settings, site_tree, after_commit
):
    settings.ELASTICSEARCH_URL = relay.url
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_INDEX_PREFIX = unique_index_prefix()
    settings.SEARCH_WRITE_TIMEOUT_SECONDS = 0.5  # the default, written out for the assertion
    index_sync.rebuild(get_backend("elasticsearch"))
    warm_up = CasePageFactory(parent=site_tree.cases, title="Havvind ved Horns Rev", live=False)
    with after_commit():
        warm_up.save_revision().publish()  # a process's first publish loads what it needs
    page = CasePageFactory(parent=site_tree.cases, title="Havvind ved Anholt", live=False)

    relay.hang()
    started = time.monotonic()
    with after_commit():
        page.save_revision().publish()
        committed = time.monotonic()
    drained = time.monotonic()

    # The transaction never waits for Elasticsearch; the write after it, one short timeout
    # (and then none for SEARCH_RETRY_AFTER_SECONDS): far from the 3 s request timeout.
    assert committed - started < 1
    assert drained - committed < 0.5 + 0.3
    assert list(IndexUpdate.objects.values_list("page_id", flat=True)) == [page.pk]
    assert service.search(SearchQuery(text="anholt")).degraded  # the breaker is open
    relay.stop()
    relay.start()
    call_command("search_index", "--catch-up", stdout=io.StringIO(), stderr=io.StringIO())
    results = service.search(SearchQuery(text="anholt"))
    assert results.backend == "elasticsearch" and not results.degraded
    assert all_pages_found(results) == {"Havvind ved Anholt"}
