"""Public pages that are not Wagtail pages: the goals and the municipalities."""

from itertools import groupby

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from taxonomy.models import Municipality, Region, SDGGoal

from .listing import case_listing
from .models import CasePage, ResearchFindingPage


def _live_cases():
    return CasePage.objects.live().public()


def _live_findings():
    return (
        ResearchFindingPage.objects.live()
        .public()
        .select_related("institution")
        .order_by("-first_published_at", "-pk")
    )


def _with_case_counts(queryset):
    return queryset.annotate(
        case_count=Count("cases", filter=Q(cases__in=_live_cases()), distinct=True)
    )


def goal_index(request):
    return render(
        request,
        "cases/goal_index.html",
        {
            "goals": _with_case_counts(SDGGoal.objects.all()),
            "current_title": _("Verdensmålene"),
            "breadcrumbs": [],
        },
    )


def goal_detail(request, number: int):
    goal = get_object_or_404(SDGGoal, number=number)
    canonical = reverse("goal_detail", args=[goal.number])
    if request.path != canonical:  # /verdensmaal/01/ is goal 1 too, but has one address
        query = request.META.get("QUERY_STRING", "")
        return redirect(f"{canonical}?{query}" if query else canonical, permanent=True)
    listing = case_listing(
        request, _live_cases().filter(goals=goal), allowed=("theme", "municipality", "approach")
    )
    return render(
        request,
        "cases/goal_detail.html",
        {
            "goal": goal,
            "listing": listing,
            "findings": _live_findings().filter(goals=goal),
            "current_title": str(goal),
            "breadcrumbs": [(_("Verdensmålene"), reverse("goal_index"))],
        },
    )


def municipality_index(request):
    municipalities = list(_with_case_counts(Municipality.objects.order_by("region", "name")))
    region_labels = dict(Region.choices)
    return render(
        request,
        "cases/municipality_index.html",
        {
            "with_cases": sorted((m for m in municipalities if m.case_count), key=lambda m: m.name),
            "regions": [
                (region_labels[region], list(members))
                for region, members in groupby(municipalities, key=lambda m: m.region)
            ],
            "current_title": _("Kommunerne"),
            "breadcrumbs": [],
        },
    )


def municipality_detail(request, slug: str):
    municipality = get_object_or_404(Municipality, slug=slug)
    listing = case_listing(
        request,
        _live_cases().filter(municipality=municipality),
        allowed=("goal", "theme", "approach"),
    )
    findings = _live_findings().filter(
        pk__in=ResearchFindingPage.partners.through.objects.filter(
            organisation__municipality=municipality
        ).values("researchfindingpage_id")
    )
    return render(
        request,
        "cases/municipality_detail.html",
        {
            "municipality": municipality,
            "listing": listing,
            "findings": findings,
            "current_title": municipality.name,
            "breadcrumbs": [(_("Kommunerne"), reverse("municipality_index"))],
        },
    )
