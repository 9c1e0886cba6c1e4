"""Turning a submission into a draft case in the moderation workflow, and its receipt."""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape, linebreaks
from wagtail.rich_text import RichText

from cases.models import CaseIndexPage, CasePage

from .models import Submission

logger = logging.getLogger(__name__)

SUBMISSIONS_PER_HOUR = 5


def ip_hash(request) -> str:
    """A keyed hash of the request's address (REMOTE_ADDR: set by the server, not the client)."""
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def over_the_limit(address_hash: str) -> bool:
    """Whether the sender has already sent SUBMISSIONS_PER_HOUR in the last hour."""
    since = timezone.now() - timedelta(hours=1)
    recent = Submission.objects.filter(ip_hash=address_hash, submitted_at__gte=since)
    return recent.count() >= SUBMISSIONS_PER_HOUR


def paragraphs(text: str) -> RichText:
    """Plain text as rich text: escaped, a paragraph per blank-line-separated block."""
    return RichText(linebreaks(escape(text)))


def case_body(data: dict) -> list[tuple[str, dict]]:
    """The submitted texts in the case template's sections (cases.blocks.CaseBodyBlock)."""
    sections = [("approach", "what_they_did"), ("results", "results"), ("lessons", "lessons")]
    return [
        (block_type, {"heading": "", "text": paragraphs(data[field])})
        for block_type, field in sections
        if data[field]
    ]


def case_index() -> CaseIndexPage | None:
    return CaseIndexPage.objects.order_by("path").first()


@transaction.atomic
def create_draft(data: dict, address_hash: str) -> Submission:
    """A draft CasePage under the case index, never live, submitted into the workflow of its
    section (the moderators get Wagtail's e-mail); the receipt goes out after the commit."""
    page = CasePage(
        title=data["title"],
        summary=data["summary"],
        municipality=data["municipality"],
        approach=data["approach"],
        body=case_body(data),
        live=False,
    )
    page.goals.set(data["goals"])
    page.themes.set(data["themes"])
    case_index().add_child(instance=page)
    page.save_revision(log_action=True)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user=None)
    submission = Submission.objects.create(
        page=page,
        title=page.title,
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        ip_hash=address_hash,
    )
    transaction.on_commit(lambda: send_receipt(submission))
    return submission


def send_receipt(submission: Submission) -> None:
    """The sender's receipt, in Danish. A mail server that fails is logged, never shown."""
    context = {"submission": submission}
    try:
        send_mail(
            render_to_string("submissions/email/receipt_subject.txt", context).strip(),
            render_to_string("submissions/email/receipt.txt", context),
            None,
            [submission.contact_email],
        )
    except OSError:  # smtplib's errors are OSErrors, as are refused connections
        logger.exception("Could not send the receipt for submission %s", submission.pk)
