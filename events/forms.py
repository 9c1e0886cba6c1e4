"""The registration form of an event (events.registrations takes what it gives)."""

from django import forms
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Municipality


class PlainText(forms.CharField):
    def to_python(self, value):
        return strip_tags(super().to_python(value)).strip()


class RegistrationForm(forms.Form):
    name = PlainText(label=_("Navn"), max_length=150)
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
    organisation = PlainText(label=_("Organisation"), max_length=150, required=False)
    note = PlainText(
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
    website = forms.CharField(label=_("Lad dette felt være tomt"), required=False, max_length=200)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def is_from_a_robot(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def details(self) -> dict:
        data = self.cleaned_data
        return {
            field: data[field]
            for field in ("name", "email", "municipality", "organisation", "note")
        }
