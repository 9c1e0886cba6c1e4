"""Factories for pages and snippets.

The 17 goals, the 98 municipalities and the three levels of work come from a data migration:
fetch them with `goal()`, `municipality()` and `work_level()`, never create them.

Many-to-many fields (goals, themes, work levels) and the chooser links (contacts, related
research, researchers, partners, participants) are set after creation and accept model
instances; goals and work levels also accept their numbers:
`CasePageFactory(parent=index, goals=[11, 13], themes=[theme], contacts=[person])`.
"""

import datetime
import io
from decimal import Decimal

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

from cases.models import (
    CaseIndexPage,
    CasePage,
    GoalIndexPage,
    MunicipalityIndexPage,
    ResearchFindingPage,
    ResearchIndexPage,
)
from core.slugs import ascii_slug
from events.models import EventIndexPage, EventPage
from home.models import HomePage, NetworkPage, StandardPage
from taxonomy.models import Approach, Municipality, Organisation, Person, SDGGoal, Theme, WorkLevel


def goal(number: int) -> SDGGoal:
    return SDGGoal.objects.get(number=number)


def municipality(slug: str) -> Municipality:
    return Municipality.objects.get(slug=slug)


def work_level(number: int) -> WorkLevel:
    return WorkLevel.objects.get(number=number)


def _resolve(model, items):
    """Numbers stand for goals or work levels by their `number`; anything else is an instance."""
    return [model.objects.get(number=item) if isinstance(item, int) else item for item in items]


def many_to_many(field_name, model=None):
    """A post_generation hook that sets a (Parental)ManyToMany field; the page saves once after."""

    def hook(obj, create, extracted, **kwargs):
        if not extracted:
            return False
        items = _resolve(model, extracted) if model else list(extracted)
        getattr(obj, field_name).set(items)
        return True

    hook.__name__ = field_name
    return factory.PostGeneration(hook)


def chooser_links(relation: str, field_name: str):
    """A post_generation hook that fills an orderable child relation (a MultipleChooserPanel)
    with one row per given object, in the given order; the page saves once after."""

    def hook(obj, create, extracted, **kwargs):
        if not extracted:
            return False
        link_model = getattr(obj, relation).model
        setattr(obj, relation, [link_model(**{field_name: item}) for item in extracted])
        return True

    hook.__name__ = relation
    return factory.PostGeneration(hook)


def rich_text_section(block_type: str, text: str, heading: str = "") -> dict:
    """Raw StreamField data for one SectionBlock of a case body or a BodyBlock."""
    return {"type": block_type, "value": {"heading": heading, "text": f"<p>{text}</p>"}}


def finding(title: str, text: str = "", block_type: str = "finding") -> dict:
    return {"type": block_type, "value": {"title": title, "text": f"<p>{text}</p>" if text else ""}}


# Snippets ---------------------------------------------------------------------------------


class ThemeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.LazyAttribute(lambda obj: ascii_slug(obj.name))

    class Meta:
        model = Theme
        django_get_or_create = ("name",)


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.ASSOCIATION

    class Meta:
        model = Organisation
        django_get_or_create = ("name",)


class MunicipalityOrganisationFactory(OrganisationFactory):
    """The municipality as an organisation (for contacts and participants)."""

    kind = Organisation.Kind.MUNICIPALITY
    municipality = factory.LazyFunction(lambda: municipality("gladsaxe"))
    name = factory.LazyAttribute(lambda obj: f"{obj.municipality.name} Kommune")


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Chefkonsulent"
    organisation = factory.SubFactory(OrganisationFactory)
    email = ""

    class Meta:
        model = Person


class ImageFactory(DjangoModelFactory):
    """An image in the root collection (wagtail_factories' own would make a second root)."""

    title = factory.Sequence(lambda n: f"Billede {n}")
    file = factory.django.ImageField(width=64, height=48, color="green")
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = get_image_model()


def picture_file(
    width: int = 2400,
    height: int = 1350,
    dark_square: tuple[int, int, int] | None = None,
    name: str = "billede.jpg",
) -> ImageFile:
    """A picture drawn with Pillow, for `ImageFactory(file=...)`: a light sky over a green
    field; `dark_square` = (left, top, side) adds a black square there, to find in a crop.
    Saved as JPEG unless `name` says .png."""
    canvas = PillowImage.new("RGB", (width, height), (205, 228, 245))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(120, 170, 90))
    draw.ellipse(
        (width // 10, height // 10, width // 10 + height // 5, height * 3 // 10), fill="gold"
    )
    if dark_square:
        left, top, side = dark_square
        draw.rectangle((left, top, left + side - 1, top + side - 1), fill="black")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG" if name.endswith(".png") else "JPEG", quality=90)
    return ImageFile(buffer, name=name)


# Pages ------------------------------------------------------------------------------------


class PageFactory(wagtail_factories.PageFactory):
    """Published now; saved once more only when a many-to-many hook set something."""

    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyAttribute(lambda page: page.first_published_at)

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and results and any(results.values()):
            instance.save()


def dated_by_first_publication():
    """A content date (core.models.ContentDateFields) that follows first_published_at, so a test
    that sets when a page was published dates its content that day too; `date=` sets it alone."""
    return factory.LazyAttribute(
        lambda page: page.first_published_at and timezone.localdate(page.first_published_at)
    )


class HomePageFactory(PageFactory):
    title = "Verdensmål i kommunerne"
    slug = "forside"
    intro = "Viden om, hvordan kommunerne arbejder med FN's verdensmål."

    class Meta:
        model = HomePage


class StandardPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Side {n}")
    date = dated_by_first_publication()
    intro = "En almindelig side."
    body = factory.LazyFunction(lambda: [rich_text_section("section", "Brødtekst.", "Afsnit")])

    class Meta:
        model = StandardPage


class CaseIndexPageFactory(PageFactory):
    title = "Cases"
    slug = "cases"
    intro = "<p>Sådan arbejder kommunerne med verdensmålene.</p>"

    class Meta:
        model = CaseIndexPage


class ResearchIndexPageFactory(PageFactory):
    title = "Forskning"
    slug = "forskning"
    intro = "<p>Forskning i kommunernes arbejde med verdensmålene.</p>"

    class Meta:
        model = ResearchIndexPage


class GoalIndexPageFactory(PageFactory):
    title = "Verdensmålene"
    slug = "verdensmaal"
    intro = "<p>De 17 verdensmål og de cases og den forskning, der arbejder med hvert af dem.</p>"

    class Meta:
        model = GoalIndexPage


class MunicipalityIndexPageFactory(PageFactory):
    title = "Kommunerne"
    slug = "kommuner"
    intro = "<p>Danmarks 98 kommuner og deres cases.</p>"

    class Meta:
        model = MunicipalityIndexPage


class EventIndexPageFactory(PageFactory):
    title = "Arrangementer"
    slug = "arrangementer"
    intro = "<p>Symposier og møder.</p>"

    class Meta:
        model = EventIndexPage


class EventPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Symposium {n}")
    summary = "Et online symposium om verdensmålene."
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    end = factory.LazyAttribute(lambda obj: obj.start + datetime.timedelta(hours=2))
    is_online = True
    price = Decimal("0")
    participants = chooser_links("participant_links", "organisation")

    class Meta:
        model = EventPage


class NetworkPageFactory(PageFactory):
    title = "Netværket"
    date = dated_by_first_publication()
    slug = "netvaerket"
    summary = "Et netværk for kommuner med videnspartnere."
    yearly_fee = Decimal("10000.00")
    seats_per_municipality = 5
    knowledge_partners = chooser_links("partner_links", "organisation")

    class Meta:
        model = NetworkPage


class ResearchFindingPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Forskningsprojekt {n}")
    date = dated_by_first_publication()
    summary = "Foreløbige resultater fra et forskningsprojekt."
    institution = factory.SubFactory(
        OrganisationFactory, name="Roskilde Universitet", kind=Organisation.Kind.UNIVERSITY
    )
    period = "2020-2022"
    findings = factory.LazyFunction(lambda: [finding("Tre niveauer", "Kommunen arbejder...")])
    recommendations = factory.LazyFunction(
        lambda: [finding("Skab ejerskab", block_type="recommendation")]
    )
    researchers = chooser_links("researcher_links", "person")
    partners = chooser_links("partner_links", "organisation")
    work_levels = many_to_many("work_levels", WorkLevel)
    goals = many_to_many("goals", SDGGoal)
    themes = many_to_many("themes")

    class Meta:
        model = ResearchFindingPage


class CasePageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Case {n}")
    date = dated_by_first_publication()
    municipality = factory.LazyFunction(lambda: municipality("gladsaxe"))
    summary = "Kommunen har organiseret arbejdet med verdensmålene."
    approach = Approach.TOP_DOWN
    body = factory.LazyFunction(
        lambda: [
            rich_text_section("challenge", "Udfordringen var at skabe ejerskab."),
            rich_text_section("lessons", "Læringen er bred forankring.", "Det har vi lært"),
        ]
    )
    work_levels = many_to_many("work_levels", WorkLevel)
    goals = many_to_many("goals", SDGGoal)
    themes = many_to_many("themes")
    contacts = chooser_links("contact_links", "person")
    related_research = chooser_links("research_links", "research")

    class Meta:
        model = CasePage


# People who use the admin -------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    """An admin user in the named groups (`groups=["Redaktører"]`), password "kodeord"."""

    username = factory.Sequence(lambda n: f"bruger{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@kommune.example")
    password = factory.django.Password("kodeord")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


# Search --------------------------------------------------------------------------------------


def promote(text: str, page=None, description: str = "", order: int = 0, **link):
    """An editor's promotion for the query `text` (wagtail.contrib.search_promotions): of a
    `page`, or of another site's page (`external_link_url=`, `external_link_text=`)."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    query = Query.objects.get_or_create(query_string=text.lower())[0]
    return SearchPromotion.objects.create(
        query=query, page=page, description=description, sort_order=order, **link
    )


# A site with many pages -------------------------------------------------------------------------

MUNICIPALITIES = ("gladsaxe", "aarhus", "guldborgsund", "odense", "koebenhavn")


class ContentMaker:
    """Cases as rich as real ones, spread over municipalities, goals, themes and approaches,
    with contacts, pictures, events past and to come, and research they refer to."""

    def __init__(self):
        self.cases = CaseIndexPage.objects.get()
        self.research_index = ResearchIndexPage.objects.get()
        self.events = EventIndexPage.objects.get()
        self.themes = [ThemeFactory(name="Klima", slug="klima"), ThemeFactory(name="Vand")]
        self.made = 0

    def _event(self, days: int):
        organisation = MunicipalityOrganisationFactory(municipality=self._municipality())
        return EventPageFactory(
            parent=self.events,
            start=timezone.now() + datetime.timedelta(days=days),
            participants=[organisation],
        )

    def _municipality(self):
        return municipality(MUNICIPALITIES[self.made % len(MUNICIPALITIES)])

    def _research(self):
        person = PersonFactory(
            organisation=MunicipalityOrganisationFactory(municipality=self._municipality())
        )
        return ResearchFindingPageFactory(
            parent=self.research_index,
            goals=[13, 11],
            themes=self.themes[:1],
            researchers=[person],
        )

    def add(self, count: int) -> None:
        for _ in range(count // 5):
            self._event(days=30 + self.made)
            self._event(days=-30 - self.made)
        research = self._research()
        for _ in range(count):
            self.made += 1
            image = ImageFactory(file=picture_file(480, 270))
            CasePageFactory(
                parent=self.cases,
                municipality=self._municipality(),
                approach=list(Approach)[self.made % 3],
                goals=[11, 13, self.made % 17 + 1],
                themes=self.themes[: 1 + self.made % 2],
                work_levels=[1 + self.made % 3],
                contacts=[PersonFactory(), PersonFactory()],
                related_research=[research],
                lead_image=image,
                lead_image_alt="Et billede",
            )


# The network ----------------------------------------------------------------------------------


class ParticipantFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Deltager Nummer{n}")
    email = factory.Sequence(lambda n: f"deltager{n}@kommune.example")
    job_title = "Bæredygtighedskonsulent"

    class Meta:
        model = "network.Participant"


def membership(place: str = "gladsaxe", year: int | None = None, seats=(), **fields):
    """A municipality's membership (this year by default) with participants in its seats."""
    from network.models import Membership, Seat, this_year

    found = Membership.objects.create(
        municipality=municipality(place),
        year=year or this_year(),
        contact_name="Kontakt Person",
        contact_email="kontakt@kommune.example",
        **fields,
    )
    for participant in seats:
        Seat.objects.create(membership=found, participant=participant)
    return found


def member(place: str = "gladsaxe", year: int | None = None, password: str = "kodeord-123"):
    """A participant with an account and a seat in `place`'s membership (made if missing)."""
    from network.access import sync_user
    from network.models import Membership, Seat, this_year

    participant = ParticipantFactory()
    user = UserFactory(username=participant.email, email=participant.email, password=password)
    participant.user = user
    participant.save()
    found = Membership.objects.filter(
        municipality=municipality(place), year=year or this_year()
    ).first() or membership(place, year)
    Seat.objects.create(membership=found, participant=participant)
    sync_user(user)
    return participant
