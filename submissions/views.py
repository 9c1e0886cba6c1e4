"""/indsend/: a municipality proposes a case; /indsend/tak/ thanks it."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .drafts import case_index, create_draft, ip_hash, over_the_limit
from .forms import SubmissionForm


@require_http_methods(["GET", "POST"])
def submission_form(request):
    form = SubmissionForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return render(request, "submissions/submission_form.html", {"form": form})
    if form.is_from_a_robot():
        return redirect("submission_thanks")
    address_hash = ip_hash(request)
    if over_the_limit(address_hash):
        context = {"form": form, "rate_limited": True}
        return render(request, "submissions/submission_form.html", context, status=429)
    if form.is_valid() and case_index() is None:
        form.add_error(None, _("Der kan ikke indsendes cases lige nu. Prøv igen senere."))
    if not form.is_valid():
        return render(request, "submissions/submission_form.html", {"form": form})
    create_draft(form.cleaned_data, address_hash)
    return redirect("submission_thanks")


def submission_thanks(request):
    return render(request, "submissions/submission_thanks.html")
