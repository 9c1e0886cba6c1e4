"""The admin as the secretariat uses it: Danish, and calling no host but the site's own."""

from wagtail import hooks

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
