"""The site's own pages and settings: the home page, standard pages, the paid network, and
what the footer shows."""

import copy

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from cases.models import CaseIndexPage, CasePage
from core.blocks import BodyBlock
from core.content_version import remembered
from core.images import with_lead_images
from core.models import (
    ContentDateFields,
    NavigationSection,
    RememberedChildren,
    RememberedViewRestrictions,
    SearchablePage,
    SummaryFields,
    chosen,
    newest_first,
    one_per_site_pages,
)
from events.models import EventIndexPage, EventPage
from taxonomy.models import Organisation, SDGGoal


class HomePage(RememberedChildren, RememberedViewRestrictions, Page):
    intro = models.TextField(
        _("introduktion"), blank=True, help_text=_("Vises øverst på forsiden under titlen.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("forside")
        verbose_name_plural = _("forsider")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["next_event"] = next_event = EventPage.upcoming().first()
        context["latest_recap"] = None if next_event else EventPage.latest_recap()
        sections = one_per_site_pages(request)
        context["case_index"] = sections.get(CaseIndexPage)
        context["event_index"] = sections.get(EventIndexPage)
        context["latest_cases"] = newest_first(
            with_lead_images(CasePage.objects.live().public(), "card")
            .select_related("municipality")
            .prefetch_related("goals")
        )[:3]
        context["goals"] = SDGGoal.objects.all()
        return context


class StandardPage(RememberedViewRestrictions, SearchablePage, ContentDateFields, Page):
    search_type = "page"
    search_label = _("Side")
    search_label_plural = _("Sider")
    search_order = 50
    search_summary_field = "intro"

    intro = models.TextField(
        _("introduktion"),
        blank=True,
        help_text=_("Et kort oplæg øverst på siden; vises også i søgeresultater."),
    )
    body = StreamField(
        BodyBlock(), verbose_name=_("indhold"), blank=True, help_text=_("Sidens indhold.")
    )

    content_panels = Page.content_panels + [
        ContentDateFields.date_panel,
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standardside")
        verbose_name_plural = _("standardsider")


class NetworkPage(
    RememberedViewRestrictions,
    SearchablePage,
    NavigationSection,
    ContentDateFields,
    SummaryFields,
    Page,
):
    """The paid network for municipalities: fee, seats and knowledge partners."""

    search_type = "network"
    search_label = _("Netværk")
    search_label_plural = _("Netværket")
    search_order = 40
    navigation_label = _("Netværket")
    navigation_order = 40

    yearly_fee = models.DecimalField(
        _("kontingent pr. år (kr.)"),
        max_digits=9,
        decimal_places=2,
        help_text=_("Det årlige kontingent for en kommune, i kroner."),
    )
    seats_per_municipality = models.PositiveSmallIntegerField(
        _("deltagere pr. kommune"), help_text=_("Hvor mange fra hver kommune kan deltage.")
    )
    partners_note = models.CharField(
        _("note om partnere"),
        max_length=100,
        blank=True,
        help_text=_("Fx 'm.fl.', hvis listen ikke er udtømmende."),
    )
    contact_person = models.ForeignKey(
        "taxonomy.Person",
        verbose_name=_("kontaktperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Den, kommunerne kan kontakte om netværket."),
    )
    body = StreamField(
        BodyBlock(), verbose_name=_("indhold"), blank=True, help_text=_("Mere om netværket.")
    )

    content_panels = Page.content_panels + [
        ContentDateFields.date_panel,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("yearly_fee"), FieldPanel("seats_per_municipality")]),
                FieldPanel("contact_person"),
            ],
            heading=_("Medlemskab"),
        ),
        MultipleChooserPanel(
            "partner_links",
            chooser_field_name="organisation",
            heading=_("Videnspartnere"),
            label=_("Videnspartner"),
        ),
        FieldPanel("partners_note"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("netværksside")
        verbose_name_plural = _("netværkssider")

    @cached_property
    def partners(self) -> list[Organisation]:
        return chosen(self.partner_links, "organisation", Organisation.objects.all())


class NetworkPartner(Orderable):
    """A knowledge partner of the network: a row of its MultipleChooserPanel."""

    page = ParentalKey(
        NetworkPage,
        verbose_name=_("netværksside"),
        on_delete=models.CASCADE,
        related_name="partner_links",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("videnspartner")
        verbose_name_plural = _("videnspartnere")


# Site settings -----------------------------------------------------------------------------


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    """What the footer of every page says: who runs the site, whom to contact, useful links.

    Editors change it under Indstillinger; templates read it as `settings.home.SiteSettings`.
    """

    tagline = models.CharField(
        _("hvem står bag"),
        max_length=255,
        blank=True,
        help_text=_(
            "Vises øverst i sidefoden, fx 'SDG-leadership: Cphfacilitation i samarbejde "
            "med CSR-forum'."
        ),
    )
    contact_person = models.ForeignKey(
        "taxonomy.Person",
        verbose_name=_("kontaktperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Vises i sidefoden med sin e-mail."),
    )

    panels = [
        FieldPanel("tagline"),
        MultipleChooserPanel(
            "organisation_links",
            chooser_field_name="organisation",
            heading=_("Organisationer bag sitet"),
            label=_("Organisation"),
            help_text=_("Vises i sidefoden, med link til deres hjemmeside, hvis den er udfyldt."),
        ),
        FieldPanel("contact_person"),
        InlinePanel("footer_links", heading=_("Links i sidefoden"), label=_("Link")),
    ]

    class Meta:
        verbose_name = _("indstillinger for sitet")
        verbose_name_plural = _("indstillinger for sitet")

    @classmethod
    def for_request(cls, request):
        """The settings of the request's site as the footer of every page reads them: made once
        per process until content changes (core.content_version), with the organisations,
        contact and links read; each request gets its own copy of the remembered instance.
        The admin edits them through `for_site`, which reads the database."""
        attr_name = cls.get_cache_attr_name()
        site = Site.find_for_request(request)
        if hasattr(request, attr_name) or site is None:
            return super().for_request(request)
        shared = remembered((cls, site.pk), lambda: cls.for_site(site).with_footer_read())
        site_settings = copy.copy(shared)
        setattr(request, attr_name, site_settings)
        return site_settings

    def with_footer_read(self) -> "SiteSettings":
        """Itself, with everything the footer shows read from the database."""
        for name in ("organisation_list", "link_list", "contact_person"):
            getattr(self, name)
        return self

    @cached_property
    def organisation_list(self) -> list[Organisation]:
        return chosen(self.organisation_links, "organisation", Organisation.objects.all())

    @cached_property
    def link_list(self) -> list:
        return list(self.footer_links.select_related("page"))


class SiteOrganisation(Orderable):
    """An organisation behind the site, named in the footer: a row of its MultipleChooserPanel."""

    settings = ParentalKey(
        SiteSettings,
        verbose_name=_("indstillinger"),
        on_delete=models.CASCADE,
        related_name="organisation_links",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation bag sitet")
        verbose_name_plural = _("organisationer bag sitet")


class FooterLink(Orderable):
    """A link in the footer, to a page of the site or to an address elsewhere."""

    settings = ParentalKey(
        SiteSettings,
        verbose_name=_("indstillinger"),
        on_delete=models.CASCADE,
        related_name="footer_links",
    )
    label = models.CharField(_("tekst"), max_length=100, help_text=_("Linkets tekst."))
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("side"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("En side på sitet; vises kun, mens den er udgivet."),
    )
    url = models.CharField(
        _("adresse"),
        max_length=255,
        blank=True,
        help_text=_("En adresse som /verdensmaal/ eller https://…, når linket ikke er en side."),
    )

    panels = [FieldPanel("label"), FieldPanel("page"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("link i sidefoden")
        verbose_name_plural = _("links i sidefoden")

    def clean(self):
        super().clean()
        if bool(self.page) == bool(self.url.strip()):
            raise ValidationError(_("Vælg enten en side eller skriv en adresse."))

    @property
    def href(self) -> str | None:
        """Where the link goes; None for a page that is not live (the link is not shown)."""
        if self.page:
            return self.page.url if self.page.live else None
        return self.url
