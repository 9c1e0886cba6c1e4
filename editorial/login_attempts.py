"""The administrators' view of failed logins in the Wagtail admin (Rapporter → Loginforsøg):
django-axes' records of failed passwords on the two login forms, newest first. Page passwords
are counted in the cache and written to the log instead (portal/security.py)."""

from axes.models import AccessAttempt
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
    model = AccessAttempt
    columns = [
        Column("username", label=_("Brugernavn")),
        Column("ip_address", label=_("Adresse")),
        Column("path_info", label=_("Side")),
        Column("failures_since_start", label=_("Fejlede forsøg")),
        DateColumn("attempt_time", label=_("Seneste forsøg")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return AccessAttempt.objects.order_by("-attempt_time")


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser
