"""Shared fixtures: a site tree with the home page as the default site's root."""

from dataclasses import dataclass

import pytest
from wagtail.models import Page, Site

from cases.models import CaseIndexPage, GoalIndexPage, MunicipalityIndexPage, ResearchIndexPage
from events.models import EventIndexPage
from home.models import HomePage, SiteSettings

from .factories import (
    CaseIndexPageFactory,
    EventIndexPageFactory,
    GoalIndexPageFactory,
    HomePageFactory,
    MunicipalityIndexPageFactory,
    ResearchIndexPageFactory,
)


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
