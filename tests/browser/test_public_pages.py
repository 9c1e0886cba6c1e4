"""What a visitor sees in a real browser on the demo content."""

import re

from playwright.sync_api import expect


def test_home_page_shows_the_seventeen_goal_tiles(demo_site, page, screenshot):
    page.goto(demo_site.url + "/")
    tiles = page.locator("a[href^='/verdensmaal/']").filter(has_text=re.compile(r"\w"))
    expect(page.get_by_role("main")).to_be_visible()
    assert tiles.count() >= 17
    screenshot("home")


def test_case_listing_filters_by_approach_through_the_form(demo_site, page, screenshot):
    page.goto(demo_site.url + "/cases/")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name=re.compile("Guldborgsund"))).not_to_have_count(0)
    expect(main.get_by_role("link", name=re.compile("Gladsaxe"))).not_to_have_count(0)
    page.get_by_role("checkbox", name="Bottom-up").check()
    page.get_by_role("button", name="Vis cases").click()
    expect(page).to_have_url(re.compile(r"approach=bottom-up"))
    expect(main.get_by_role("link", name=re.compile("Guldborgsund"))).not_to_have_count(0)
    expect(main.get_by_role("link", name=re.compile("Gladsaxe"))).to_have_count(0)
    screenshot("case-listing-bottom-up")


def test_case_page_shows_the_speaker_and_the_symposium(demo_site, page, screenshot):
    page.goto(demo_site.url + "/cases/")
    page.get_by_role("main").get_by_role("link", name=re.compile("Gladsaxe")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gladsaxe")
    expect(page.get_by_text("Line Vind").first).to_be_visible()
    screenshot("case-gladsaxe")


def test_past_event_page_says_when_it_was_held_and_offers_no_calendar(demo_site, page, screenshot):
    page.goto(demo_site.url + "/arrangementer/")
    page.get_by_role("main").get_by_role(
        "link", name=re.compile("kommunale virksomhed", re.I)
    ).first.click()
    expect(page.get_by_text("Arrangementet blev afholdt")).to_be_visible()
    expect(page.get_by_text("13.30").first).to_be_visible()
    expect(page.locator("a[href$='/kalender/']")).to_have_count(0)
    screenshot("event-4-maj")


def test_network_page_states_fee_seats_and_partners(demo_site, page, screenshot):
    page.goto(demo_site.url + "/netvaerket/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("10.000 kr.")
    expect(main).to_contain_text("Deloitte")
    expect(main).to_contain_text("CBS")
    screenshot("network")


def test_keyboard_focus_is_visible_on_the_skip_link(demo_site, page):
    page.goto(demo_site.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const el = document.activeElement; const style = getComputedStyle(el);"
        " return {text: el.textContent.trim(), outline: style.outlineStyle,"
        " shadow: style.boxShadow}; }"
    )
    assert focused["text"]
    assert focused["outline"] != "none" or focused["shadow"] != "none"
