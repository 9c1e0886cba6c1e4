"""The administrators' view of failed logins in the Wagtail admin (Rapporter → Loginforsøg):
every wrong password, newest first: django-axes' records of the login forms (the admin's,
Django's admin's, the members' /log-ind/) and portal.security's of page and document
passwords (named "page:<id>" or "document:<id>" by the id of their view restriction)."""

from axes.models import AccessFailureLog
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView


class LoginAttemptsReport(ReportView):
    page_title = _("Loginforsøg")
    header_icon = "warning"
    index_url_name = "login_attempts_report"
    index_results_url_name = "login_attempts_report_results"
    model = AccessFailureLog
    columns = [
        Column("username", label=_("Brugernavn eller side")),
        Column("ip_address", label=_("Adresse")),
        Column("path_info", label=_("Adresse på sitet")),
        Column("locked_out", label=_("Sat på pause")),
        DateColumn("attempt_time", label=_("Tidspunkt")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return AccessFailureLog.objects.order_by("-attempt_time")


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser
