from wagtail import hooks

from .dashboard import arrange_panels

hooks.register("construct_homepage_panels", arrange_panels)
