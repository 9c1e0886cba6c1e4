"""What the public site's forms share: plain text without HTML, and the honeypot field
(`templates/includes/honeypot.html` hides it from people; robots fill it in)."""

from django import forms
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _


class PlainTextField(forms.CharField):
    """Text without HTML: tags are removed before the length is checked."""

    def to_python(self, value):
        return strip_tags(super().to_python(value)).strip()


class HoneypotForm(forms.Form):
    website = forms.CharField(label=_("Lad dette felt være tomt"), required=False, max_length=200)

    def is_from_a_robot(self) -> bool:
        return bool(self.data.get("website", "").strip())
