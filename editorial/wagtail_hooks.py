from django.urls import path, reverse
from wagtail import hooks

from .dashboard import arrange_panels
from .login_attempts import LoginAttemptsReport, SuperuserMenuItem

hooks.register("construct_homepage_panels", arrange_panels)


@hooks.register("register_admin_urls")
def login_attempts_urls():
    view = LoginAttemptsReport
    return [
        path("reports/loginforsoeg/", view.as_view(), name=view.index_url_name),
        path(
            "reports/loginforsoeg/results/",
            view.as_view(results_only=True),
            name=view.index_results_url_name,
        ),
    ]


@hooks.register("register_reports_menu_item")
def login_attempts_menu_item():
    return SuperuserMenuItem(
        LoginAttemptsReport.page_title,
        reverse(LoginAttemptsReport.index_url_name),
        name="login-attempts",
        icon_name="warning",
        order=900,
    )
