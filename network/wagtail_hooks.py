"""The secretariat's admin for the network: memberships by year (filterable, exported as CSV)
and participants, whom it invites by e-mail from the participants' listing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .invitations import invite
from .models import Membership, Participant


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Medlemskaber")
    list_display = ["member_name", "year", "kind", "paid", "invoice_reference", "seat_count"]
    list_filter = ["year", "paid", "kind", "municipality"]
    list_export = [
        "member_name",
        "year",
        "get_kind_display",
        "fee",
        "paid",
        "invoice_reference",
        "contact_name",
        "contact_email",
        "seat_count",
        "participant_names",
    ]
    export_filename = "medlemskaber"
    export_headings = {
        "member_name": _("Medlem"),
        "year": _("År"),
        "get_kind_display": _("Type"),
        "fee": _("Kontingent"),
        "paid": _("Betalt"),
        "invoice_reference": _("Fakturanummer"),
        "contact_name": _("Kontaktperson"),
        "contact_email": _("Kontaktpersonens e-mail"),
        "seat_count": _("Deltagere"),
        "participant_names": _("Deltagernes navne"),
    }
    search_fields = ["contact_name", "invoice_reference"]


class ParticipantViewSet(SnippetViewSet):
    model = Participant
    icon = "user"
    menu_label = _("Deltagere")
    list_display = ["name", "email", "job_title", "account_status"]
    list_export = ["name", "email", "job_title", "account_status"]
    export_filename = "deltagere"
    search_fields = ["name", "email"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (MembershipViewSet, ParticipantViewSet)
    menu_icon = "group"
    menu_label = _("Netværket")
    menu_name = "network"


register_snippet(NetworkViewSetGroup)


@require_http_methods(["GET", "POST"])
def invite_view(request, pk: int):
    """Confirm, then send the participant an invitation (a new link; older ones stay valid
    until used or expired)."""
    if not request.user.has_perm("network.change_participant"):
        raise PermissionDenied
    participant = get_object_or_404(Participant, pk=pk)
    if request.method == "POST":
        invite(participant, invited_by=request.user)
        messages.success(
            request, _("Invitationen er sendt til %(email)s.") % {"email": participant.email}
        )
        return redirect(ParticipantViewSet().get_url_name("list"))
    return render(request, "network/admin/invite.html", {"participant": participant})


@hooks.register("register_admin_urls")
def register_invite_url():
    return [path("network/participant/<int:pk>/invite/", invite_view, name="network_invite")]


@hooks.register("register_snippet_listing_buttons")
def invite_button(snippet, user, next_url=None):
    if isinstance(snippet, Participant) and user.has_perm("network.change_participant"):
        yield ListingButton(
            _("Send invitation"),
            reverse("network_invite", args=[snippet.pk]),
            icon_name="mail",
            priority=15,
        )
