"""Knowledge content: municipal cases and research findings, each under its index page."""

from django import forms
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.models import IndexPage, LeadImageFields, SearchablePage, SummaryFields
from taxonomy.models import Approach, Municipality, Organisation, Person, SDGGoal, Theme, WorkLevel

from .blocks import CaseBodyBlock, FindingBlock
from .listing import case_listing


class CaseIndexPage(IndexPage):
    subpage_types = ["cases.CasePage"]
    navigation_label = _("Cases")
    navigation_order = 10

    class Meta:
        verbose_name = _("caseoversigt")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = case_listing(request, self.visible_children(CasePage))
        return context


class CasePage(SearchablePage, LeadImageFields, SummaryFields, Page):
    """How one municipality works with the goals, told in the UN good-practice case template."""

    search_type = "case"
    search_label = _("Case")
    search_label_plural = _("Cases")
    search_order = 10

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="cases",
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
    body = StreamField(CaseBodyBlock(), verbose_name=_("casebeskrivelse"), blank=True)
    contacts = ParentalManyToManyField(
        Person, verbose_name=_("kontaktpersoner"), blank=True, related_name="cases"
    )
    presented_at = models.ForeignKey(
        "events.EventPage",
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
        LeadImageFields.lead_image_panel,
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

    @cached_property
    def sorted_goals(self):
        return sorted(self.goals.all(), key=lambda goal: goal.number)


class ResearchIndexPage(IndexPage):
    subpage_types = ["cases.ResearchFindingPage"]
    navigation_label = _("Forskning")
    navigation_order = 20

    class Meta:
        verbose_name = _("forskningsoversigt")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["findings"] = (
            self.visible_children(ResearchFindingPage)
            .select_related("institution")
            .prefetch_related("goals", "researchers")
            .order_by("-first_published_at")
        )
        return context


class ResearchFindingPage(SearchablePage, SummaryFields, Page):
    """Results of a research project, with what municipalities should take from them."""

    search_type = "research"
    search_label = _("Forskningsresultat")
    search_label_plural = _("Forskning")
    search_order = 20

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
