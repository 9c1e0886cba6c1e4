"""Write static/css/goal-colours.css from the goals' reference data (see taxonomy/colours.py)."""

from django.core.management.base import BaseCommand

from taxonomy.colours import goal_colours_css, goal_colours_css_path


class Command(BaseCommand):
    help = "Write static/css/goal-colours.css from the 17 goals' colours in taxonomy/reference.py."

    def handle(self, *args, **options):
        path = goal_colours_css_path()
        path.write_text(goal_colours_css())
        self.stdout.write(f"Wrote {path}")
