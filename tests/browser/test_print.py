"""A page printed on paper: the content alone, black on white, with external addresses."""

from playwright.sync_api import expect


def computed(page, selector: str, prop: str, pseudo: str | None = None) -> str:
    return page.evaluate(
        "([selector, prop, pseudo]) => getComputedStyle("
        "document.querySelector(selector), pseudo).getPropertyValue(prop)",
        [selector, prop, pseudo],
    )


def test_a_printed_listing_leaves_out_header_footer_filters_and_buttons(demo_site, page):
    page.goto(demo_site.url + "/cases/")
    page.emulate_media(media="print")
    for screen_only in (".site-header", ".site-footer", ".filter-form", "main button"):
        expect(page.locator(screen_only).first).to_be_hidden()
    expect(page.locator(".case-card").first).to_be_visible()
    assert computed(page, ".case-card", "break-inside") == "avoid"
    assert computed(page, "main h1", "color") == "rgb(0, 0, 0)"


def test_a_printed_page_writes_the_address_after_an_external_link(demo_site, page):
    page.goto(demo_site.url + "/netvaerket/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        '\'<p><a id="out" href="https://csrforum.dk/">CSR-forum</a>'
        '<a id="in" href="/cases/">Cases</a></p>\')'
    )
    page.emulate_media(media="print")
    written_after = computed(page, "#out", "content", "::after")
    assert "attr(href)" in written_after or "https://csrforum.dk/" in written_after
    assert computed(page, "#in", "content", "::after") in ("none", "normal")
