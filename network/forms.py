"""The forms of the members' pages: log in by e-mail, and choose a password from an invitation."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class MemberLoginForm(AuthenticationForm):
    """Django's login form, where the user name is the e-mail address the invitation went to."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail")
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True}
        )
        self.fields["password"].label = _("Adgangskode")

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class ChoosePasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("Vælg en adgangskode"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Mindst 8 tegn; ikke kun tal og ikke en almindelig adgangskode."),
    )
    password2 = forms.CharField(
        label=_("Gentag adgangskoden"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, participant, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("De to adgangskoder er ikke ens."))
        elif first:
            # the account to be, for the rule against a password like one's name or address
            user = self.participant.user or get_user_model()(
                username=self.participant.email,
                email=self.participant.email,
                first_name=self.participant.name,
            )
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
