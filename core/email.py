"""E-mail from templates: a Danish subject, a plain-text part and an HTML part, sent through
Django's e-mail backend (SMTP in production; tests receive them on a real local server)."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_templated(
    to: Sequence[str],
    template: str,
    context: dict,
    attachments: Sequence[tuple[str, bytes | str, str]] = (),
) -> None:
    """Send `template`_subject.txt, `template`.txt and `template`.html rendered with
    `context`; `attachments` are (filename, content, MIME type)."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject,
        render_to_string(f"{template}.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        list(to),
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
