"""The registration form of an event (events.registrations takes what it gives)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotForm, PlainTextField
from taxonomy.models import Municipality


class RegistrationForm(HoneypotForm):
    name = PlainTextField(label=_("Navn"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Bekræftelsen og kalenderfilen sendes hertil."),
    )
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(),
        label=_("Kommune"),
        required=False,
        empty_label=_("Ingen kommune"),
        help_text=_("Hvis du kommer fra en kommune."),
    )
    organisation = PlainTextField(label=_("Organisation"), max_length=150, required=False)
    note = PlainTextField(
        label=_("Bemærkning"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx hensyn, vi skal tage (højst 500 tegn)."),
    )
    consent = forms.BooleanField(
        label=_(
            "Jeg accepterer, at sekretariatet gemmer mine oplysninger for at administrere "
            "tilmeldingen, og at de slettes efter arrangementet."
        ),
        error_messages={"required": _("Sæt flueben for at tilmelde dig.")},
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def details(self) -> dict:
        data = self.cleaned_data
        return {
            field: data[field]
            for field in ("name", "email", "municipality", "organisation", "note")
        }
