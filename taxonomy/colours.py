"""The goals' colours as CSS classes, so that no page needs an inline style (the site's
Content-Security-Policy forbids them).

The one source of the colours is `reference.SDG_GOALS`. `static/css/goal-colours.css` is written
from it by `manage.py write_goal_colours_css`; a test fails when the file and the reference data
differ. A goal's element takes the class `goal.css_class` (`goal-11`), which sets
`--goal-colour` and `--goal-text` for the rules in `site.css`."""

from pathlib import Path

from django.conf import settings

from .reference import SDG_GOALS

HEADER = (
    "/* Written by `manage.py write_goal_colours_css` from taxonomy/reference.py: do not edit. */\n"
)


def goal_css_class(number: int) -> str:
    return f"goal-{number}"


def text_colour_for(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (#RRGGBB; WCAG luminance)."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(channel):
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"


def goal_colours_css() -> str:
    rules = (
        f".{goal_css_class(number)} {{ --goal-colour: {colour}; "
        f"--goal-text: {text_colour_for(colour)}; }}\n"
        for number, _title_da, _title_en, colour in SDG_GOALS
    )
    return HEADER + "".join(rules)


def goal_colours_css_path() -> Path:
    return Path(settings.BASE_DIR) / "static" / "css" / "goal-colours.css"
