"""The paid network: memberships by year (a municipality's, with at most five seats, or a
knowledge partner's), the people in the seats, and the invitations that give them accounts.

Who may read the confidential room follows from this: a person with a seat in a membership
of the current year is in the group `Netværksmedlemmer` (a municipality's seat) or
`Videnspartnere` (a knowledge partner's); network.access keeps the groups in step."""

from __future__ import annotations

import datetime
import threading
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import PageViewRestriction

from core.models import IntroPage
from taxonomy.models import Municipality, Organisation

from .admin_forms import MembershipForm
from .groups import network_groups
from .rules import INVITATION_DAYS, SEATS_PER_MUNICIPALITY, YEARLY_FEE, too_many_seats_message

_restoring = threading.local()  # MembersAreaPage.restrict_to_network is under way


def this_year() -> int:
    return timezone.localdate().year


class Membership(ClusterableModel):
    """A municipality's or a knowledge partner's place in the network for one year."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Kommune")
        PARTNER = "partner", _("Videnspartner")

    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.MUNICIPALITY,
        help_text=_("En kommune (højst fem deltagere) eller en videnspartner."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text=_("Kommunen, der er medlem (for en kommunes medlemskab)."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("videnspartner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnerships",
        help_text=_("Organisationen, fx et universitet (for en videnspartner)."),
    )
    year = models.PositiveSmallIntegerField(
        _("år"),
        default=this_year,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Medlemskabet gælder dette kalenderår."),
    )
    fee = models.DecimalField(
        _("kontingent (kr.)"),
        max_digits=9,
        decimal_places=2,
        default=YEARLY_FEE,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Årets kontingent; 0 for videnspartnere, der ikke betaler."),
    )
    paid = models.BooleanField(
        _("betalt"), default=False, help_text=_("Sæt flueben, når kontingentet er betalt.")
    )
    invoice_reference = models.CharField(
        _("fakturanummer"), max_length=50, blank=True, help_text=_("Fx nummeret på fakturaen.")
    )
    contact_name = models.CharField(
        _("kontaktperson"), max_length=150, help_text=_("Den, sekretariatet skriver til.")
    )
    contact_email = models.EmailField(
        _("kontaktpersonens e-mail"), help_text=_("Fx til fakturaen og årets fornyelse.")
    )

    base_form_class = MembershipForm  # the five-seat rule, in Danish, before saving

    panels = [
        FieldPanel("kind"),
        FieldPanel("municipality"),
        FieldPanel("organisation"),
        FieldPanel("year"),
        MultiFieldPanel(
            [FieldPanel("fee"), FieldPanel("paid"), FieldPanel("invoice_reference")],
            heading=_("Betaling"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Kontakt")
        ),
        InlinePanel("seats", heading=_("Deltagere"), label=_("deltager")),
    ]

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        ordering = ["-year", "municipality__name", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="one_membership_per_municipality_and_year"
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"], name="one_partnership_per_organisation_and_year"
            ),
        ]

    def __str__(self):
        return f"{self.member_name} {self.year}"

    @property
    def member_name(self) -> str:
        member = self.municipality if self.kind == self.Kind.MUNICIPALITY else self.organisation
        return str(member) if member else "?"

    @property
    def seat_count(self) -> int:
        return self.seats.count()

    seat_count.fget.short_description = _("deltagere")

    @property
    def participant_names(self) -> str:
        return ", ".join(seat.participant.name for seat in self.seats.select_related("participant"))

    @property
    def seat_limit(self) -> int | None:
        """How many people may take part: five for a municipality, any number for a partner."""
        return SEATS_PER_MUNICIPALITY if self.kind == self.Kind.MUNICIPALITY else None

    @property
    def is_current(self) -> bool:
        return self.year == this_year()

    def clean(self):
        if self.kind == self.Kind.MUNICIPALITY:
            if self.municipality_id is None:
                raise ValidationError({"municipality": _("Vælg kommunen.")})
            self.organisation = None
        else:
            if self.organisation_id is None:
                raise ValidationError({"organisation": _("Vælg videnspartneren.")})
            self.municipality = None


class Participant(models.Model):
    """A person in the network, with an account once they accept an invitation."""

    name = models.CharField(_("navn"), max_length=150, help_text=_("Fornavn og efternavn."))
    email = models.EmailField(
        _("e-mail"), unique=True, help_text=_("Invitationen og log ind bruger denne adresse.")
    )
    job_title = models.CharField(
        _("stilling"), max_length=150, blank=True, help_text=_("Fx 'Bæredygtighedschef'.")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("brugerkonto"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="network_participant",
        help_text=_("Kontoen, deltageren fik ved at bruge sin invitation."),
    )

    panels = [FieldPanel("name"), FieldPanel("email"), FieldPanel("job_title")]

    class Meta:
        verbose_name = _("deltager")
        verbose_name_plural = _("deltagere")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def account_status(self) -> str:
        if self.user_id:
            return _("Har konto")
        if self.invitations.exists():
            return _("Inviteret")
        return _("Ikke inviteret")

    def current_seats(self) -> models.QuerySet[Seat]:
        return self.seats.filter(membership__year=this_year()).select_related("membership")


class Seat(models.Model):
    """One person's place in one year's membership. A municipality has at most five: checked
    by the admin's form and again, under a lock of the membership, on every save."""

    membership = ParentalKey(
        Membership,
        verbose_name=_("medlemskab"),
        on_delete=models.CASCADE,
        related_name="seats",
        help_text=_("Årets medlemskab, pladsen hører til."),
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("deltager"),
        on_delete=models.CASCADE,
        related_name="seats",
        help_text=_("Personen på pladsen; opret personen under Deltagere først."),
    )

    panels = [FieldPanel("participant")]

    class Meta:
        verbose_name = _("plads")
        verbose_name_plural = _("pladser")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "participant"], name="one_seat_per_person_and_membership"
            )
        ]

    def __str__(self):
        return f"{self.participant} ({self.membership})"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            membership = Membership.objects.select_for_update().get(pk=self.membership_id)
            limit = membership.seat_limit
            others = Seat.objects.filter(membership=membership).exclude(pk=self.pk)
            if limit is not None and others.count() >= limit:
                raise ValidationError(
                    too_many_seats_message(membership.member_name, limit, membership.year)
                )
            super().save(*args, **kwargs)


class Invitation(models.Model):
    """A single-use link, valid for INVITATION_DAYS, that lets a participant set a password.
    Only a hash of its token is kept: the link itself is only in the e-mail."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("deltager"),
        on_delete=models.CASCADE,
        related_name="invitations",
        help_text=_("Den inviterede."),
    )
    email = models.EmailField(
        _("sendt til"),
        default="",
        editable=False,
        help_text=_("Adressen, den blev sendt til; linket virker ikke, hvis den er ændret siden."),
    )
    token_hash = models.CharField(
        _("invitationsnøgle"),
        max_length=64,
        unique=True,
        editable=False,
        help_text=_("En hash af nøglen i linket; selve linket gemmes ikke."),
    )
    created_at = models.DateTimeField(
        _("sendt"), default=timezone.now, editable=False, help_text=_("Hvornår den blev sendt.")
    )
    used_at = models.DateTimeField(
        _("brugt"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Hvornår linket blev brugt; et link virker kun én gang."),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inviteret af"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Den i sekretariatet, der sendte invitationen."),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.participant} ({self.created_at:%Y-%m-%d})"

    @property
    def expires_at(self) -> datetime.datetime:
        return self.created_at + datetime.timedelta(days=INVITATION_DAYS)

    def is_usable(self, now: datetime.datetime | None = None) -> bool:
        """Not used or withdrawn, not expired, and for the address the participant has now."""
        return (
            self.used_at is None
            and (now or timezone.now()) < self.expires_at
            and self.email == self.participant.email
        )


class MembersAreaPage(IntroPage):
    """The network's confidential room: meeting notes, presentations and documents for the
    participants. It is always restricted to the two network groups (set on every save, so
    the room can never be published open), and so is everything below it."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("netværkets rum")
        verbose_name_plural = _("netværkets rum")

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        self.restrict_to_network()
        return result

    def restrict_to_network(self) -> None:
        """Exactly one restriction on the room: to the two network groups. Runs again from the
        signals its own changes send; the flag keeps that from going round."""
        if getattr(_restoring, "active", False):
            return
        _restoring.active = True
        try:
            restrictions = list(PageViewRestriction.objects.filter(page=self).order_by("pk"))
            kept = next(
                (r for r in restrictions if r.restriction_type == PageViewRestriction.GROUPS),
                None,
            )
            for other in restrictions:
                if other is not kept:
                    other.delete()
            if kept is None:
                kept = PageViewRestriction.objects.create(
                    page=self, restriction_type=PageViewRestriction.GROUPS
                )
            groups = set(network_groups().values())
            if set(kept.groups.all()) != groups:
                kept.groups.set(groups)
        finally:
            _restoring.active = False

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().specific().order_by("-first_published_at")
        return context
