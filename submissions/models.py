"""A case sent in from outside through /indsend/: who sent it, when, and the draft it became."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    page = models.ForeignKey(
        "cases.CasePage",
        verbose_name=_("kladde"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    title = models.CharField(_("titel"), max_length=255)
    contact_name = models.CharField(_("kontaktperson"), max_length=150)
    contact_email = models.EmailField(_("kontaktpersonens e-mail"))
    submitted_at = models.DateTimeField(_("indsendt"), default=timezone.now)
    # A keyed hash of the sender's IP address: enough to count a sender's submissions for
    # the rate limit, without keeping the address itself.
    ip_hash = models.CharField(_("IP-hash"), max_length=64)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("indsendt case")
        verbose_name_plural = _("indsendte cases")
        indexes = [models.Index(fields=["ip_hash", "submitted_at"], name="submission_ip_time")]

    def __str__(self):
        return self.title
