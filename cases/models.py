"""Knowledge content: municipal cases and research findings, each under its index page, and
the pages of the goals (/verdensmaal/) and the municipalities (/kommuner/) that gather them."""

from itertools import groupby
from typing import ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.blocks import StreamBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from core.collation import danish_sort_key
from core.content_version import digest, remembered, shared, shared_rows
from core.images import with_lead_images
from core.models import (
    ContentDateFields,
    IndexPage,
    IntroPage,
    LeadImageFields,
    NavigationSection,
    PortalPageManager,
    RememberedViewRestrictions,
    SearchablePage,
    SummaryFields,
    chosen,
    newest_first,
    newest_first_order,
    one_per_site_pages,
)
from events.models import EventPage, EventParticipant
from taxonomy.models import (
    Approach,
    Municipality,
    Organisation,
    Person,
    Region,
    SDGGoal,
    Theme,
    WorkLevel,
)

from .blocks import CaseBodyBlock, FindingBlock
from .listing import LISTING_PARAMS, case_listing, with_case_counts


class CaseIndexPage(IndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cases.CasePage"]
    cached_query_parameters = LISTING_PARAMS
    navigation_label = _("Cases")
    navigation_order = 10

    class Meta:
        verbose_name = _("caseoversigt")
        verbose_name_plural = _("caseoversigter")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = case_listing(request, self.visible_children(CasePage))
        return context


CASE_NEEDS_A_GOAL = _("Vælg mindst ét verdensmål, som casen arbejder med.")
CASE_NEEDS_A_MUNICIPALITY = _("Vælg den kommune, casen handler om.")
CASE_NEEDS_A_BODY = _("Skriv casens beskrivelse: tilføj mindst ét afsnit, fx udfordringen.")


class CasePageForm(WagtailAdminPageForm):
    """A case is published complete: with a municipality, at least one goal and a body.

    The goals are checked here, on the form's value, because a model's clean() sees the
    many-to-many values saved before the form's; the body by the model (CasePage.clean), which
    the form tells whether it validates a draft. A draft may be saved, and previewed, without
    goals and body (Wagtail defers the required fields for drafts and previews).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "municipality" in self.fields:
            self.fields["municipality"].error_messages["required"] = CASE_NEEDS_A_MUNICIPALITY

    def clean(self):
        cleaned_data = super().clean()
        self.instance.validating_a_draft = self.is_deferred_validation
        publishing = not self.is_deferred_validation
        if publishing and "goals" in self.fields and not cleaned_data.get("goals"):
            self.add_error("goals", CASE_NEEDS_A_GOAL)
        return cleaned_data


class CasePage(
    RememberedViewRestrictions,
    SearchablePage,
    ContentDateFields,
    LeadImageFields,
    SummaryFields,
    Page,
):
    """How one municipality works with the goals, told in the UN good-practice case template."""

    base_form_class = CasePageForm

    objects = PortalPageManager()

    search_type = "case"
    search_label = _("Case")
    search_label_plural = _("Cases")
    search_order = 10
    search_taxonomy = frozenset({"goals", "themes", "municipality", "approach"})

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="cases",
        help_text=_("Den kommune, casen handler om."),
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
        SDGGoal,
        verbose_name=_("verdensmål"),
        blank=True,
        related_name="cases",
        help_text=_("De verdensmål, casen arbejder med; mindst ét, før casen udgives."),
    )
    themes = ParentalManyToManyField(
        Theme,
        verbose_name=_("temaer"),
        blank=True,
        related_name="cases",
        help_text=_("Læserne kan finde casen under disse temaer."),
    )
    body = StreamField(
        CaseBodyBlock(),
        verbose_name=_("casebeskrivelse"),
        blank=True,
        help_text=_(
            "Casen fortalt efter FN's skabelon: udfordring, tilgang, resultater, drivkræfter og "
            "barrierer, læring. Mindst ét afsnit, før casen udgives."
        ),
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

    content_panels = Page.content_panels + [
        ContentDateFields.date_panel,
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
        MultipleChooserPanel(
            "contact_links",
            chooser_field_name="person",
            heading=_("Kontaktpersoner"),
            label=_("Kontaktperson"),
            help_text=_("De personer, læserne kan kontakte om casen."),
        ),
        FieldPanel("presented_at"),
        MultipleChooserPanel(
            "research_links",
            chooser_field_name="research",
            heading=_("Relateret forskning"),
            label=_("Forskningsresultat"),
            help_text=_("Vises på casen og på forskningsresultatets side."),
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
        # "Newest first" (the home page, the listings' default) walks this index instead of
        # sorting every case.
        indexes = [
            models.Index(
                models.F("date").desc(nulls_last=True),
                models.F("page_ptr").desc(),
                name="case_newest_first",
            )
        ]

    validating_a_draft = False  # set by CasePageForm while it checks a draft or a preview

    def clean(self):
        """A published case has a body, whichever way it is published (admin or code)."""
        super().clean()
        if self.live and not self.validating_a_draft and not self.body:
            raise ValidationError(
                {"body": StreamBlockValidationError(non_block_errors=[CASE_NEEDS_A_BODY])}
            )

    @cached_property
    def sorted_goals(self):
        return sorted(self.goals.all(), key=lambda goal: goal.number)

    @cached_property
    def contact_people(self) -> list[Person]:
        return chosen(self.contact_links, "person", Person.objects.select_related("organisation"))

    @cached_property
    def related_research(self) -> list["ResearchFindingPage"]:
        """The chosen research a visitor may see, in the tree's order."""
        return chosen(self.research_links, "research", ResearchFindingPage.objects.live().public())

    RELATED_CASES = 3

    @cached_property
    def related_cases(self) -> list["CasePage"]:
        """Up to three other live, public cases, those sharing the most with this one first: a
        point for each goal in common, one for the same approach, one for the same region."""
        goal_ids = [goal.pk for goal in self.sorted_goals]
        shared_goals = Subquery(
            CasePage.goals.through.objects.filter(casepage=OuterRef("pk"), sdggoal__in=goal_ids)
            .values("casepage")
            .annotate(count=Count("*"))
            .values("count"),
            output_field=IntegerField(),
        )
        region = self.municipality.region if self.municipality_id else None

        def point_if(**condition):
            return Case(When(then=Value(1), **condition), default=Value(0))

        def best_ids() -> list[int]:
            candidates = (
                live_cases()
                .exclude(pk=self.pk)
                .annotate(
                    overlap=Coalesce(shared_goals, 0)
                    + point_if(approach=self.approach)
                    + point_if(municipality__region=region)
                )
                .filter(overlap__gt=0)
                .order_by("-overlap", *newest_first_order())
            )
            return list(candidates.values_list("pk", flat=True)[: self.RELATED_CASES])

        # Scoring reads every case: keep the choice until content changes. What decides it is
        # in the key, so a preview with other goals gets its own.
        key = "related-cases:" + digest(self.pk, goal_ids, self.approach, region)
        ids = shared(key, best_ids)
        cases = with_lead_images(live_cases().filter(pk__in=ids), "card")
        by_id = {
            case.pk: case for case in cases.select_related("municipality").prefetch_related("goals")
        }
        return [by_id[pk] for pk in ids if pk in by_id]


class ResearchIndexPage(IndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cases.ResearchFindingPage"]
    navigation_label = _("Forskning")
    navigation_order = 20

    class Meta:
        verbose_name = _("forskningsoversigt")
        verbose_name_plural = _("forskningsoversigter")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["findings"] = newest_first(
            self.visible_children(ResearchFindingPage)
            .select_related("institution")
            .prefetch_related("goals")
        )
        return context


class ResearchFindingPage(
    RememberedViewRestrictions, SearchablePage, ContentDateFields, SummaryFields, Page
):
    """Results of a research project, with what municipalities should take from them."""

    objects = PortalPageManager()

    search_type = "research"
    search_label = _("Forskningsresultat")
    search_label_plural = _("Forskning")
    search_order = 20
    search_taxonomy = frozenset({"goals", "themes"})

    institution = models.ForeignKey(
        Organisation,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="research_findings",
        help_text=_("Universitetet eller organisationen bag forskningen."),
    )
    period = models.CharField(
        _("periode"),
        max_length=100,
        blank=True,
        help_text=_("Projektets periode som den er oplyst, fx '2019-2021' eller 'to år'."),
    )
    findings = StreamField(
        [("finding", FindingBlock(label=_("Resultat")))],
        verbose_name=_("resultater"),
        blank=True,
        help_text=_("Projektets resultater, ét pr. punkt."),
    )
    recommendations = StreamField(
        [("recommendation", FindingBlock(label=_("Anbefaling")))],
        verbose_name=_("anbefalinger"),
        blank=True,
        help_text=_("Hvad kommunerne kan tage med fra resultaterne."),
    )
    work_levels = ParentalManyToManyField(
        WorkLevel,
        verbose_name=_("arbejdsniveauer"),
        blank=True,
        related_name="research_findings",
        help_text=_("De niveauer, forskningen handler om."),
    )
    goals = ParentalManyToManyField(
        SDGGoal,
        verbose_name=_("verdensmål"),
        blank=True,
        related_name="research_findings",
        help_text=_("De verdensmål, forskningen handler om."),
    )
    themes = ParentalManyToManyField(
        Theme,
        verbose_name=_("temaer"),
        blank=True,
        related_name="research_findings",
        help_text=_("Læserne kan finde forskningen under disse temaer."),
    )

    content_panels = Page.content_panels + [
        ContentDateFields.date_panel,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("institution"),
                FieldPanel("period"),
            ],
            heading=_("Projektet"),
        ),
        MultipleChooserPanel(
            "researcher_links",
            chooser_field_name="person",
            heading=_("Forskere"),
            label=_("Forsker"),
        ),
        MultipleChooserPanel(
            "partner_links",
            chooser_field_name="organisation",
            heading=_("Partnere"),
            label=_("Partner"),
            help_text=_("Kommuner og organisationer, der deltager i projektet."),
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

    @cached_property
    def researchers(self) -> list[Person]:
        return chosen(
            self.researcher_links, "person", Person.objects.select_related("organisation")
        )

    @cached_property
    def partners(self) -> list[Organisation]:
        return chosen(self.partner_links, "organisation", Organisation.objects.all())

    @cached_property
    def related_cases(self) -> list[CasePage]:
        """The live, public cases that chose this research (chosen on the case, shown on both)."""
        if self.pk is None:  # a preview of a page not yet saved: no case can have chosen it
            return []
        return list(live_cases().filter(research_links__research=self).order_by("path"))


# The chosen people, organisations and research: rows of MultipleChooserPanels ---------------


class CaseContact(Orderable):
    page = ParentalKey(
        CasePage, verbose_name=_("case"), on_delete=models.CASCADE, related_name="contact_links"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="case_contacts"
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")


class CaseResearch(Orderable):
    page = ParentalKey(
        CasePage, verbose_name=_("case"), on_delete=models.CASCADE, related_name="research_links"
    )
    research = models.ForeignKey(
        ResearchFindingPage,
        verbose_name=_("forskningsresultat"),
        on_delete=models.CASCADE,
        related_name="case_links",
    )

    panels = [FieldPanel("research")]

    class Meta(Orderable.Meta):
        verbose_name = _("relateret forskning")
        verbose_name_plural = _("relateret forskning")


class FindingResearcher(Orderable):
    page = ParentalKey(
        ResearchFindingPage,
        verbose_name=_("forskningsresultat"),
        on_delete=models.CASCADE,
        related_name="researcher_links",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="research_contributions",
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("forsker")
        verbose_name_plural = _("forskere")


class FindingPartner(Orderable):
    page = ParentalKey(
        ResearchFindingPage,
        verbose_name=_("forskningsresultat"),
        on_delete=models.CASCADE,
        related_name="partner_links",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="research_partnerships",
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partnere")


# The goals and the municipalities ----------------------------------------------------------


def live_cases():
    return CasePage.objects.live().public()


def live_findings():
    return newest_first(ResearchFindingPage.objects.live().public().select_related("institution"))


def with_live_case_counts(queryset):
    """Each goal or municipality annotated with `case_count`, its live, public cases."""
    return with_case_counts(queryset, live_cases())


def live_events():
    return EventPage.objects.live().public()


def goals_with_content():
    """The goals that a live, public case or research finding is about."""
    return SDGGoal.objects.filter(
        Q(pk__in=CasePage.goals.through.objects.filter(casepage__in=live_cases()).values("sdggoal"))
        | Q(
            pk__in=ResearchFindingPage.goals.through.objects.filter(
                researchfindingpage__in=live_findings()
            ).values("sdggoal")
        )
    )


def findings_with(organisations) -> "models.QuerySet[ResearchFindingPage]":
    """Live, public research with one of the organisations as a partner or employer of one of
    its researchers."""
    return live_findings().filter(
        Q(pk__in=FindingPartner.objects.filter(organisation__in=organisations).values("page"))
        | Q(
            pk__in=FindingResearcher.objects.filter(person__organisation__in=organisations).values(
                "page"
            )
        )
    )


def events_with(organisations, cases) -> "models.QuerySet[EventPage]":
    """Live, public events with one of the organisations taking part or one of the cases told."""
    return live_events().filter(
        Q(pk__in=EventParticipant.objects.filter(organisation__in=organisations).values("page"))
        | Q(pk__in=cases.filter(presented_at__isnull=False).values("presented_at"))
    )


def municipalities_with_content():
    """The municipalities with a live, public case, or whose organisations took part in live,
    public research or events."""
    organisations = Organisation.objects.filter(
        Q(pk__in=FindingPartner.objects.filter(page__in=live_findings()).values("organisation"))
        | Q(
            pk__in=FindingResearcher.objects.filter(page__in=live_findings()).values(
                "person__organisation"
            )
        )
        | Q(pk__in=EventParticipant.objects.filter(page__in=live_events()).values("organisation"))
    )
    return Municipality.objects.filter(
        Q(pk__in=live_cases().values("municipality"))
        | Q(pk__in=organisations.values("municipality"))
    )


class TaxonomyIndexPage(RoutablePageMixin, IntroPage):
    """A page listing the objects of a taxonomy model, with a routed sub-page for each.

    Subclasses name the route that serves one object (`object_route`) and how an object is
    written in it (`route_kwargs`). Elsewhere an object's URL comes from `url_for(request, obj)`
    (in templates the `goal_url` and `municipality_url` tags), which finds the page once a request.
    An object's sub-page says so when nothing is published about it yet; such a page is left
    out of the sitemap and asks search engines not to index it (`objects_with_content`).
    """

    cached_query_parameters = LISTING_PARAMS

    object_route: ClassVar[str]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        abstract = True

    @classmethod
    def for_request(cls, request) -> "TaxonomyIndexPage | None":
        """The site's live, public page of this type (deferred: fit for URLs, not content)."""
        return one_per_site_pages(request).get(cls)

    @classmethod
    def url_for(cls, request, obj=None) -> str:
        """The URL of the object's sub-page (of the page itself without an object); "" when the
        site has no such page. Remembered by the process for the request's site until content
        changes (core.content_version): cards ask for it once per goal they show."""
        site = Site.find_for_request(request) if request is not None else None
        key = ("taxonomy-url", cls, site and site.pk, obj and obj.pk)
        return remembered(key, lambda: cls._url_for(request, obj))

    @classmethod
    def _url_for(cls, request, obj) -> str:
        page = cls.for_request(request)
        if page is None:
            return ""
        return page.object_url(obj, request) if obj is not None else page.get_url(request)

    def route_kwargs(self, obj) -> dict:
        raise NotImplementedError

    def object_url(self, obj, request=None, full=False) -> str:
        base = self.get_full_url(request) if full else self.get_url(request)
        return base + self.reverse_subpage(self.object_route, kwargs=self.route_kwargs(obj))

    def objects_with_content(self) -> models.QuerySet:
        """The objects something live and public is about: those whose sub-pages say more
        than that nothing is published yet."""
        raise NotImplementedError

    def has_content(self, obj) -> bool:
        with_content = remembered(
            ("with-content", type(self)),
            lambda: frozenset(self.objects_with_content().values_list("pk", flat=True)),
        )
        return obj.pk in with_content

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) + [
            {"location": self.object_url(obj, request, full=True)}
            for obj in self.objects_with_content()
        ]

    def render_object(self, request, obj, template: str, context: dict):
        """A sub-page: the page's context, the object as the current breadcrumb, and whether
        search engines may index it."""
        return self.render(
            request,
            template=template,
            context_overrides={
                **context,
                "subpage_title": str(obj),
                "noindex": not self.has_content(obj),
            },
        )


class GoalIndexPage(NavigationSection, TaxonomyIndexPage):
    """/verdensmaal/ lists the 17 goals; /verdensmaal/<n>/ the cases and research of one."""

    navigation_label = _("Verdensmål")
    navigation_order = 50
    object_route = "goal"

    class Meta:
        verbose_name = _("verdensmålsoversigt")
        verbose_name_plural = _("verdensmålsoversigter")

    def route_kwargs(self, obj):
        return {"number": str(obj.number)}

    def objects_with_content(self):
        return goals_with_content()

    @path("")
    def goal_list(self, request):
        return self.render(
            request,
            context_overrides={"goals": shared_rows(with_live_case_counts(SDGGoal.objects.all()))},
        )

    GOAL_PAGE_FINDINGS = 6

    def newest_findings(self, goal) -> dict:
        """The newest research on the goal, and how much there is: the rest is a search away
        (a goal may have hundreds of findings, and its page is about its cases)."""
        findings = live_findings().filter(goals=goal)
        shown = list(findings[: self.GOAL_PAGE_FINDINGS])
        total = len(shown) if len(shown) < self.GOAL_PAGE_FINDINGS else findings.count()
        return {"findings": shown, "findings_total": total}

    @re_path(r"^(?P<number>[0-9]+)/$", name="goal")
    def goal_page(self, request, number: str):
        value = int(number)
        # A number beyond the column's range is no goal either, and must not reach the database.
        goal = SDGGoal.objects.filter(number=value).first() if value <= 32767 else None
        if goal is None:
            raise Http404
        if number != str(goal.number):  # /verdensmaal/01/ is goal 1 too, but has one address
            canonical = self.object_url(goal, request)
            query = request.META.get("QUERY_STRING", "")
            return redirect(f"{canonical}?{query}" if query else canonical, permanent=True)
        listing = case_listing(
            request,
            live_cases().filter(goals=goal),
            allowed=("theme", "municipality", "approach", "level"),
        )
        return self.render_object(
            request,
            goal,
            "cases/goal_page.html",
            {"goal": goal, "listing": listing, **self.newest_findings(goal)},
        )


class MunicipalityIndexPage(TaxonomyIndexPage):
    """/kommuner/ lists the 98 municipalities; /kommuner/<slug>/ shows one: its cases, the
    research and events its organisations took part in, its organisations and its region."""

    object_route = "municipality"

    class Meta:
        verbose_name = _("kommuneoversigt")
        verbose_name_plural = _("kommuneoversigter")

    def route_kwargs(self, obj):
        return {"slug": obj.slug}

    def objects_with_content(self):
        return municipalities_with_content()

    @path("")
    def municipality_list(self, request):
        municipalities = sorted(
            shared_rows(with_live_case_counts(Municipality.objects.all())),
            key=lambda m: (m.region, danish_sort_key(m.name)),
        )
        region_labels = dict(Region.choices)
        return self.render(
            request,
            context_overrides={
                "with_cases": sorted(
                    (m for m in municipalities if m.case_count),
                    key=lambda m: danish_sort_key(m.name),
                ),
                "regions": [
                    (region, region_labels[region], list(members))
                    for region, members in groupby(municipalities, key=lambda m: m.region)
                ],
            },
        )

    @path("<slug:slug>/", name="municipality")
    def municipality_page(self, request, slug: str):
        municipality = get_object_or_404(Municipality, slug=slug)
        cases = live_cases().filter(municipality=municipality)
        organisations = Organisation.objects.filter(municipality=municipality)
        neighbours = shared_rows(
            with_live_case_counts(
                Municipality.objects.filter(region=municipality.region).exclude(pk=municipality.pk)
            ).filter(case_count__gt=0)
        )
        return self.render_object(
            request,
            municipality,
            "cases/municipality_page.html",
            {
                "municipality": municipality,
                "listing": case_listing(
                    request, cases, allowed=("goal", "theme", "approach", "level")
                ),
                "findings": findings_with(organisations),
                "events": events_with(organisations, cases).order_by("-start"),
                "organisations": list(organisations),
                "neighbours": sorted(neighbours, key=lambda m: danish_sort_key(m.name)),
            },
        )
