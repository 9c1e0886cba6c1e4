"""The goal colours a browser gets: the rules of the static file the pages link to."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders


def served_goal_colours() -> dict[str, tuple[str, str]]:
    """{"goal-13": ("#3F7E44", "#ffffff"), …}: each goal class's colour and text colour."""
    css = Path(finders.find("css/goal-colours.css")).read_text()
    rules = re.findall(r"\.(goal-\d+) \{ --goal-colour: (#\w{6}); --goal-text: (#\w{6}); \}", css)
    return {css_class: (colour, text) for css_class, colour, text in rules}
