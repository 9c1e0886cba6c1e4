"""The ground every content app builds on: abstract page bases, the fields many pages share,
and the page-type registry that search and the site navigation read."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager, PageViewRestriction, Site, get_page_models
from wagtail.query import PageQuerySet

from .content_version import remembered

# Page types --------------------------------------------------------------------------------


class SearchablePage:
    """Mixin for a page type that search shows. Each type says here, once, what search needs:

    - `search_type`: its value in the search's type facet and the JSON API ("case");
    - `search_label` / `search_label_plural`: how a result and the facet call it;
    - `search_summary_field`: the field with its short description (else the SEO description);
    - `search_date_field`: the date (or moment) that dates it: `date` (ContentDateFields),
      an event's `start`; a page without one has no date and no year in search;
    - `search_taxonomy`: which of the fields `goals`, `themes`, `municipality` and `approach`
      it has, for the facets.

    Search learns the types from `searchable_page_types()`, never from the apps' modules.
    """

    search_type: ClassVar[str]
    search_label: ClassVar[str]
    search_label_plural: ClassVar[str]
    search_order: ClassVar[int] = 100  # position in the type facet
    search_summary_field: ClassVar[str | None] = "summary"
    search_date_field: ClassVar[str] = "date"
    search_taxonomy: ClassVar[frozenset[str]] = frozenset()


@cache
def page_types_with(*mixins: type) -> tuple[type[Page], ...]:
    """The page models that mix in any of `mixins`. Remembered: every page model is known
    once the apps are loaded, and the header and search ask on every request. Asking
    earlier is an error rather than a list remembered incomplete."""
    apps.check_models_ready()
    return tuple(model for model in get_page_models() if issubclass(model, mixins))


def searchable_page_types() -> dict[str, type[Page]]:
    """search_type -> page model, in facet order."""
    ordered = sorted(
        page_types_with(SearchablePage), key=lambda model: (model.search_order, model.search_type)
    )
    return {model.search_type: model for model in ordered}


class NavigationSection:
    """Mixin for a page that is a section of the site header (one page of its type per site).

    `navigation_label` is the link's text; `navigation_order` its place.
    """

    navigation_label: ClassVar[str]
    navigation_order: ClassVar[int] = 100


def navigation_page_types() -> list[type[Page]]:
    return sorted(page_types_with(NavigationSection), key=lambda model: model.navigation_order)


# View restrictions are read once per process until content changes (core.content_version):
# Wagtail reads them all for every `public()` and twice for every page it serves.


def _view_restrictions() -> list[tuple[int, str]]:
    """(id, path of the restricted page) of every view restriction."""
    return list(PageViewRestriction.objects.values_list("pk", "page__path"))


def view_restrictions() -> list[tuple[int, str]]:
    return remembered("view-restrictions", _view_restrictions)


class PortalPageQuerySet(PageQuerySet):
    """Wagtail's page queries, with `public()` costing no query of its own."""

    def private_q(self) -> Q:
        q = Q()
        for _pk, path in view_restrictions():
            q |= Q(path__startswith=path)
        return q if q else Q(pk__in=[])  # no private section: no page is private


PortalPageManager = PageManager.from_queryset(PortalPageQuerySet)


def pages() -> PortalPageQuerySet:
    """All pages (not specific), queried as PortalPageQuerySet."""
    return PortalPageQuerySet(Page).order_by("path")


class RememberedViewRestrictions:
    """Mixin for a page model: the restrictions that apply to the page, found without a query
    when there are none (Wagtail asks the database twice before serving any page)."""

    def get_view_restrictions(self):
        if self.alias_of_id:  # an alias also obeys its original's restrictions: Wagtail knows
            return super().get_view_restrictions()
        ids = [pk for pk, path in view_restrictions() if self.path.startswith(path)]
        restrictions = PageViewRestriction.objects
        return restrictions.filter(pk__in=ids) if ids else restrictions.none()


class RememberedChildren:
    """Mixin for a page with few children that many requests pass through (the home page): it
    finds them, specific, once per process until content changes (core.content_version),
    where Wagtail's routing asks the database twice. The children are shared by the process's
    requests: nothing may change them."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        child = remembered(("children", self.pk), self._children_by_slug).get(path_components[0])
        if child is None:
            raise Http404
        return child.route(request, path_components[1:])

    def _children_by_slug(self) -> dict:
        children = {child.slug: child for child in self.get_children().specific()}
        for child in children.values():
            child._cached_parent_obj = self
        return children


# Shared fields -----------------------------------------------------------------------------

SUMMARY_HELP = _("Et par sætninger, der vises i lister og søgeresultater.")


class SummaryFields(models.Model):
    """A short summary shown in listings, search results, feeds and the meta description."""

    summary = models.TextField(_("resumé"), help_text=SUMMARY_HELP)

    class Meta:
        abstract = True


class LeadImageFields(models.Model):
    """An image that opens the page, with the alternative text it must have."""

    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hovedbillede"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Vises øverst på siden."),
    )
    lead_image_alt = models.CharField(
        _("alternativ tekst"),
        max_length=250,
        blank=True,
        help_text=_("Beskriv billedet for dem, der ikke kan se det."),
    )

    lead_image_panel = MultiFieldPanel(
        [FieldRowPanel([FieldPanel("lead_image"), FieldPanel("lead_image_alt")])],
        heading=_("Billede"),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.lead_image and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": _("Skriv en alternativ tekst, når siden har et billede.")}
            )


class ContentDateFields(models.Model):
    """The date a page's content is about, which the page, its cards, search (results, the year
    facet, "newest"), the RSS feed and the listings show and sort by: for a case, the day it was
    told (at an event) or published by the editors; for research, the day its results were
    presented. Not the day the page was made or published on this site, which may be years
    later (the demo content, an imported archive).

    New pages get today's date, which the editor changes when the content is older. A page
    whose content belongs to no particular day (a description of the network) may have none:
    it is then shown without a date and has no year in search.
    """

    date = models.DateField(
        _("dato"),
        null=True,
        blank=True,
        default=timezone.localdate,
        help_text=_(
            "Den dag, indholdet handler om: for en case den dag, den blev fortalt eller "
            "udgivet af redaktionen. Vises på siden og i søgeresultater og bestemmer "
            "rækkefølgen »nyeste«. Lad feltet stå tomt, hvis indholdet ikke hører til en "
            "bestemt dag."
        ),
    )

    date_panel = FieldPanel("date")

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request=None):
        """The sitemap's `lastmod` stays Wagtail's: the page's last publication, not its `date`.

        `lastmod` tells a crawler when the page last changed so it reads it again; a case told
        in 2021 and corrected today has changed today. Giving the content date instead would
        hide every edit of older content from search engines, so the content date appears on
        the page (and in its RSS item), not in the sitemap."""
        return super().get_sitemap_urls(request)


def newest_first_order() -> list:
    """The order of "newest" for pages with ContentDateFields (the listings' default, and the
    tie-break of their other sorts): newest content first; undated pages last, then the most
    recently made first (by id), so the order is stable."""
    return [F("date").desc(nulls_last=True), "-pk"]


def newest_first(pages: QuerySet) -> QuerySet:
    return pages.order_by(*newest_first_order())


class IntroPage(RememberedViewRestrictions, Page):
    """A page of which a site has one, opening with an editable intro. Subclasses say where
    it may stand (`parent_page_types`): core knows no app's pages."""

    intro = RichTextField(
        _("introduktion"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Vises øverst på siden."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1

    class Meta:
        abstract = True


def chosen(links, field_name: str, queryset) -> list:
    """The objects of `queryset` an editor chose in an orderable child relation `links` (a
    MultipleChooserPanel) by its foreign key `field_name`, in the queryset's order.

    It reads only the chosen ids from the links, so it serves a saved page (one query, the
    links as a subquery) and a preview built from the edit form (in-memory links in a
    FakeQuerySet, then one query for the objects) alike.
    """
    rows = links.all()
    if isinstance(rows, models.QuerySet):
        return list(queryset.filter(pk__in=rows.values(f"{field_name}_id")))
    ids = [getattr(link, f"{field_name}_id") for link in rows]
    return list(queryset.filter(pk__in=ids)) if ids else []


def site_root_url(request) -> str:
    """The address of the request's Wagtail site without a trailing slash, as the sitemap and
    the feeds give it, whichever host the request came on; the request's own host if no site
    matches. Absolute links (canonical, Open Graph, robots.txt) start with it."""
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


def one_per_site_pages(request) -> dict[type[Page], Page]:
    """The first live, public page of each type a site has one of (NavigationSections and
    IntroPages) in the request's site, by type: one query, made once per process until
    content changes (core.content_version).

    The pages are specific but deferred, and shared by the process's requests: read their
    URLs and base fields, not their content, and change nothing on them.
    """
    site = Site.find_for_request(request) if request is not None else None
    return remembered(("one-per-site-pages", site and site.pk), lambda: _one_per_site(site))


def _one_per_site(site: Site | None) -> dict[type[Page], Page]:
    types = page_types_with(NavigationSection, IntroPage)
    found = pages().live().public().type(*types).specific(defer=True)
    if site:
        found = found.filter(path__startswith=site.root_page.path)
    by_type = {}
    for page in found:
        by_type.setdefault(type(page), page)
    return by_type


class IndexPage(NavigationSection, IntroPage):
    """A section's landing page: an editable intro above a list of its live, public children.

    One per site; subclasses name their child type in `subpage_types` and add to the context.
    """

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """As Wagtail's, with one query for a child of the index's one child type, not two."""
        models = self.specific_class.allowed_subpage_models() if path_components else []
        if len(models) != 1:
            return super().route(request, path_components)
        try:
            child = models[0].objects.child_of(self).get(slug=path_components[0])
        except models[0].DoesNotExist:  # perhaps a child of another type, made by code
            return super().route(request, path_components)
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    def visible_children(self, model: type[Page]):
        """The live, public children of the given type: what a visitor may see listed."""
        return model.objects.child_of(self).live().public()


class ContentVersion(models.Model):
    """One row whose token every change of content replaces, in the change's own transaction
    (core.content_version): what a process may remember about the site is keyed by it."""

    token = models.CharField(
        _("nøgle"),
        max_length=32,
        help_text=_("Skiftes ved hver ændring af indholdet; sitet sætter den selv."),
    )

    class Meta:
        verbose_name = _("indholdsversion")
        verbose_name_plural = _("indholdsversioner")

    def __str__(self):
        return self.token
