"""The organisers' list of registrations: by event and status, exported as CSV."""

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Registration


class RegisteredOnTheSitePolicy(ModelPermissionPolicy):
    """Registrations come from the form on the site (with their confirmation and cancel
    link); organisers see, correct and delete them, but add none in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Registration, RegisteredOnTheSitePolicy(Registration))


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    icon = "list-ul"
    menu_label = _("Tilmeldinger")
    add_to_admin_menu = True
    menu_order = 250
    list_display = [
        "name",
        "email",
        "event",
        "status",
        "municipality",
        "organisation",
        "registered_at",
    ]
    list_filter = ["event", "status"]
    list_export = [
        "event",
        "get_status_display",
        "name",
        "email",
        "municipality",
        "organisation",
        "note",
        "registered_at",
    ]
    export_filename = "tilmeldinger"
    export_headings = {
        "event": _("Arrangement"),
        "get_status_display": _("Status"),
        "name": _("Navn"),
        "email": _("E-mail"),
        "municipality": _("Kommune"),
        "organisation": _("Organisation"),
        "note": _("Bemærkning"),
        "registered_at": _("Tilmeldt"),
    }
    search_fields = ["name", "email", "organisation"]
    ordering = ["event", "registered_at"]


register_snippet(RegistrationViewSet)
