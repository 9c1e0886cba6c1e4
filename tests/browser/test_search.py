"""Searching in a real browser, on the database backend and on Elasticsearch."""

import re

import pytest
from playwright.sync_api import expect


@pytest.fixture(params=["database", "elasticsearch"])
def site(request):
    name = "demo_site" if request.param == "database" else "demo_site_on_elasticsearch"
    return request.getfixturevalue(name)


def test_search_from_the_header_shows_highlighted_results_and_facets(site, page, screenshot):
    page.goto(site.url + "/")
    page.get_by_role("search").get_by_role("searchbox").fill("kommunernes")
    page.get_by_role("search").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/soeg/\?q=kommunernes"))
    results = page.locator(".listing__results")
    expect(results.locator("mark").first).to_be_visible()
    expect(results).to_contain_text("Guldborgsund")
    expect(page.locator(".filter-form")).to_contain_text("Bæredygtige byer og lokalsamfund")
    screenshot(f"search-{site.backend}")


def test_ticking_a_facet_narrows_the_results(site, page):
    page.goto(site.url + "/soeg/?q=verdensm%C3%A5lene")
    page.locator(".filter-form").get_by_role("checkbox", name=re.compile("Forskning")).check()
    page.locator(".filter-form").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"type=research"))
    results = page.locator(".listing__results")
    expect(results).to_contain_text("Samskabelse")
    expect(results.get_by_role("link", name=re.compile("Gladsaxe:"))).to_have_count(0)


def test_a_query_full_of_search_syntax_answers_with_a_page(site, page):
    response = page.goto(site.url + "/soeg/?q=%22AND+(+*+%5C")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Søg")
