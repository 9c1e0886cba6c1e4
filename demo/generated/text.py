"""Plausible Danish text for generated pages, from word lists: sentences about what a
municipality does, a case's body in the UN template, research findings, people's names.

Every function takes the generator's `random.Random`, so a seed gives the same words.
"""

import random
import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """What a case is about, the theme it is filed under and the goals it works with first;
    `weight` is how common such cases are (climate and energy plans are everywhere)."""

    name: str
    theme: str
    goals: tuple[int, ...]
    weight: int


TOPICS = [
    Topic("klimaplan", "Klima", (13, 11), 14),
    Topic("grøn omstilling", "Klima", (13, 7, 12), 10),
    Topic("klimatilpasning", "Klima", (13, 11, 6), 7),
    Topic("energirenovering", "Energi", (7, 13, 11), 7),
    Topic("fjernvarme", "Energi", (7, 13), 5),
    Topic("solceller", "Energi", (7, 13), 4),
    Topic("affaldssortering", "Affald og genbrug", (12, 11), 7),
    Topic("genbrug", "Affald og genbrug", (12,), 5),
    Topic("cykelstier", "Mobilitet", (11, 3), 5),
    Topic("kollektiv trafik", "Mobilitet", (11, 13), 4),
    Topic("biodiversitet", "Natur og biodiversitet", (15, 13), 5),
    Topic("naturpleje", "Natur og biodiversitet", (15,), 3),
    Topic("vandforsyning", "Vand", (6, 14), 3),
    Topic("skolemad", "Sundhed", (3, 2, 4), 3),
    Topic("sundhedsfremme", "Sundhed", (3,), 4),
    Topic("borgerinddragelse", "Organisering", (17, 16, 11), 6),
    Topic("partnerskaber", "Partnerskaber", (17,), 7),
    Topic("lokal fødevareproduktion", "Fødevarer", (2, 12), 2),
    Topic("ligestilling", "Ligestilling", (5, 10), 2),
    Topic("integration", "Beskæftigelse", (10, 8, 4), 3),
]
THEME_NAMES = sorted({topic.theme for topic in TOPICS}) + [
    "Ejerskab og forankring",
    "Rapportering",
    "Indkøb",
    "Byudvikling",
    "Landdistrikter",
    "Uddannelse",
    "Kultur",
    "Digitalisering",
]

NOUNS = [
    "kommunen",
    "borgerne",
    "virksomhederne",
    "byrådet",
    "forvaltningen",
    "medarbejderne",
    "institutionerne",
    "skolerne",
    "foreningerne",
    "landbruget",
    "forsyningen",
    "direktionen",
    "verdensmålene",
    "strategien",
    "handleplanen",
    "indsatsen",
    "projektet",
    "netværket",
    "partnerskabet",
    "udvalget",
    "lokalsamfundet",
    "erhvervslivet",
    "daginstitutionerne",
    "plejecentrene",
    "biblioteket",
    "kulturhuset",
    "havnen",
    "landsbyerne",
    "boligselskabet",
    "ungdomsskolen",
    "jobcentret",
    "rådhuset",
    "borgermødet",
    "frivillige",
    "eleverne",
]
VERBS = [
    "arbejder med",
    "forankrer",
    "udvikler",
    "styrker",
    "måler",
    "rapporterer på",
    "prioriterer",
    "inddrager",
    "understøtter",
    "samarbejder om",
    "planlægger",
    "evaluerer",
    "finansierer",
    "skaber ejerskab for",
    "oversætter",
    "kommunikerer",
    "tester",
    "udbreder",
]
OBJECTS = [
    "bæredygtig udvikling",
    "en bred forankring",
    "nye løsninger",
    "konkrete mål",
    "fælles projekter",
    "lokale initiativer",
    "grønne investeringer",
    "et fælles sprog",
    "data om forbruget",
    "mindre affald",
    "renere vand",
    "bedre trivsel",
    "lavere udledning",
    "flere arbejdspladser",
    "stærkere fællesskaber",
    "cirkulær økonomi",
    "sunde madvaner",
    "klimavenlige indkøb",
    "gode erfaringer",
    "tværgående samarbejde",
]
CONNECTIVES = ["Samtidig", "Derfor", "I praksis", "Over tid", "Til sidst", "Først", "Desuden"]
RARE_WORD = "havørred"  # in about one case in a thousand


def sentence(rng: random.Random) -> str:
    start = rng.choice(CONNECTIVES) + " " if rng.random() < 0.3 else ""
    subject = rng.choice(NOUNS)
    text = f"{start}{subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.5:
        text += f" sammen med {rng.choice(NOUNS)}"
    if rng.random() < 0.3:
        text += f" inden for {rng.choice(TOPICS).name}"
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def block_id(rng: random.Random) -> str:
    """A StreamField block's id, from the seed (Wagtail would draw a random one)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def case_body(rng: random.Random, rare: bool) -> list[dict]:
    """The UN template's sections, each a few sentences; `rare` puts the rare word in it."""
    sections = ["challenge", "approach", "results", "lessons"]
    if rng.random() < 0.4:
        sections.insert(3, "enablers_and_obstacles")
    blocks = []
    for block_type in sections:
        text = paragraph(rng, rng.randint(3, 6))
        if rare and block_type == "results":
            text += f" Vandløbet har fået sin {RARE_WORD} tilbage."
        value = {"heading": "", "text": f"<p>{text}</p>"}
        blocks.append({"type": block_type, "value": value, "id": block_id(rng)})
    return blocks


def case_title(rng: random.Random, topic: Topic, place: str) -> str:
    return f"{topic.name.capitalize()} i {place}: {rng.choice(OBJECTS)}"


def case_summary(rng: random.Random, topic: Topic) -> str:
    """Every summary holds 'Kommunen': the benchmarks' word that every case matches."""
    return f"Kommunen {rng.choice(VERBS)} {topic.name}. {sentence(rng)}"


def findings(rng: random.Random, block_type: str, count: int) -> list[dict]:
    """Research findings or recommendations (cases.blocks.FindingBlock): a statement and why."""
    return [
        {
            "type": block_type,
            "value": {
                "title": f"{rng.choice(OBJECTS).capitalize()} kræver {rng.choice(OBJECTS)}",
                "text": f"<p>{paragraph(rng, rng.randint(2, 4))}</p>",
            },
            "id": block_id(rng),
        }
        for _ in range(count)
    ]


def research_title(rng: random.Random, topic: Topic) -> str:
    return f"{topic.name.capitalize()} og {rng.choice(NOUNS)}: {rng.choice(OBJECTS)}"


FIRST_NAMES = [
    "Anne", "Mette", "Kirsten", "Hanne", "Helle", "Susanne", "Lone", "Camilla", "Louise",
    "Maria", "Peter", "Jens", "Lars", "Michael", "Henrik", "Søren", "Thomas", "Jesper",
    "Morten", "Rasmus", "Mads", "Ida", "Emma", "Frederik", "Sofie",
]  # fmt: skip
LAST_NAMES = [
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen",
]  # fmt: skip
JOB_TITLES = [
    "Chefkonsulent", "Bæredygtighedskonsulent", "Klimakoordinator", "Projektleder",
    "Udviklingskonsulent", "Kommunaldirektør", "Miljøchef", "Planlægger",
]  # fmt: skip
RESEARCH_TITLES = ["Lektor", "Professor", "Adjunkt", "Ph.d.-studerende", "Forsker"]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
