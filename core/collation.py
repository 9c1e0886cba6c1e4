"""Danish alphabetical order, the same on SQLite and PostgreSQL.

The databases sort by code point (SQLite) or by the server's locale (PostgreSQL), and code
points put Å before Æ and Ø. Danish puts Æ, Ø and Å after Z, in that order, and reads "aa"
as "å" (Aabenraa, Aalborg and Aarhus come last, as in Retskrivningsordbogen and ICU's Danish
collation). Lists of a few hundred names are sorted here, in Python.
"""

import unicodedata

_AFTER_Z = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"}  # the characters after "z"
_AS_OTHER_LETTER = {"ü": "y"}


def danish_sort_key(text: str) -> tuple[str, str]:
    """A key that orders texts as a Danish dictionary does: case and accents (é, ü) only
    break ties."""
    letters = []
    for char in unicodedata.normalize("NFC", text).casefold().replace("aa", "å"):
        if char in _AFTER_Z:
            letters.append(_AFTER_Z[char])
        elif char in _AS_OTHER_LETTER:
            letters.append(_AS_OTHER_LETTER[char])
        else:
            base = unicodedata.normalize("NFD", char)[0]
            letters.append(base)
    return "".join(letters), text
