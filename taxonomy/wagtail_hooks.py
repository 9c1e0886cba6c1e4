from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Municipality, Organisation, Person, SDGGoal, Theme


class FixedSetPermissionPolicy(ModelPermissionPolicy):
    """For reference data that editors may correct but never add to or delete from."""

    def user_has_permission(self, user, action):
        return action not in {"add", "delete"} and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(SDGGoal, FixedSetPermissionPolicy(SDGGoal))
register_permission_policy(Municipality, FixedSetPermissionPolicy(Municipality))


class SDGGoalViewSet(SnippetViewSet):
    model = SDGGoal
    icon = "globe"
    list_display = ["number", "title_da", "title_en", "colour"]
    ordering = ["number"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class MunicipalityNameSearchForm(BaseFilterForm):
    """The municipality chooser's search, by name in the database: the 98 municipalities come
    from a migration, so Wagtail's search index holds none of them until one is edited."""

    q = forms.CharField(
        label=_("Søg"), widget=forms.TextInput(attrs={"placeholder": _("Søg")}), required=False
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q")
        if query:
            self.is_searching, self.search_query = True, query
            objects = objects.filter(name__icontains=query)
        return super().filter(objects)


class MunicipalityChooseView(ChooseView):
    filter_form_class = MunicipalityNameSearchForm


class MunicipalityChooseResultsView(ChooseResultsView):
    filter_form_class = MunicipalityNameSearchForm


class MunicipalityChooserViewSet(SnippetChooserViewSet):
    choose_view_class = MunicipalityChooseView
    choose_results_view_class = MunicipalityChooseResultsView


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    chooser_viewset_class = MunicipalityChooserViewSet
    search_backend_name = None  # the listing's search by name and code in the database, too
    icon = "home"
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "job_title", "organisation"]
    search_fields = ["name", "job_title"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = "Taksonomi"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (SDGGoalViewSet, ThemeViewSet, MunicipalityViewSet, OrganisationViewSet, PersonViewSet)


register_snippet(TaxonomyViewSetGroup)
