"""Chromium enforces the site's Content-Security-Policy and refuses nothing: not on the public
pages, not in the Wagtail editor with its preview panel and choosers, not in Django's admin,
not in the userbar Wagtail adds to public pages for a signed-in editor."""

import re

from playwright.sync_api import expect

# Every `securitypolicyviolation` event of the page and its frames, kept on the window.
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    (window.__cspViolations = window.__cspViolations || []).push(
        `${event.violatedDirective} blocked ${event.blockedURI} `
        + `at ${event.sourceFile}:${event.lineNumber}`
    );
}, true);
"""
PUBLIC_PAGES = [
    "/verdensmaal/13/",
    "/kommuner/gladsaxe/",
    "/soeg/?q=klima",
    "/soeg/?q=zzzingenting",
    "/cases/?goal=11",
]


class PolicyWatch:
    """What the browser refused on the pages it was shown, and the console's errors."""

    def __init__(self, page):
        self.page = page
        self.console_errors: list[str] = []
        page.context.add_init_script(RECORD_VIOLATIONS)
        page.on(
            "console",
            lambda message: (
                self.console_errors.append(f"{page.url}: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        self.violations: list[str] = []

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        assert response.status in (200, 404), url
        self.look()

    def look(self) -> None:
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(300)  # scripts that run after load
        for frame in self.page.frames:
            found = frame.evaluate("() => window.__cspViolations || []")
            self.violations += [f"{frame.url}: {violation}" for violation in found]

    def refused(self) -> list[str]:
        policy = [error for error in self.console_errors if "Content Security Policy" in error]
        return self.violations + policy


def site_addresses(page, base: str) -> list[str]:
    """Every page the HTML sitemap links to, and the routed pages it leaves out."""
    page.goto(base + "/sideoversigt/")
    links = page.eval_on_selector_all("main a[href^='/']", "links => links.map(a => a.pathname)")
    pages = sorted({link for link in links if not link.startswith(("/rss/", "/sitemap"))})
    return [base + address for address in pages + PUBLIC_PAGES]


def test_public_pages_break_no_rule_of_the_strict_policy(demo_site, page):
    watch = PolicyWatch(page)
    addresses = site_addresses(page, demo_site.url)
    assert len(addresses) > 15

    for address in addresses:
        watch.visit(address)

    header = page.goto(demo_site.url + "/").headers["content-security-policy"]
    assert "script-src 'self';" in header + ";" and "unsafe-inline" not in header
    assert watch.refused() == []


def test_the_goal_colours_reach_the_page_through_the_stylesheet(demo_site, page):
    page.goto(demo_site.url + "/verdensmaal/13/")
    header = page.locator("header.goal-header")
    expect(header).to_have_css("background-color", "rgb(63, 126, 68)")  # #3F7E44
    expect(header).to_have_css("color", "rgb(255, 255, 255)")


def test_the_editor_preview_and_choosers_work_under_the_admin_policy(
    demo_site, admin_page, screenshot
):
    page = admin_page
    watch = PolicyWatch(page)
    watch.visit(demo_site.url + "/admin/")
    watch.visit(demo_site.url + "/admin/pages/search/?q=Guldborgsund")
    page.get_by_role("link", name=re.compile("Guldborgsund")).first.click()
    expect(page.locator("#id_title")).to_have_value(re.compile("Guldborgsund"))
    watch.look()

    page.click("#id_research_links-OPEN_MODAL")
    modal = page.locator(".modal-content")
    expect(modal.get_by_text("Samskabelse omkring verdensmålene i kommunerne")).to_be_visible()
    watch.look()
    page.keyboard.press("Escape")

    page.click('[data-side-panel-toggle="preview"]')
    preview = page.frame_locator("iframe[id*=preview]")
    expect(preview.locator("h1").first).to_contain_text("Guldborgsund")
    watch.look()
    screenshot("csp-editor-preview-panel")

    watch.visit(demo_site.url + "/admin/pages/")
    watch.visit(demo_site.url + "/admin/images/")
    watch.visit(demo_site.url + "/admin/snippets/")
    assert watch.refused() == []


def test_the_userbar_and_djangos_admin_break_no_rule(demo_site, admin_page):
    page = admin_page
    watch = PolicyWatch(page)
    watch.visit(demo_site.url + "/cases/guldborgsund-bottom-up-organisering/")
    expect(page.locator("wagtail-userbar")).to_be_attached()
    page.locator("wagtail-userbar").locator("[data-wagtail-userbar-trigger]").click()
    watch.look()

    watch.visit(demo_site.url + "/django-admin/")
    watch.visit(demo_site.url + "/django-admin/auth/user/")
    watch.visit(demo_site.url + "/django-admin/axes/accessattempt/")
    assert watch.refused() == []
