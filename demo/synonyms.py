"""The synonym sets the demo starts with (search.models.SynonymSet), each made once; editors
change them in the admin under Synonymer."""

from search.models import SynonymSet

from .records import ensure, present

SYNONYM_SETS = {
    "synonyms:membership": "kontingent, pris, medlemskab",
    "synonyms:goals": "SDG, verdensmål, FN's mål",
}


def _ensure_set(key: str, words: str) -> SynonymSet | None:
    return ensure(
        key,
        lambda: SynonymSet.objects.filter(words=words).first(),
        lambda: SynonymSet.objects.create(words=words),
    )


def ensure_synonym_sets() -> list[SynonymSet]:
    return present(*(_ensure_set(key, words) for key, words in SYNONYM_SETS.items()))
