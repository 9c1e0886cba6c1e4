"""The migration to choosers keeps what editors had chosen in the old multi-selects."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cases.models import CasePage, ResearchFindingPage
from events.models import EventPage
from home.models import NetworkPage, SiteSettings

BEFORE = [
    ("cases", "0002_goal_and_municipality_index_pages"),
    ("events", "0001_initial"),
    ("home", "0001_initial"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def make_page(apps, model_name: str, app_label: str, number: int, **fields):
    """A page made with the historical models: a row of the tree under the root."""
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=app_label, model=model_name.lower()
    )
    locale = apps.get_model("wagtailcore", "Locale").objects.first()
    model = apps.get_model(app_label, model_name)
    return model.objects.create(
        title=f"{model_name} {number}",
        draft_title=f"{model_name} {number}",
        slug=f"migreret-side-{number}",
        path=f"0001{9000 + number:04d}",
        depth=2,
        content_type=content_type,
        locale=locale,
        **fields,
    )


def choose(obj, field_name: str, items) -> None:
    """Rows of a many-to-many field's table (a historical ParentalManyToManyField's set()
    would only hold them in memory)."""
    field = type(obj)._meta.get_field(field_name)
    through = field.remote_field.through
    through.objects.bulk_create(
        through(**{field.m2m_field_name(): obj, field.m2m_reverse_field_name(): item})
        for item in items
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_chosen_people_organisations_and_research_survive_the_migration():
    old = migrate(BEFORE)
    try:
        organisation = old.get_model("taxonomy", "Organisation")
        person = old.get_model("taxonomy", "Person")
        municipality = old.get_model("taxonomy", "Municipality").objects.get(slug="gladsaxe")
        kl = organisation.objects.create(name="KL", kind="association")
        ruc = organisation.objects.create(name="Roskilde Universitet", kind="university")
        line = person.objects.create(name="Line Vind")
        jannik = person.objects.create(name="Jannik Egelund")

        research = make_page(old, "ResearchFindingPage", "cases", 1, summary="", institution=ruc)
        choose(research, "researchers", [jannik])
        choose(research, "partners", [kl, ruc])
        case = make_page(
            old, "CasePage", "cases", 2, summary="", municipality=municipality, approach="hybrid"
        )
        choose(case, "contacts", [line])
        choose(case, "related_research", [research])
        event = make_page(old, "EventPage", "events", 3, summary="", start="2021-01-28T12:00Z")
        choose(event, "participants", [kl])
        network = make_page(
            old, "NetworkPage", "home", 4, summary="", yearly_fee=1, seats_per_municipality=5
        )
        choose(network, "knowledge_partners", [ruc])
        site = old.get_model("wagtailcore", "Site").objects.first()
        settings = old.get_model("home", "SiteSettings").objects.create(site=site)
        choose(settings, "organisations", [kl])
    finally:
        migrate(latest())

    case = CasePage.objects.get(pk=case.pk)
    research = ResearchFindingPage.objects.get(pk=research.pk)
    assert [contact.name for contact in case.contact_people] == ["Line Vind"]
    assert [link.research_id for link in case.research_links.all()] == [research.pk]
    assert [person.name for person in research.researchers] == ["Jannik Egelund"]
    assert [partner.name for partner in research.partners] == ["KL", "Roskilde Universitet"]
    assert [o.name for o in EventPage.objects.get(pk=event.pk).participants] == ["KL"]
    assert [o.name for o in NetworkPage.objects.get(pk=network.pk).partners] == [
        "Roskilde Universitet"
    ]
    assert [o.name for o in SiteSettings.objects.get(pk=settings.pk).organisation_list] == ["KL"]
