"""The classification every content app shares: the 17 SDG goals, Roskilde University's levels
of work, themes, Denmark's municipalities, the organisations and people named on pages, and
how a municipality organises its work (approach)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.slugs import ascii_slug

from .colours import goal_css_class, text_colour_for


class SDGGoal(models.Model):
    """One of the 17 UN Sustainable Development Goals; fixed, loaded by a data migration."""

    number = models.PositiveSmallIntegerField(
        _("nummer"), unique=True, help_text=_("Målets nummer, 1-17.")
    )
    title_da = models.CharField(
        _("titel (dansk)"), max_length=100, help_text=_("Målets danske titel, som siderne viser.")
    )
    title_en = models.CharField(
        _("titel (engelsk)"), max_length=100, help_text=_("Målets officielle engelske titel.")
    )
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

    @property
    def text_colour(self) -> str:
        """Black or white, whichever reads better on the goal's colour (WCAG luminance)."""
        return text_colour_for(self.colour)

    @property
    def css_class(self) -> str:
        """The class that gives an element the goal's colours (static/css/goal-colours.css)."""
        return goal_css_class(self.number)


class WorkLevel(models.Model):
    """A level at which a municipality works with the goals (Roskilde University's three)."""

    number = models.PositiveSmallIntegerField(
        _("nummer"), unique=True, help_text=_("Niveauets nummer i Roskilde Universitets inddeling.")
    )
    name = models.CharField(
        _("navn"), max_length=120, help_text=_("Niveauet, som siderne nævner det.")
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("arbejdsniveau")
        verbose_name_plural = _("arbejdsniveauer")

    def __str__(self):
        return self.name


class Theme(index.Indexed, models.Model):
    name = models.CharField(
        _("navn"), max_length=100, unique=True, help_text=_("Temaets navn på cases og i søgningen.")
    )
    slug = models.SlugField(
        _("kortnavn"),
        unique=True,
        allow_unicode=False,
        help_text=_(
            "Bruges i adresser, fx /cases/?theme=klima: små bogstaver a-z, tal og bindestreg."
        ),
    )
    description = models.TextField(
        _("beskrivelse"), blank=True, help_text=_("Kort om, hvad temaet dækker.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or ascii_slug(self.name)
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
    name = models.CharField(
        _("navn"), max_length=100, unique=True, help_text=_("Kommunens navn uden ordet 'Kommune'.")
    )
    slug = models.SlugField(
        _("kortnavn"), unique=True, help_text=_("Bruges i adressen /kommuner/<kortnavn>/.")
    )
    region = models.CharField(
        _("region"),
        max_length=20,
        choices=Region.choices,
        help_text=_("Den region, kommunen ligger i."),
    )

    panels = [FieldPanel("name"), FieldPanel("code", read_only=True), FieldPanel("region")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self):
        return self.name


class Organisation(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Kommune")
        UNIVERSITY = "university", _("Universitet")
        COMPANY = "company", _("Virksomhed")
        ASSOCIATION = "association", _("Forening")
        NETWORK = "network", _("Netværk")

    name = models.CharField(
        _("navn"),
        max_length=150,
        unique=True,
        help_text=_("Organisationens fulde navn, fx 'Gladsaxe Kommune'."),
    )
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=Kind.choices,
        help_text=_("Hvilken slags organisation det er."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
        help_text=_("Udfyldes når organisationen er en kommune."),
    )
    website = models.URLField(
        _("hjemmeside"),
        blank=True,
        help_text=_("Fuld adresse, fx https://www.example.dk/; navnet bliver et link til den."),
    )

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
    name = models.CharField(_("navn"), max_length=150, help_text=_("Fornavn og efternavn."))
    job_title = models.CharField(
        _("titel"), max_length=150, blank=True, help_text=_("Stilling, fx 'Chefkonsulent'.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text=_("Hvor personen arbejder; vises efter navnet."),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Vises ved personen, så læserne kan skrive.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Et portræt af personen."),
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


class Approach(models.TextChoices):
    TOP_DOWN = "top-down", _("Top-down")
    BOTTOM_UP = "bottom-up", _("Bottom-up")
    HYBRID = "hybrid", _("Hybrid")
