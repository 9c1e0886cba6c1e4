"""Knowledge content: the taxonomy (goals, themes, municipalities, organisations, people),
municipal cases and research findings."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import CaseBodyBlock, FindingBlock


class SDGGoal(models.Model):
    """One of the 17 UN Sustainable Development Goals; fixed, loaded by a data migration."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    title_da = models.CharField(_("titel (dansk)"), max_length=100)
    title_en = models.CharField(_("titel (engelsk)"), max_length=100)
    colour = models.CharField(
        _("farve"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Angiv farven som #RRGGBB."))],
        help_text=_("FN's officielle farve for målet, fx #E5243B."),
    )

    panels = [FieldPanel("title_da"), FieldPanel("title_en"), FieldPanel("colour", read_only=True)]

    class Meta:
        ordering = ["number"]
        verbose_name = _("verdensmål")
        verbose_name_plural = _("verdensmål")

    def __str__(self):
        return f"{self.number}. {self.title_da}"

    def get_absolute_url(self):
        return reverse("goal_detail", args=[self.number])

    @property
    def text_colour(self) -> str:
        """Black or white, whichever reads better on the goal's colour (WCAG luminance)."""
        red, green, blue = (int(self.colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

        def linear(channel):
            return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

        luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
        return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"


class WorkLevel(models.Model):
    """A level at which a municipality works with the goals (Roskilde University's three)."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("navn"), max_length=120)

    class Meta:
        ordering = ["number"]
        verbose_name = _("arbejdsniveau")
        verbose_name_plural = _("arbejdsniveauer")

    def __str__(self):
        return self.name


class Theme(index.Indexed, models.Model):
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnavn"), unique=True, allow_unicode=False)
    description = models.TextField(_("beskrivelse"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)
        super().save(*args, **kwargs)


class Region(models.TextChoices):
    HOVEDSTADEN = "hovedstaden", _("Region Hovedstaden")
    SJAELLAND = "sjaelland", _("Region Sjælland")
    SYDDANMARK = "syddanmark", _("Region Syddanmark")
    MIDTJYLLAND = "midtjylland", _("Region Midtjylland")
    NORDJYLLAND = "nordjylland", _("Region Nordjylland")


class Municipality(index.Indexed, models.Model):
    """One of Denmark's 98 municipalities, with its official code; loaded by a data migration."""

    code = models.CharField(
        _("kommunekode"), max_length=3, unique=True, help_text=_("Den officielle kommunekode.")
    )
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnavn"), unique=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)

    panels = [FieldPanel("name"), FieldPanel("code", read_only=True), FieldPanel("region")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("municipality_detail", args=[self.slug])


class Organisation(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Kommune")
        UNIVERSITY = "university", _("Universitet")
        COMPANY = "company", _("Virksomhed")
        ASSOCIATION = "association", _("Forening")
        NETWORK = "network", _("Netværk")

    name = models.CharField(_("navn"), max_length=150, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
        help_text=_("Udfyldes når organisationen er en kommune."),
    )
    website = models.URLField(_("hjemmeside"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("municipality"),
        FieldPanel("website"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")

    def __str__(self):
        return self.name


class Person(index.Indexed, models.Model):
    name = models.CharField(_("navn"), max_length=150)
    job_title = models.CharField(_("titel"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("job_title"),
        FieldPanel("organisation"),
        FieldPanel("email"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        constraints = [
            models.UniqueConstraint(fields=["name", "organisation"], name="unique_person_per_org")
        ]

    def __str__(self):
        return self.name

    @property
    def byline(self) -> str:
        """'Chefkonsulent, Gladsaxe Kommune': what a reader needs to place the person."""
        return ", ".join(part for part in (self.job_title, str(self.organisation or "")) if part)


class CaseIndexPage(Page):
    intro = RichTextField(_("introduktion"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cases.CasePage"]
    max_count = 1

    class Meta:
        verbose_name = _("caseoversigt")

    def get_context(self, request, *args, **kwargs):
        from .listing import case_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(case_listing_context(request, self))
        return context


class Approach(models.TextChoices):
    TOP_DOWN = "top-down", _("Top-down")
    BOTTOM_UP = "bottom-up", _("Bottom-up")
    HYBRID = "hybrid", _("Hybrid")


class CasePage(Page):
    """How one municipality works with the goals, told in the UN good-practice case template."""

    type_label = "case"

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    summary = models.TextField(
        _("resumé"), help_text=_("Et par sætninger, der vises i lister og søgeresultater.")
    )
    approach = models.CharField(
        _("organisering"),
        max_length=20,
        choices=Approach.choices,
        help_text=_("Hvordan kommunen har organiseret arbejdet med verdensmålene."),
    )
    work_levels = ParentalManyToManyField(
        WorkLevel,
        verbose_name=_("arbejdsniveauer"),
        blank=True,
        related_name="cases",
        help_text=_("De niveauer, kommunen arbejder med verdensmålene på."),
    )
    goals = ParentalManyToManyField(
        SDGGoal, verbose_name=_("verdensmål"), blank=True, related_name="cases"
    )
    themes = ParentalManyToManyField(
        Theme, verbose_name=_("temaer"), blank=True, related_name="cases"
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hovedbillede"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        _("alternativ tekst"),
        max_length=250,
        blank=True,
        help_text=_("Beskriv billedet for dem, der ikke kan se det."),
    )
    body = StreamField(CaseBodyBlock(), verbose_name=_("casebeskrivelse"), blank=True)
    contacts = ParentalManyToManyField(
        Person, verbose_name=_("kontaktpersoner"), blank=True, related_name="cases"
    )
    presented_at = models.ForeignKey(
        "home.EventPage",
        verbose_name=_("præsenteret ved"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presented_cases",
        help_text=_("Det arrangement, hvor casen blev fortalt."),
    )
    related_research = ParentalManyToManyField(
        "cases.ResearchFindingPage",
        verbose_name=_("relateret forskning"),
        blank=True,
        related_name="related_cases",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldPanel("approach"),
                FieldPanel("work_levels", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Kommune og organisering"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("goals", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Verdensmål og temaer"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("lead_image"), FieldPanel("lead_image_alt")])],
            heading=_("Billede"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("contacts"),
                FieldPanel("presented_at"),
                FieldPanel("related_research"),
            ],
            heading=_("Forbindelser"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("municipality_id"),
        index.FilterField("approach"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
    ]
    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def clean(self):
        super().clean()
        if self.lead_image and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": _("Skriv en alternativ tekst, når casen har et billede.")}
            )

    @cached_property
    def sorted_goals(self):
        return sorted(self.goals.all(), key=lambda goal: goal.number)


class ResearchIndexPage(Page):
    intro = RichTextField(_("introduktion"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cases.ResearchFindingPage"]
    max_count = 1

    class Meta:
        verbose_name = _("forskningsoversigt")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["findings"] = (
            ResearchFindingPage.objects.child_of(self)
            .live()
            .public()
            .select_related("institution")
            .prefetch_related("goals", "researchers")
            .order_by("-first_published_at")
        )
        return context


class ResearchFindingPage(Page):
    """Results of a research project, with what municipalities should take from them."""

    type_label = "research"

    institution = models.ForeignKey(
        Organisation,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="research_findings",
    )
    researchers = ParentalManyToManyField(
        Person, verbose_name=_("forskere"), blank=True, related_name="research_findings"
    )
    partners = ParentalManyToManyField(
        Organisation,
        verbose_name=_("partnere"),
        blank=True,
        related_name="research_partnerships",
        help_text=_("Kommuner og organisationer, der deltager i projektet."),
    )
    period = models.CharField(
        _("periode"),
        max_length=100,
        blank=True,
        help_text=_("Projektets periode som den er oplyst, fx '2019-2021' eller 'to år'."),
    )
    summary = models.TextField(
        _("resumé"), help_text=_("Et par sætninger, der vises i lister og søgeresultater.")
    )
    findings = StreamField(
        [("finding", FindingBlock(label=_("Resultat")))], verbose_name=_("resultater"), blank=True
    )
    recommendations = StreamField(
        [("recommendation", FindingBlock(label=_("Anbefaling")))],
        verbose_name=_("anbefalinger"),
        blank=True,
    )
    work_levels = ParentalManyToManyField(
        WorkLevel, verbose_name=_("arbejdsniveauer"), blank=True, related_name="research_findings"
    )
    goals = ParentalManyToManyField(
        SDGGoal, verbose_name=_("verdensmål"), blank=True, related_name="research_findings"
    )
    themes = ParentalManyToManyField(
        Theme, verbose_name=_("temaer"), blank=True, related_name="research_findings"
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("institution"),
                FieldPanel("researchers"),
                FieldPanel("partners"),
                FieldPanel("period"),
            ],
            heading=_("Projektet"),
        ),
        FieldPanel("findings"),
        FieldPanel("recommendations"),
        MultiFieldPanel(
            [
                FieldPanel("work_levels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("goals", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Verdensmål og temaer"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("findings"),
        index.SearchField("recommendations"),
    ]
    parent_page_types = ["cases.ResearchIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("forskningsresultat")
        verbose_name_plural = _("forskningsresultater")
