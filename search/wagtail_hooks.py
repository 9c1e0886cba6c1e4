from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymSet


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    icon = "search"
    menu_label = "Synonymer"
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["__str__"]


register_snippet(SynonymSetViewSet)
