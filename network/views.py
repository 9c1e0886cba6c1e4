"""The members' own pages: accepting an invitation (choosing a password), logging in and out,
and resetting a forgotten password, at Danish addresses."""

from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core.rate_limit import RateLimit

from .forms import ChoosePasswordForm, MemberLoginForm
from .invitations import InvitationUnusable, accept, find_usable

# Guessing tokens is hopeless (32 random bytes), but each try costs a password hash: a few
# an hour from one address is all a person needs.
INVITATION_TRIES = RateLimit("invitation", limit=10, seconds=3600)


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    if request.method == "POST" and INVITATION_TRIES.exceeded(request):
        return render(request, "network/invitation_limited.html", status=429)
    try:
        found = find_usable(token)
    except InvitationUnusable:
        if request.method == "POST":
            INVITATION_TRIES.count(request)
        return render(request, "network/invitation_unusable.html", status=410)
    form = ChoosePasswordForm(found.participant, request.POST or None)
    if request.method == "POST":
        INVITATION_TRIES.count(request)
        if form.is_valid():
            try:
                user = accept(token, form.cleaned_data["password1"])
            except InvitationUnusable:
                return render(request, "network/invitation_unusable.html", status=410)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("network_welcome")
    context = {"form": form, "participant": found.participant}
    return render(request, "network/invitation.html", context)


@login_required
def welcome(request):
    return render(request, "network/welcome.html")


class LoginView(auth_views.LoginView):
    template_name = "network/login.html"
    authentication_form = MemberLoginForm
    extra_context = {"current_title": _("Log ind")}


class LogoutView(auth_views.LogoutView):
    next_page = "/"


RESET_REQUESTS = RateLimit("password-reset", limit=5, seconds=3600)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with at most RESET_REQUESTS e-mails asked for an hour from one address."""

    template_name = "network/password_reset.html"
    email_template_name = "network/email/password_reset.txt"
    html_email_template_name = "network/email/password_reset.html"
    subject_template_name = "network/email/password_reset_subject.txt"
    success_url = reverse_lazy("network_password_reset_sent")

    def post(self, request, *args, **kwargs):
        if RESET_REQUESTS.exceeded(request):
            return render(request, "network/invitation_limited.html", status=429)
        RESET_REQUESTS.count(request)
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "network/password_reset_confirm.html"
    success_url = reverse_lazy("network_password_reset_done")
