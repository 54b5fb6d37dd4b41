"""Text normalisation shared by the knowledge-base index and the mention matcher.

KB names and mention strings go through the same `tokens()` so that "U.S.", "US" and "u.s."
meet, accents and curly quotes do not matter ("Nausėda", "Ukraine’s"), hyphens split words
("Kurdish-led", "Kassym-Jomart") and possessive "'s" disappears on both sides.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date as _date

from detente.actors.tables import data_table

_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?|[,;:()\[\]]|\x00", re.UNICODE)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_DASHES = re.compile(r"[-‐‑‒–—―_/]+")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)|\s's\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

#: Tokens that split a mention into appositive segments ("FSB, Russia's security service").
SEPARATORS = frozenset({",", ";", ":", "(", ")", "[", "]"})
#: Closed-class words (grammar, not facts): never part of a name, never a surname.
FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "of", "and", "or", "in", "for", "from", "by", "this", "that", "these"}
    | {"those", "his", "her", "its", "their", "some", "several", "many", "few", "more", "most"}
    | {"other", "both", "all", "any", "each", "one", "two", "three", "four", "five", "six"}
    | {"seven", "eight", "nine", "ten", "eleven", "twelve", "dozen", "dozens", "scores"}
    | {"hundreds", "thousands", "unnamed", "unidentified"}
    # Courtesy titles: they precede a name but are neither a name nor an office.
    | {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "hon", "alhaji", "prof"}
)

#: Abbreviated ranks and titles ("Lt. Gen.", "Sen."), read as the words they stand for
#: (data/titles.yaml).
ABBREVIATIONS: dict[str, str] = {
    str(short): str(word) for short, word in data_table("titles.yaml")["abbreviations"].items()
}

#: The token a possessive "'s" becomes: the head noun follows it ("the company's board").
POSSESSIVE = "\x00"


def fold(text: str) -> str:
    """Strip accents and unify quotes and dashes; keeps case (names need it)."""
    if not text.isascii():
        text = "".join(
            ch
            for ch in unicodedata.normalize("NFKD", text.translate(_QUOTES))
            if not unicodedata.combining(ch)
        )
    elif "`" in text:
        text = text.translate(_QUOTES)
    if "'" in text:
        text = _POSSESSIVE.sub(" \x00 ", text)
    if "-" in text or "/" in text or "_" in text or not text.isascii():
        text = _DASHES.sub(" ", text)
    return text


def raw_tokens(text: str) -> list[str]:
    """Case-preserving tokens with abbreviation dots removed ("U.S." -> "US")."""
    folded = fold(text)
    if "." not in folded:
        return _TOKEN.findall(folded)
    return [tok.replace(".", "") if tok[0].isalnum() else tok for tok in _TOKEN.findall(folded)]


def name_tokens(text: str) -> list[str]:
    """Case-preserving tokens without separators and possessive marks."""
    return [t for t in raw_tokens(text) if t not in SEPARATORS and t != POSSESSIVE]


#: Spelling variants read as one word on both sides of a match: the Arabic article is
#: written "al" or "el" ("Omar el-Bashir", "Abdel Fattah al-Sisi").
VARIANTS = {"el": "al"}


def lower(tokens: list[str]) -> list[str]:
    """Index form of case-preserving tokens: lower case, spelling variants merged."""
    get = VARIANTS.get
    return [get(low, low) for low in map(str.lower, tokens)]


def tokens(text: str) -> list[str]:
    """Lower-cased tokens: the form every index key and lookup uses."""
    return lower([tok for tok in raw_tokens(text) if tok])


def key(text: str) -> str:
    """The index key of a KB phrase: its tokens joined by single spaces."""
    return " ".join(tok for tok in tokens(text) if tok not in SEPARATORS and tok != POSSESSIVE)


def plurals(word: str) -> list[str]:
    """Regular English plurals of a role noun; irregular ones are listed in the KB files."""
    if word.endswith("man") and len(word) > 3:
        return [word[:-3] + "men"]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    if word.endswith("f") and not word.endswith("ff"):
        return [word + "s", word[:-1] + "ves"]
    return [word + "s"]


def check_date(value: str | None) -> str:
    """An ISO date (YYYY-MM-DD, or YYYY-MM / YYYY), defaulting to today; ValueError if bad."""
    if value is None:
        return _date.today().isoformat()
    value = value.strip()
    if not _ISO_DATE.match(value):
        raise ValueError(f"invalid date {value!r}: expected YYYY-MM-DD")
    parts = value.split("-")
    try:
        _date(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[2]) if len(parts) > 2 else 1,
        )
    except ValueError as exc:
        raise ValueError(f"invalid date {value!r}: {exc}") from None
    return value


def period_start(value: str) -> str:
    """The first day a partial ISO date covers ("2019" -> "2019-01-01")."""
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


def period_end(value: str) -> str:
    """The first day after a partial ISO date ("2019-05" -> "2019-06-01"); full dates unchanged.

    A tenure ending "2019" covered all of 2019, so the exclusive bound is the next period.
    """
    if len(value) >= 10:
        return value[:10]
    if len(value) == 4:
        return f"{int(value) + 1:04d}-01-01"
    year, month = int(value[:4]), int(value[5:7])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}-01"
