"""`manage.py generate_content`: cases at scale, published as an editor's would be, the same
for the same seed."""

import io
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from cases.models import CasePage, ResearchFindingPage
from demo.generated.content import generate_content
from taxonomy.models import Person


def generate(cases: int, seed: int = 1):
    return generate_content(cases, seed)


def content_of(page: CasePage) -> tuple:
    """What a reader sees of a case, and when it was published."""
    return (
        page.title,
        page.slug,
        page.url_path,
        page.date,
        page.summary,
        page.municipality.name,
        page.approach,
        tuple(goal.number for goal in page.sorted_goals),
        tuple(sorted(theme.name for theme in page.themes.all())),
        tuple(sorted(level.number for level in page.work_levels.all())),
        [dict(block) for block in page.body.raw_data],
        [person.name for person in page.contact_people],
        tuple(finding.title for finding in page.related_research),
        page.first_published_at,
        page.translation_key,
    )


def generated_content() -> list[tuple]:
    return [content_of(page) for page in CasePage.objects.order_by("path")]


def test_generated_cases_are_published_with_a_revision_like_an_editors(case_index, client):
    generated = generate(12)
    cases = list(CasePage.objects.order_by("path"))
    assert len(cases) == len(generated.cases) == 12
    for case in cases:
        assert case.live and not case.has_unpublished_changes
        assert case.latest_revision_id == case.live_revision_id is not None
        assert case.latest_revision.as_object().title == case.title
        assert case.url_path == f"{case_index.url_path}{case.slug}/"
        assert PageLogEntry.objects.filter(page=case, action="wagtail.publish").count() == 1
    problems = Page.find_problems()
    assert all(not found for found in problems), problems
    case_index.refresh_from_db()
    assert case_index.numchild == 12 == case_index.get_children().count()


def test_a_generated_case_renders_with_its_goals_municipality_and_body(case_index, client):
    case = generate(5).cases[0]
    html = client.get(case.url).content.decode()
    assert case.title in html
    assert case.municipality.name in html
    assert case.body[0].value["text"].source[3:40] in html  # a piece of its first section


def test_a_generated_case_is_found_by_search(case_index, client):
    case = generate(5).cases[-1]
    hits = client.get("/api/search/", {"q": case.title}).json()["results"]
    assert case.title in [hit["title"] for hit in hits]


def test_a_generated_case_is_listed_on_its_goals_page(case_index, site_tree, client):
    generate(20)
    case = CasePage.objects.order_by("-date", "-pk").first()  # the newest: on the first page
    goal = case.sorted_goals[0]
    html = client.get(f"{site_tree.goals.url}{goal.number}/").content.decode()
    assert case.title in html


def test_a_generated_case_is_found_by_wagtails_admin_search(case_index):
    case = generate(5).cases[0]
    assert case.pk in [page.pk for page in CasePage.objects.search(case.title)]


def test_contacts_and_research_are_in_wagtails_reference_index(case_index, research_index):
    generate(60)
    case = CasePage.objects.filter(contact_links__isnull=False).first()
    person = case.contact_people[0]
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Person), to_object_id=str(person.pk)
    )
    assert str(case.pk) in references.values_list("object_id", flat=True)
    cited = CasePage.objects.filter(research_links__isnull=False).first()
    finding = cited.related_research[0]
    assert cited in finding.related_cases


def test_the_same_seed_makes_the_same_content(case_index, research_index):
    generate(15, seed=7)
    first = generated_content()
    CasePage.objects.all().delete()
    ResearchFindingPage.objects.all().delete()
    generate(15, seed=7)
    assert generated_content() == first
    CasePage.objects.all().delete()
    ResearchFindingPage.objects.all().delete()
    generate(15, seed=8)
    assert generated_content() != first


def test_cases_are_spread_as_in_life(case_index):
    generate(300)
    places = Counter(CasePage.objects.values_list("municipality__slug", flat=True))
    goals = Counter(CasePage.goals.through.objects.values_list("sdggoal__number", flat=True))
    years = Counter(date.year for date in CasePage.objects.values_list("date", flat=True))
    assert places["koebenhavn"] > 5 * max(places["laesoe"], 1)
    assert places["aarhus"] > places["odder"]
    assert min(goals[11], goals[13], goals[17]) > 3 * max(goals[1], 1)
    assert min(years) == 2016 and max(years) == 2026
    assert years[2024] > years[2016]


def test_the_command_says_what_it_made(case_index):
    out = io.StringIO()
    call_command(
        "generate_content", "--cases", "3", "--seed", "2", stdout=out, stderr=io.StringIO()
    )
    assert "3 case(s)" in out.getvalue()
    assert CasePage.objects.live().count() == 3


def test_the_command_asks_for_a_site_first(db):
    with pytest.raises(CommandError, match="load_demo_content"):
        call_command("generate_content", "--cases", "3", stderr=io.StringIO())
