"""On a phone the cases come first and the filters open from a button; on a desktop the
filters stand open beside them."""

import re

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="da-DK", is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", ["/cases/", "/kommuner/gladsaxe/", "/verdensmaal/11/"])
def test_on_a_phone_the_first_case_is_on_the_first_screen(demo_site, phone, path):
    phone.goto(demo_site.url + path)
    first_card = phone.locator(".listing__results .case-card").first
    expect(first_card).to_be_visible()
    top = first_card.bounding_box()["y"]
    assert top < PHONE["height"] - 100, f"the first case starts {top:.0f} px down {path}"


def test_on_a_phone_the_first_search_result_is_on_the_first_screen(demo_site, phone):
    phone.goto(demo_site.url + "/soeg/?q=kommune")
    first_hit = phone.locator(".search-result").first
    expect(first_hit).to_be_visible()
    top = first_hit.bounding_box()["y"]
    assert top < PHONE["height"] - 100, f"the first hit starts {top:.0f} px down"
    expect(phone.get_by_role("checkbox", name=re.compile("Bottom-up"))).to_be_hidden()


def test_on_a_phone_the_filters_open_from_a_button_and_filter(demo_site, phone, screenshot):
    phone.goto(demo_site.url + "/cases/")
    bottom_up = phone.get_by_role("checkbox", name=re.compile("Bottom-up"))
    expect(bottom_up).to_be_hidden()
    phone.locator("summary", has_text="Filtrér cases").click()
    bottom_up.check()
    phone.get_by_role("button", name="Vis cases").click()
    expect(phone).to_have_url(re.compile(r"approach=bottom-up"))
    expect(phone.locator("summary")).to_contain_text("(1 valgt)")
    expect(phone.locator(".listing__results .case-card")).to_have_count(1)


def test_on_a_desktop_the_filters_stand_open_beside_the_cases(demo_site, page):
    page.goto(demo_site.url + "/cases/")
    expect(page.get_by_role("checkbox", name=re.compile("Bottom-up"))).to_be_visible()
    expect(page.locator("summary", has_text="Filtrér cases")).to_be_hidden()
