"""Regular-expression pieces the rules are written with, and reading numbers and units."""

from __future__ import annotations

import re

from extract.temporal.lexicon import MONTHS, NUMBER_WORDS, ORDINALS, PARTS_OF_DAY, SEASONS, UNITS, WEEKDAYS


def alternation(words) -> str:
    """A regex alternation of the words, longest first (so "sept" is tried before "sep")."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


WEEKDAY = rf"(?:{alternation(WEEKDAYS)})"

MONTH_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
MONTH = (
    rf"(?:{alternation(m for m in MONTHS if m not in MONTH_ABBREVIATIONS)}"
    rf"|(?:{alternation(MONTH_ABBREVIATIONS)})\.?)"
)
"""A month name, or its abbreviation with an optional full stop ("Sept.", "Oct"); never "June." with its stop."""

SEASON = rf"(?:{alternation(SEASONS)})"

PART = rf"(?:{alternation(PARTS_OF_DAY)})"

TENS_WORDS = [w for w, n in NUMBER_WORDS.items() if n in {20, 30, 40, 50, 60, 70, 80, 90}]
DIGIT_WORDS = [w for w, n in NUMBER_WORDS.items() if 1 <= n <= 9 and w not in {"a", "an"}]
NUMBER = (
    rf"(?:\d+(?:\.\d+)?(?:\s*(?:1/2|½))?|(?:{alternation(TENS_WORDS)})[\s-](?:{alternation(DIGIT_WORDS)})"
    rf"|(?:{alternation(NUMBER_WORDS)})(?:-(?:{alternation(NUMBER_WORDS)}))?)"
)
"""A count: digits (with a decimal or a half: "5 1/2", "2.5"), or number words ("twenty-four", "twenty four")."""

ORDINAL = rf"(?:{alternation(ORDINALS)}|\d+(?:st|nd|rd|th))"

UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"

YEAR = r"(?:1[89]\d\d|20\d\d)"

DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

PRECEDING_DATE_WORDS = {
    "in", "on", "since", "by", "until", "till", "through", "during", "from", "to", "of", "before",
    "after", "early", "late", "mid", "last", "next", "this", "between", "and", "around", "for",
}


def word_before(text: str, position: int) -> str:
    """The word just before a position, lower-cased ("" at the start)."""
    words = re.findall(r"[A-Za-z]+", text[max(0, position - 20) : position])
    return words[-1].lower() if words else ""


def number(word: str) -> int | None:
    """Integer value of a number word or digits; None for vague quantities and fractions."""
    value = quantity(word)
    return int(value) if value is not None and value == int(value) else None


def quantity(word: str) -> float | None:
    """Value of a count, halves and decimals included ("5 1/2" → 5.5); None for vague quantities."""
    word = " ".join(word.lower().split())
    half = word.endswith(("1/2", "½"))
    word = word.removesuffix("1/2").removesuffix("½").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word) + (0.5 if half else 0)
    parts = re.split(r"[\s-]+", word)
    if parts and all(p in NUMBER_WORDS for p in parts):
        return float(sum(NUMBER_WORDS[p] for p in parts))
    return None

def unit_code(word: str) -> tuple[str, bool, int]:
    """(TimeML unit letter, is time-of-day unit, multiplier) for a unit word."""
    stem = word.lower().rstrip("s")
    stem = "century" if stem.startswith("centur") else stem
    letter, time_unit = UNITS[stem]
    return letter, time_unit, 2 if stem == "fortnight" else 1

def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def granularity_of(letter: str) -> str:
    """The calendar granularity of a TimeML unit letter."""
    return {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "decade", "CE": "decade"}[letter]
