"""The source article's facts and words (shared/seed/000_d253e64b6783625b.txt), as data.

Every statement on the demo pages comes from here, lightly copy-edited (spelling, "FN's",
"§ 17, stk. 4-udvalg"); where the article is silent nothing is filled in.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from taxonomy.models import Organisation

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
ARTICLE_TITLE = "Deltag i gratis online symposier om verdensmålene i kommunerne"

# "I det sidst afholdte online symposie d. 28. januar 2021": the day the two cases were told and
# the research's preliminary results presented, which dates those pages.
JANUARY_SYMPOSIUM_DAY = date(2021, 1, 28)

# Data ---------------------------------------------------------------------------------------

Kind = Organisation.Kind

# The ten municipalities at the symposium of 28 January 2021, in the article's order.
SYMPOSIUM_MUNICIPALITIES = [
    "Albertslund",
    "Aalborg",
    "Frederiksberg",
    "Frederikshavn",
    "Gentofte",
    "Gladsaxe",
    "Guldborgsund",
    "Herning",
    "Hørsholm",
    "Nyborg",
]
# Vejle takes part in Roskilde University's research project, not in the symposium.
MUNICIPALITIES = [*SYMPOSIUM_MUNICIPALITIES, "Vejle"]

# (name, kind) of every organisation the article names besides the municipalities.
OTHER_ORGANISATIONS = [
    ("Miljøpunkt Amager", Kind.ASSOCIATION),
    ("Roskilde Universitet", Kind.UNIVERSITY),
    ("Copenhagen Business School (CBS)", Kind.UNIVERSITY),
    ("Deloitte", Kind.COMPANY),
    ("Kommunernes Landsforening", Kind.ASSOCIATION),
    ("CSR-forum", Kind.ASSOCIATION),
    ("Cphfacilitation", Kind.COMPANY),
    ("SDG-leadership", Kind.NETWORK),
]

# (name, job title as the article gives it, organisation, e-mail)
PEOPLE = [
    ("Lone Gjerulff Bak", "Chefkonsulent", "Guldborgsund Kommune", ""),
    ("Line Vind", "Chefkonsulent", "Gladsaxe Kommune", ""),
    ("Jannik Egelund", "Ph.d.-studerende", "Roskilde Universitet", ""),
    ("Flemming Olsen", "", "Cphfacilitation", "flemming.olsen@cphfacilitation.dk"),
]

# (name, description): the editors' themes, each drawn from a point the article makes.
THEMES = [
    ("Organisering", "Hvordan kommunen organiserer arbejdet med verdensmålene."),
    (
        "Ejerskab og forankring",
        "Ejerskab og bred forankring af arbejdet med verdensmålene i hele kommunen.",
    ),
    ("Verdensmål i kernedriften", "Verdensmålene som grundlag for kernedriften, ikke et add-on."),
    ("Partnerskaber", "Partnerskaber med virksomheder, borgergrupper og andre uden for kommunen."),
    ("Samskabelse", "Samskabelse omkring verdensmålene i kommunerne."),
]

MISSION = (
    "Verdensmål skal skabe værdi i kommunerne. Det vil Cphfacilitation i samarbejde med "
    "CSR-forum sikre gennem deres arbejde i netværket SDG-leadership."
)
# Told in the past tense: the symposia were held in 2021. The article announced the May and June
# symposia; it does not say how they went, so nothing is said about it.
SYMPOSIUM_SERIES = (
    "I partnerskab med foreningen CSR-forum inviterede Cphfacilitation i 2021 til tre online "
    "symposier til støtte af kommunernes arbejde med FN's verdensmål for bæredygtig udvikling. "
    "Det var gratis at deltage i webinarerne."
)
ORGANISATION_FOCUS = (
    "hvordan kommunerne har valgt at organisere arbejdet med FN's verdensmål for en bæredygtig "
    "udvikling"
)
DIFFERENT_STRATEGIES = (
    "Kommunerne har valgt forskellige strategier, men en række udfordringer er de samme."
)
APPROACHES_COMPARED = (
    "Guldborgsund Kommune repræsenterer primært en bottom-up organisering, og Gladsaxe en "
    "top-down organisering."
)
OWNERSHIP_POINT = "Nødvendigheden af ejerskab og bred forankring"
CORE_OPERATIONS_POINT = "Verdensmålene er ikke et add-on, men grundlag for kernedriften"
SHARED_POINTS_INTRO = "Men samtidig er der en række fælles opmærksomheder:"
WHOLE_MUNICIPALITY = (
    "Begge kommuner arbejder strategisk med, at verdensmålene bliver et fælles projekt i hele "
    "kommunen. Der kommer fokus på social, kulturel, økonomisk og miljømæssig bæredygtighed."
)
RESEARCH_PROJECT = (
    "Guldborgsund og Gladsaxe deltager sammen med Vejle Kommune og Kommunernes Landsforening i "
    "et forskningsprojekt på Roskilde Universitet om samskabelse omkring verdensmålene i "
    "kommunerne."
)
# Roskilde University's three levels, worded as in the article (WorkLevel holds short names).
WORK_LEVELS_AS_TOLD = [
    "Kommunen som virksomhed",
    "Kommunen som medejer af forsyningsselskaber – bliver ofte overset",
    "Hele kommunen, såvel borgere som erhvervsliv",
]
FOCUS_POINTS_INTRO = "I kommunernes organisering er det vigtigt at fokusere på:"
# The five focus points for the municipalities' organisation, in the article's order.
FOCUS_POINTS = [
    "Hvordan oversættes målsætninger i og uden for organisationen. Skab narrativer der motiverer "
    "til deltagelse",
    "Find brobyggere, der er gode til at skabe forbindelser på tværs af siloer og offentlig – "
    "privat",
    "Udnyt windows of opportunities, når de opstår",
    "Skab plads til at der kan handles situeret",
    "Brug verdensmålene til at rekruttere kompetente medarbejdere",
]

# The network, in the article's words (the yearly fee and the seats are also the page's fields).
NETWORK_START = (
    "I tilknytning til de online symposier faciliterer Cphfacilitation fra marts 2021 sammen med "
    "CSR-forum et netværk for kommuner, hvor der er tilknyttet videnspartnere fra Deloitte, CBS "
    "og Roskilde Universitet m.fl."
)
NETWORK_MEETINGS = (
    "I netværkets møder dykkes dybere i de forskellige udfordringer, en bæredygtig omstilling "
    "rummer, og de enkelte deltagere kan i et fortroligt rum sparre med hinanden og "
    "videnspartnerne om disse udfordringer."
)
NETWORK_FEE = (
    "Det koster 10.000 kr. om året at være med i netværket. For dette kontingent kan der deltage "
    "op til fem personer fra hver kommune."
)
NETWORK_CONTACT_EMAIL = "flemming.olsen@cphfacilitation.dk"
NETWORK_SOURCE_NOTE = "Oplysningerne om netværket er fra invitationen til symposierne i 2021."


def local_time(year, month, day, hour=0, minute=0) -> datetime:
    """A moment in Copenhagen; midnight stands for 'this date, time not stated'."""
    return datetime(year, month, day, hour, minute, tzinfo=COPENHAGEN)
