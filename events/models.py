"""Events: the symposia and meetings, each under the event index, with a calendar file."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import (
    IndexPage,
    PortalPageManager,
    RememberedViewRestrictions,
    SearchablePage,
    SummaryFields,
    chosen,
)
from taxonomy.models import Organisation

from .blocks import ProgrammeItemBlock
from .calendar import event_to_ics

ASSUMED_DURATION = timedelta(hours=2)
EVENT_ENDS_BEFORE_IT_STARTS = _(
    "Arrangementet skal slutte, efter det er begyndt. Ret sluttidspunktet."
)


class EventIndexPage(IndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    navigation_label = _("Arrangementer")
    navigation_order = 30

    class Meta:
        verbose_name = _("arrangementsoversigt")
        verbose_name_plural = _("arrangementsoversigter")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = self.visible_children(EventPage)
        context["upcoming_events"] = EventPage.upcoming(events)
        context["past_events"] = EventPage.past(events)
        return context


class EventPage(RememberedViewRestrictions, SearchablePage, RoutablePageMixin, SummaryFields, Page):
    """A symposium or meeting; past events carry a recap."""

    objects = PortalPageManager()

    search_type = "event"
    search_label = _("Arrangement")
    search_label_plural = _("Arrangementer")
    search_order = 30
    search_date_field = "start"

    start = models.DateTimeField(_("starttidspunkt"), help_text=_("Dato og klokkeslæt, dansk tid."))
    end = models.DateTimeField(
        _("sluttidspunkt"),
        null=True,
        blank=True,
        help_text=_("Efter starttidspunktet; tomt, hvis det ikke er kendt."),
    )
    time_is_known = models.BooleanField(
        _("klokkeslæt er kendt"),
        default=True,
        help_text=_(
            "Fjern fluebenet, hvis kun datoen er kendt; så vises kun datoen og intet klokkeslæt."
        ),
    )
    is_online = models.BooleanField(
        _("online"), default=True, help_text=_("Sæt flueben, hvis arrangementet foregår online.")
    )
    location = models.CharField(
        _("sted"), max_length=255, blank=True, help_text=_("Adresse, hvis det ikke er online.")
    )
    price = models.DecimalField(
        _("pris (kr.)"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("0 betyder gratis."),
    )
    registration = models.TextField(
        _("tilmelding"), blank=True, help_text=_("Hvordan man tilmelder sig.")
    )
    registration_email = models.EmailField(
        _("tilmelding på e-mail"),
        blank=True,
        help_text=_("Adressen, man tilmelder sig på; vises som link."),
    )
    takes_registrations = models.BooleanField(
        _("tilmelding på sitet"),
        default=False,
        help_text=_(
            "Sæt flueben, så deltagerne tilmelder sig med en formular på siden og får en "
            "bekræftelse med kalenderfil. Tilmeldingen lukker, når arrangementet begynder."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("antal pladser"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Tomt betyder ingen grænse. Når pladserne er taget, kommer man på venteliste."),
    )
    members_only = models.BooleanField(
        _("kun for netværkets deltagere"),
        default=False,
        help_text=_("Kun deltagere fra årets medlemskommuner og videnspartnere kan tilmelde sig."),
    )
    keep_registrations_days = models.PositiveSmallIntegerField(
        _("slet tilmeldinger efter (dage)"),
        default=30,
        help_text=_("Tilmeldingerne slettes dette antal dage efter arrangementet."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("beskrivelse"),
        blank=True,
        help_text=_("Hvad arrangementet handler om."),
    )
    programme = StreamField(
        [("item", ProgrammeItemBlock(label=_("Programpunkt")))],
        verbose_name=_("program"),
        blank=True,
        help_text=_("Programpunkterne i den rækkefølge, de finder sted."),
    )
    recap = StreamField(
        BodyBlock(),
        verbose_name=_("referat"),
        blank=True,
        help_text=_("Hvad der skete, når arrangementet er afholdt."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_is_known"),
                FieldRowPanel([FieldPanel("is_online"), FieldPanel("location")]),
                FieldPanel("price"),
                FieldPanel("registration"),
                FieldPanel("registration_email"),
            ],
            heading=_("Tid, sted og tilmelding"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("takes_registrations"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("keep_registrations_days")]),
                FieldPanel("members_only"),
            ],
            heading=_("Tilmelding på sitet"),
        ),
        FieldPanel("body"),
        FieldPanel("programme"),
        MultipleChooserPanel(
            "participant_links",
            chooser_field_name="organisation",
            heading=_("Deltagende organisationer"),
            label=_("Organisation"),
        ),
        FieldPanel("recap"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("programme"),
        index.SearchField("recap"),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementer")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": EVENT_ENDS_BEFORE_IT_STARTS})

    @staticmethod
    def not_ended(now) -> Q:
        """The database's form of `ends_at >= now`, so listings and pages agree on what is past."""
        return (
            Q(end__gte=now)
            | Q(end__isnull=True, time_is_known=True, start__gte=now - ASSUMED_DURATION)
            | Q(end__isnull=True, time_is_known=False, start__gte=now - timedelta(days=1))
        )

    @classmethod
    def upcoming(cls, queryset=None):
        """Events not yet over, including those happening now, soonest first."""
        queryset = cls.objects.live().public() if queryset is None else queryset
        return queryset.filter(cls.not_ended(timezone.now())).order_by("start")

    @classmethod
    def past(cls, queryset=None):
        """Events that are over, the latest first."""
        queryset = cls.objects.live().public() if queryset is None else queryset
        return queryset.exclude(cls.not_ended(timezone.now())).order_by("-start")

    @classmethod
    def latest_recap(cls, queryset=None):
        """The most recent past event with a recap: what the home page tells when no event
        is coming up."""
        return cls.past(queryset).exclude(recap=[]).first()

    @cached_property
    def participants(self) -> list[Organisation]:
        return chosen(self.participant_links, "organisation", Organisation.objects.all())

    @cached_property
    def presented_case_pages(self) -> list[Page]:
        """The live, public cases told at the event (the case names the event)."""
        if self.pk is None:  # a preview of an event not yet saved: no case names it
            return []
        return list(self.presented_cases.live().public().order_by("path"))

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def registration_is_open(self) -> bool:
        """Registration on the site closes when the event begins."""
        return self.takes_registrations and timezone.now() < self.start

    @property
    def is_free(self) -> bool:
        return self.price == 0

    @property
    def registration_names_its_email(self) -> bool:
        """The registration text already gives the address (then it is linked there, not
        printed a second time)."""
        email = self.registration_email.strip().lower()
        return bool(email) and email in self.registration.lower()

    @property
    def ends_at(self):
        """The end; without one a timed event is taken to last two hours, an untimed one the day."""
        if self.end:
            return self.end
        return self.start + (ASSUMED_DURATION if self.time_is_known else timedelta(days=1))

    # Wagtail serves only paths of [\w-]+/ segments, so the route cannot end in ".ics";
    # the Content-Disposition header gives the download its .ics file name.
    @path("kalender/", name="ics")
    def ics(self, request):
        response = HttpResponse(
            event_to_ics(self, request), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response


class EventParticipant(Orderable):
    """An organisation taking part in an event: a row of its MultipleChooserPanel."""

    page = ParentalKey(
        EventPage,
        verbose_name=_("arrangement"),
        on_delete=models.CASCADE,
        related_name="participant_links",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="event_participations",
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("deltagende organisation")
        verbose_name_plural = _("deltagende organisationer")


class Registration(models.Model):
    """A person's registration for an event: a seat, or a place on the waiting list, which
    moves up when someone cancels (events.registrations). Deleted some days after the
    event (`delete_old_registrations`)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Tilmeldt")
        WAITING = "waiting", _("Venteliste")

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("arrangement"),
        on_delete=models.CASCADE,
        related_name="registrations",
        help_text=_("Arrangementet, der er tilmeldt."),
    )
    status = models.CharField(
        _("tilmeldingsstatus"),
        max_length=20,
        choices=Status.choices,
        help_text=_("Tilmeldt eller på venteliste; ventelisten rykker op, når nogen melder fra."),
    )
    name = models.CharField(_("navn"), max_length=150, help_text=_("Deltagerens navn."))
    email = models.EmailField(
        _("e-mail"), help_text=_("Bekræftelsen og afmeldingslinket går hertil.")
    )
    municipality = models.ForeignKey(
        "taxonomy.Municipality",
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Kommunen, deltageren kommer fra, hvis nogen."),
    )
    organisation = models.CharField(
        _("organisation"), max_length=150, blank=True, help_text=_("Deltagerens organisation.")
    )
    note = models.TextField(
        _("bemærkning"), max_length=500, blank=True, help_text=_("Deltagerens bemærkning.")
    )
    registered_at = models.DateTimeField(
        _("tilmeldt"), default=timezone.now, help_text=_("Hvornår tilmeldingen kom.")
    )
    cancel_token_hash = models.CharField(
        _("afmeldingsnøgle"),
        max_length=64,
        unique=True,
        editable=False,
        help_text=_("En hash af nøglen i afmeldingslinket; selve linket gemmes ikke."),
    )

    shown_on_pages = False  # a registration changes no page: the content version stays

    panels = [
        FieldPanel("event", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("name"),
        FieldPanel("email", read_only=True),  # the address the confirmation went to
        FieldPanel("municipality"),
        FieldPanel("organisation"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        ordering = ["event", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="one_registration_per_email")
        ]

    def __str__(self):
        return f"{self.name} ({self.event})"
