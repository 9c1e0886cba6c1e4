"""The form of /indsend/: what a municipality tells about its work, as plain text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotForm, PlainTextField
from taxonomy.models import Approach, Municipality, SDGGoal, Theme


def long_text(label, max_length: int, help_text=""):
    return PlainTextField(
        label=label,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class SubmissionForm(HoneypotForm):
    municipality = forms.ModelChoiceField(
        Municipality.objects.all(), label=_("Kommune"), empty_label=_("Vælg kommune")
    )
    contact_name = PlainTextField(label=_("Kontaktperson"), max_length=150)
    contact_email = forms.EmailField(
        label=_("Kontaktpersonens e-mail"),
        max_length=254,
        help_text=_("Vi sender en kvittering hertil og kontakter jer, før casen offentliggøres."),
    )
    title = PlainTextField(
        label=_("Titel"), max_length=150, help_text=_("Kort og konkret, fx 'Klimaråd for unge'.")
    )
    summary = long_text(
        _("Resumé"), 600, _("To-tre sætninger om, hvad casen handler om (højst 600 tegn).")
    )
    goals = forms.ModelMultipleChoiceField(
        SDGGoal.objects.all(),
        label=_("Verdensmål"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vælg de mål, arbejdet bidrager til."),
    )
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.all(),
        label=_("Temaer"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    approach = forms.ChoiceField(
        choices=Approach.choices,
        label=_("Organisering"),
        widget=forms.RadioSelect,
        help_text=_(
            "Top-down: politisk eller ledelsesmæssigt forankret. Bottom-up: drevet af "
            "medarbejdere, borgere eller foreninger. Hybrid: begge dele."
        ),
    )
    what_they_did = long_text(
        _("Hvad gjorde I?"), 5000, _("Udfordringen, og hvordan I greb den an (højst 5000 tegn).")
    )
    results = long_text(
        _("Resultater"), 3000, _("Hvad er der kommet ud af det indtil nu? (højst 3000 tegn)")
    )
    lessons = long_text(
        _("Læring"),
        3000,
        _("Hvad ville I gøre igen, og hvad ville I gøre anderledes? (højst 3000 tegn)"),
    )
    confirm = forms.BooleanField(
        label=_(
            "Jeg bekræfter, at oplysningerne er korrekte, og at redaktionen må kontakte mig "
            "om casen."
        ),
    )

    def clean_title(self):
        title = self.cleaned_data["title"]
        if not any(character.isalnum() for character in title):
            raise forms.ValidationError(_("Titlen skal indeholde bogstaver eller tal."))
        return title
