"""The admin as the secretariat uses it: Danish, and calling no host but the site's own."""

from wagtail import hooks

from core.page_cache import note_served_page

# Wagtail's help menu links to its English guide and release notes on guide.wagtail.org.
OFF_SITE_HELP_ITEMS = {"editor-guide"}
OFF_SITE_HELP_PREFIXES = ("whats-new-in-wagtail-",)


@hooks.register("construct_help_menu")
def keep_only_on_site_help(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in OFF_SITE_HELP_ITEMS and not item.name.startswith(OFF_SITE_HELP_PREFIXES)
    ]


@hooks.register("before_serve_page")
def remember_the_served_page(page, request, serve_args, serve_kwargs):
    """The page cache (core.page_cache) keeps only answers that Wagtail served for a page."""
    note_served_page(page, request)


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own "page" link type
def remember_page_link_urls(features):
    from .rich_text import RememberedPageLinkHandler

    features.register_link_type(RememberedPageLinkHandler)
