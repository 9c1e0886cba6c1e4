"""Fixed reference data: the 17 UN goals, Denmark's 98 municipalities, the levels of work.

Used by the data migration that creates them; kept here so tests can compare against it.
"""

# (number, Danish title, English title, official colour)
SDG_GOALS = [
    (1, "Afskaf fattigdom", "No Poverty", "#E5243B"),
    (2, "Stop sult", "Zero Hunger", "#DDA63A"),
    (3, "Sundhed og trivsel", "Good Health and Well-being", "#4C9F38"),
    (4, "Kvalitetsuddannelse", "Quality Education", "#C5192D"),
    (5, "Ligestilling mellem kønnene", "Gender Equality", "#FF3A21"),
    (6, "Rent vand og sanitet", "Clean Water and Sanitation", "#26BDE2"),
    (7, "Bæredygtig energi", "Affordable and Clean Energy", "#FCC30B"),
    (8, "Anstændige jobs og økonomisk vækst", "Decent Work and Economic Growth", "#A21942"),
    (
        9,
        "Industri, innovation og infrastruktur",
        "Industry, Innovation and Infrastructure",
        "#FD6925",
    ),
    (10, "Mindre ulighed", "Reduced Inequalities", "#DD1367"),
    (11, "Bæredygtige byer og lokalsamfund", "Sustainable Cities and Communities", "#FD9D24"),
    (12, "Ansvarligt forbrug og produktion", "Responsible Consumption and Production", "#BF8B2E"),
    (13, "Klimaindsats", "Climate Action", "#3F7E44"),
    (14, "Livet i havet", "Life Below Water", "#0A97D9"),
    (15, "Livet på land", "Life on Land", "#56C02B"),
    (
        16,
        "Fred, retfærdighed og stærke institutioner",
        "Peace, Justice and Strong Institutions",
        "#00689D",
    ),
    (17, "Partnerskaber for handling", "Partnerships for the Goals", "#19486A"),
]

# The three levels named in Roskilde University's follow-up research.
WORK_LEVELS = [
    (1, "Kommunen som virksomhed"),
    (2, "Kommunen som medejer af forsyningsselskaber"),
    (3, "Hele kommunen: borgere og erhvervsliv"),
]

# (official municipality code, name, slug, region)
MUNICIPALITIES = [
    ("101", "København", "koebenhavn", "hovedstaden"),
    ("147", "Frederiksberg", "frederiksberg", "hovedstaden"),
    ("151", "Ballerup", "ballerup", "hovedstaden"),
    ("153", "Brøndby", "broendby", "hovedstaden"),
    ("155", "Dragør", "dragoer", "hovedstaden"),
    ("157", "Gentofte", "gentofte", "hovedstaden"),
    ("159", "Gladsaxe", "gladsaxe", "hovedstaden"),
    ("161", "Glostrup", "glostrup", "hovedstaden"),
    ("163", "Herlev", "herlev", "hovedstaden"),
    ("165", "Albertslund", "albertslund", "hovedstaden"),
    ("167", "Hvidovre", "hvidovre", "hovedstaden"),
    ("169", "Høje-Taastrup", "hoeje-taastrup", "hovedstaden"),
    ("173", "Lyngby-Taarbæk", "lyngby-taarbaek", "hovedstaden"),
    ("175", "Rødovre", "roedovre", "hovedstaden"),
    ("183", "Ishøj", "ishoej", "hovedstaden"),
    ("185", "Tårnby", "taarnby", "hovedstaden"),
    ("187", "Vallensbæk", "vallensbaek", "hovedstaden"),
    ("190", "Furesø", "furesoe", "hovedstaden"),
    ("201", "Allerød", "alleroed", "hovedstaden"),
    ("210", "Fredensborg", "fredensborg", "hovedstaden"),
    ("217", "Helsingør", "helsingoer", "hovedstaden"),
    ("219", "Hillerød", "hilleroed", "hovedstaden"),
    ("223", "Hørsholm", "hoersholm", "hovedstaden"),
    ("230", "Rudersdal", "rudersdal", "hovedstaden"),
    ("240", "Egedal", "egedal", "hovedstaden"),
    ("250", "Frederikssund", "frederikssund", "hovedstaden"),
    ("260", "Halsnæs", "halsnaes", "hovedstaden"),
    ("270", "Gribskov", "gribskov", "hovedstaden"),
    ("400", "Bornholm", "bornholm", "hovedstaden"),
    ("253", "Greve", "greve", "sjaelland"),
    ("259", "Køge", "koege", "sjaelland"),
    ("265", "Roskilde", "roskilde", "sjaelland"),
    ("269", "Solrød", "solroed", "sjaelland"),
    ("306", "Odsherred", "odsherred", "sjaelland"),
    ("316", "Holbæk", "holbaek", "sjaelland"),
    ("320", "Faxe", "faxe", "sjaelland"),
    ("326", "Kalundborg", "kalundborg", "sjaelland"),
    ("329", "Ringsted", "ringsted", "sjaelland"),
    ("330", "Slagelse", "slagelse", "sjaelland"),
    ("336", "Stevns", "stevns", "sjaelland"),
    ("340", "Sorø", "soroe", "sjaelland"),
    ("350", "Lejre", "lejre", "sjaelland"),
    ("360", "Lolland", "lolland", "sjaelland"),
    ("370", "Næstved", "naestved", "sjaelland"),
    ("376", "Guldborgsund", "guldborgsund", "sjaelland"),
    ("390", "Vordingborg", "vordingborg", "sjaelland"),
    ("410", "Middelfart", "middelfart", "syddanmark"),
    ("420", "Assens", "assens", "syddanmark"),
    ("430", "Faaborg-Midtfyn", "faaborg-midtfyn", "syddanmark"),
    ("440", "Kerteminde", "kerteminde", "syddanmark"),
    ("450", "Nyborg", "nyborg", "syddanmark"),
    ("461", "Odense", "odense", "syddanmark"),
    ("479", "Svendborg", "svendborg", "syddanmark"),
    ("480", "Nordfyns", "nordfyns", "syddanmark"),
    ("482", "Langeland", "langeland", "syddanmark"),
    ("492", "Ærø", "aeroe", "syddanmark"),
    ("510", "Haderslev", "haderslev", "syddanmark"),
    ("530", "Billund", "billund", "syddanmark"),
    ("540", "Sønderborg", "soenderborg", "syddanmark"),
    ("550", "Tønder", "toender", "syddanmark"),
    ("561", "Esbjerg", "esbjerg", "syddanmark"),
    ("563", "Fanø", "fanoe", "syddanmark"),
    ("573", "Varde", "varde", "syddanmark"),
    ("575", "Vejen", "vejen", "syddanmark"),
    ("580", "Aabenraa", "aabenraa", "syddanmark"),
    ("607", "Fredericia", "fredericia", "syddanmark"),
    ("621", "Kolding", "kolding", "syddanmark"),
    ("630", "Vejle", "vejle", "syddanmark"),
    ("615", "Horsens", "horsens", "midtjylland"),
    ("657", "Herning", "herning", "midtjylland"),
    ("661", "Holstebro", "holstebro", "midtjylland"),
    ("665", "Lemvig", "lemvig", "midtjylland"),
    ("671", "Struer", "struer", "midtjylland"),
    ("706", "Syddjurs", "syddjurs", "midtjylland"),
    ("707", "Norddjurs", "norddjurs", "midtjylland"),
    ("710", "Favrskov", "favrskov", "midtjylland"),
    ("727", "Odder", "odder", "midtjylland"),
    ("730", "Randers", "randers", "midtjylland"),
    ("740", "Silkeborg", "silkeborg", "midtjylland"),
    ("741", "Samsø", "samsoe", "midtjylland"),
    ("746", "Skanderborg", "skanderborg", "midtjylland"),
    ("751", "Aarhus", "aarhus", "midtjylland"),
    ("756", "Ikast-Brande", "ikast-brande", "midtjylland"),
    ("760", "Ringkøbing-Skjern", "ringkoebing-skjern", "midtjylland"),
    ("766", "Hedensted", "hedensted", "midtjylland"),
    ("779", "Skive", "skive", "midtjylland"),
    ("791", "Viborg", "viborg", "midtjylland"),
    ("773", "Morsø", "morsoe", "nordjylland"),
    ("787", "Thisted", "thisted", "nordjylland"),
    ("810", "Brønderslev", "broenderslev", "nordjylland"),
    ("813", "Frederikshavn", "frederikshavn", "nordjylland"),
    ("820", "Vesthimmerlands", "vesthimmerlands", "nordjylland"),
    ("825", "Læsø", "laesoe", "nordjylland"),
    ("840", "Rebild", "rebild", "nordjylland"),
    ("846", "Mariagerfjord", "mariagerfjord", "nordjylland"),
    ("849", "Jammerbugt", "jammerbugt", "nordjylland"),
    ("851", "Aalborg", "aalborg", "nordjylland"),
    ("860", "Hjørring", "hjoerring", "nordjylland"),
]


def create_reference_data(sdg_goal_model, municipality_model, work_level_model) -> None:
    """Create or update the fixed rows; takes the models so a migration can pass its own."""
    for number, title_da, title_en, colour in SDG_GOALS:
        sdg_goal_model.objects.update_or_create(
            number=number, defaults={"title_da": title_da, "title_en": title_en, "colour": colour}
        )
    for code, name, slug, region in MUNICIPALITIES:
        municipality_model.objects.update_or_create(
            code=code, defaults={"name": name, "slug": slug, "region": region}
        )
    for number, name in WORK_LEVELS:
        work_level_model.objects.update_or_create(number=number, defaults={"name": name})
