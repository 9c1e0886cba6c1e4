"""What the search index holds for one page, built in one place for every backend."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class SearchDocument:
    page_id: int
    type: str  # one of search.backends.base.TYPES, from the page model's `type_label`
    title: str
    summary: str
    body: str  # plain text of the StreamField blocks and other searchable fields
    url: str  # path, e.g. /cases/guldborgsund/
    date: date | None  # event start date, else first publication
    goals: list[int] = field(default_factory=list)
    goal_names: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # slugs
    theme_names: list[str] = field(default_factory=list)
    municipality: str | None = None  # slug
    municipality_name: str | None = None
    approach: str | None = None
    fingerprint: str = ""  # changes whenever anything above changes

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


def document_for_page(page) -> SearchDocument:
    """Build the document for a live, public, specific page. Implemented in the search task."""
    raise NotImplementedError
