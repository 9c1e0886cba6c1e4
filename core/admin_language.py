"""The Wagtail admin speaks the site's language (Danish) to everyone.

Wagtail picks the admin's language from the user's profile and, failing that, from what
LocaleMiddleware read in the browser's Accept-Language; a user without a profile, or the login
page, would get English. The public pages keep LocaleMiddleware's choice for their interface.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


class AdminLanguageMiddleware:
    """Placed after LocaleMiddleware: admin requests get settings.LANGUAGE_CODE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("wagtailadmin_home")):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
