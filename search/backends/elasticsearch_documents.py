"""The Elasticsearch side of the index: mapping, Danish analysis and the faceted search.

Kept apart from the backend so the shape of the index reads in one place. The index name is
not fixed here: the backend writes to a versioned index and reads through an alias.
"""

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.dsl import (
    Completion,
    Date,
    Document,
    FacetedSearch,
    Integer,
    Keyword,
    M,
    MetaField,
    Q,
    Search,
    TermsFacet,
    Text,
    analyzer,
    mapped_field,
    token_filter,
)
from elasticsearch.dsl.query import Query

from search.audience import ANONYMOUS, Audience
from search.documents import SearchDocument
from search.facets import FACETS
from search.query_plan import QueryPlan

# The built-in "danish" analyser, rebuilt so its parts are named and can be tested:
# Snowball's Danish stemmer makes `kommunernes` and `kommune` meet at `kommun`.
danish_stop = token_filter("danish_stop", "stop", stopwords="_danish_")
danish_stemmer = token_filter("danish_stemmer", "stemmer", language="danish")
danish_text = analyzer(
    "danish_text", tokenizer="standard", filter=["lowercase", danish_stop, danish_stemmer]
)
# Unstemmed words for "did you mean": a correction must be a word a reader recognises.
spelling_text = analyzer("spelling_text", tokenizer="standard", filter=["lowercase"])

# Title over summary and the taxonomy names (municipality, goals, themes, approach) over body.
SEARCH_FIELDS = ("title^3", "summary^2", "tags^2", "body")
HIGHLIGHT_FIELDS = ("summary", "body")
# What a hit reads of its document (search.backends.elasticsearch.hit_from): the rest of the
# source, the body above all, is neither sent nor parsed (highlighting still reads it there).
HIT_FIELDS = ("title", "url", "type", "goals", "theme_names", "municipality_name", "date")
# Highlighting reads at most this much of a field; beyond the index's limit (1,000,000
# characters) Elasticsearch would refuse the whole search instead.
HIGHLIGHT_SOURCE_CHARS = 100_000


def danish_text_field() -> Text:
    return Text(analyzer=danish_text, copy_to="spelling")


def taxonomy_field() -> Keyword:
    """An exact value for facets and filters, also searchable as Danish text in `tags`."""
    return Keyword(copy_to=["tags", "spelling"])


class PageDocument(Document):
    """One live, public page, built from a `SearchDocument`; its `_id` is the page id."""

    page_id: M[int] = mapped_field(Integer())
    type: M[str] = mapped_field(Keyword())
    title: M[str] = mapped_field(danish_text_field())
    suggest: M[list[dict]] = mapped_field(Completion(analyzer="simple"))
    taxonomy_suggest: M[list[str]] = mapped_field(Completion(analyzer="simple"))
    summary: M[str] = mapped_field(danish_text_field())
    body: M[str] = mapped_field(danish_text_field())
    tags: M[str | None] = mapped_field(Text(analyzer=danish_text))
    spelling: M[str | None] = mapped_field(Text(analyzer=spelling_text))
    url: M[str] = mapped_field(Keyword(index=False))
    date: M[dt.date | None] = mapped_field(Date(format="yyyy-MM-dd"))
    year: M[int | None] = mapped_field(Integer())
    goals: M[list[int]] = mapped_field(Integer())
    goal_names: M[list[str]] = mapped_field(taxonomy_field())
    themes: M[list[str]] = mapped_field(Keyword())
    theme_names: M[list[str]] = mapped_field(taxonomy_field())
    municipality: M[str | None] = mapped_field(Keyword())
    municipality_name: M[str | None] = mapped_field(taxonomy_field())
    approach: M[str | None] = mapped_field(taxonomy_field())
    # the groups that may find the page (search.audience); absent: everyone
    audience: M[list[int]] = mapped_field(Keyword())
    fingerprint: M[str] = mapped_field(Keyword(index=False))

    class Meta:
        dynamic = MetaField("strict")

    @classmethod
    def from_search_document(cls, doc: SearchDocument) -> "PageDocument":
        return cls(meta={"id": doc.page_id}, **source_fields(doc))


def source_fields(doc: SearchDocument) -> dict:
    """The index's fields for a search document, by the names PageDocument maps."""
    taxonomy_names = [*doc.theme_names, *doc.goal_names]
    if doc.municipality_name:
        taxonomy_names.append(doc.municipality_name)
    public = not doc.audience  # completions come only from pages everyone may find
    return {
        "page_id": doc.page_id,
        "type": doc.type,
        "title": doc.title,
        "suggest": title_completions(doc.title) if public else [],
        "taxonomy_suggest": taxonomy_names if public else [],
        "summary": doc.summary,
        "body": doc.body,
        "url": doc.url,
        "date": doc.date,
        "year": doc.year,
        "goals": list(doc.goals),
        "goal_names": list(doc.goal_names),
        "themes": list(doc.themes),
        "theme_names": list(doc.theme_names),
        "municipality": doc.municipality,
        "municipality_name": doc.municipality_name,
        "approach": doc.approach,
        "tags": " ".join(doc.people) or None,  # beside the taxonomy names copied there
        "fingerprint": doc.fingerprint,
        "audience": [str(group) for group in doc.audience],
    }


def bulk_source(doc: SearchDocument) -> dict:
    """What PageDocument.from_search_document(doc).to_dict() holds (empty values left out,
    as elasticsearch-dsl leaves them), built without the DSL's objects: a rebuild writes
    every page through it."""
    return {name: value for name, value in source_fields(doc).items() if value not in _EMPTY}


_EMPTY = (None, [], {})


def title_completions(title: str) -> list[dict]:
    """The whole title, then the title from each later word, so `kommune` completes
    "Gladsaxe Kommune ..." too; the whole title weighs more."""
    words = title.split()
    tails = [" ".join(words[start:]) for start in range(1, len(words))]
    completions = [{"input": [title], "weight": 10}]
    if tails:
        completions.append({"input": tails, "weight": 1})
    return completions


def index_settings() -> dict:
    """Read when an index is created (a rebuild): SEARCH_SHARDS and SEARCH_REPLICAS."""
    return {
        "number_of_shards": settings.SEARCH_SHARDS,
        "number_of_replicas": settings.SEARCH_REPLICAS,
    }


FACET_SIZE = 200  # more than there are municipalities (98), goals or themes


# A phrase suggester over unstemmed words, so a correction is a word a reader recognises.
# Several corrections, since the backend offers the best that still finds live documents.
DID_YOU_MEAN = {
    "field": "spelling",
    "size": 3,
    "max_errors": 2,
    "direct_generator": [{"field": "spelling", "suggest_mode": "always"}],
}


def did_you_mean_search(client: Elasticsearch, index: str, text: str) -> Search:
    """The phrase suggester's corrections of the text, asked apart from the search: they are
    wanted only when it finds few pages, and the suggester costs the engine a few ms."""
    return (
        Search(using=client, index=index)
        .extra(size=0)
        .suggest("did_you_mean", text, phrase=DID_YOU_MEAN)
    )


def visible_to(audience: Audience) -> Query | None:
    """The pages the asker may find: those without an audience, and those naming one of
    their groups; None: every page (a superuser)."""
    if audience.everything:
        return None
    everyone = ~Q("exists", field="audience")
    if not audience.groups:
        return everyone
    groups = Q("terms", audience=[str(group) for group in sorted(audience.groups)])
    return Q("bool", should=[everyone, groups], minimum_should_match=1)


def text_query(text: str) -> Query:
    """Every word must match, in any of the fields. The text is always plain words: no
    operators, wildcards or field syntax."""
    return Q(
        "multi_match",
        query=text,
        fields=list(SEARCH_FIELDS),
        type="cross_fields",
        operator="and",
    )


# A page tagged with a goal the query names outranks one that only holds some of its words;
# one holding everything the query asks for outranks every other.
GOAL_BOOST = 10.0
WHOLE_BOOST = 1000.0


def plan_query(plan: QueryPlan) -> Query:
    """Any asked word (or one of its synonyms) or named goal matches; a page holding them
    all gets WHOLE_BOOST on top of its score, so it ranks above those holding some."""
    parts = [
        Q("bool", should=[text_query(phrase) for phrase in group], minimum_should_match=1)
        for group in plan.groups
    ]
    parts += [
        Q("constant_score", filter=Q("term", goals=number), boost=GOAL_BOOST)
        for number in plan.goals
    ]
    if not parts:
        return Q("match_none")
    if len(parts) == 1:
        return parts[0]
    whole = Q("constant_score", filter=Q("bool", filter=parts), boost=WHOLE_BOOST)
    return Q("bool", should=[*parts, whole], minimum_should_match=1)


class PageSearch(FacetedSearch):
    """Text over title, summary and body; disjunctive counts per facet.

    FacetedSearch puts the facet filters in a post_filter and counts each facet under every
    filter except its own, which is the contract's "OR within a facet, AND across".
    """

    doc_types = [PageDocument]
    fields = list(SEARCH_FIELDS)
    facets = {  # one per facet of search.facets, counting its field
        facet.name: TermsFacet(field=facet.elasticsearch_field, size=FACET_SIZE, min_doc_count=1)
        for facet in FACETS
    }

    def __init__(
        self,
        client: Elasticsearch,
        index: str,
        text: str,
        filters: dict[str, Sequence],
        sort: Sequence[str],
        plan: QueryPlan | None = None,
        audience: Audience = ANONYMOUS,
    ):
        self.using = client
        self.index = index
        self.plan = plan
        self.audience = audience
        super().__init__(text or None, filters, sort)

    def search(self) -> Search:
        """In the query, not the post filter: the hits and every facet count only the pages
        the asker may find."""
        search = super().search().extra(track_total_hits=True).source(list(HIT_FIELDS))
        visible = visible_to(self.audience)
        return search if visible is None else search.filter(visible)

    def body(self, start: int, stop: int) -> dict:
        """The request for hits `start` to `stop`, to send with the client itself: the backend
        reads the answer's JSON (elasticsearch.facet_counts) without FacetedSearch's
        response objects."""
        return self._s[start:stop].to_dict()

    def query(self, search: Search, query: str) -> Search:
        return search.query(plan_query(self.plan) if self.plan else text_query(query))

    def highlight(self, search: Search) -> Search:
        return search.highlight_options(
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",
            fragment_size=160,
            number_of_fragments=2,
            no_match_size=160,
            max_analyzed_offset=HIGHLIGHT_SOURCE_CHARS,
        ).highlight(*HIGHLIGHT_FIELDS)
