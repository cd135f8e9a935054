"""Normalisers of named periods: years, decades, centuries, quarters, fiscal years, holidays."""

from __future__ import annotations

import re
from datetime import date, timedelta

from extract.temporal import values as v
from extract.temporal.context import dated
from extract.temporal.lexicon import MONTHS, NUMBER_WORDS, ORDINALS, SEASONS, WEEKDAYS
from extract.temporal.occurrence import nearest_of
from extract.temporal.patterns import PRECEDING_DATE_WORDS, word_before


def year_number(m, ctx):
    return dated(v.year(int(m["year"])), "year", "none")


YEAR_NEIGHBOURS = PRECEDING_DATE_WORDS | set(MONTHS) | set(SEASONS) | {"eve", "day", "year", "christmas", "easter"}


DETERMINERS = {"the", "its", "his", "her", "their", "our", "this", "that"}
DATED_EVENT_NOUNS = {
    "election", "elections", "season", "campaign", "budget", "census", "games", "championship", "championships",
    "tournament", "final", "finals", "race", "summit", "crisis", "war", "vote", "referendum", "attack", "attacks",
    "bombing", "bombings", "earthquake", "uprising", "revolution", "coup", "strike", "recession", "report",
    "agreement", "accord", "deal", "law", "act", "contract", "merger", "takeover", "ruling", "verdict", "trial",
    "invasion", "protests", "riots", "floods", "hurricane", "pandemic", "olympics", "conference", "meeting",
}
"""Common nouns a year names an instance of ("the 2024 election", "its 1996 report")."""


def accept_year(m, text):
    """A four-digit number is a year after a date word ("in 2020", "Eve 1999"), before "'s", or
    between a determiner and what it dates: "the 2022 World Cup", "the 1996 Olympic bombing",
    "its 2023 report" (not "the 2000 workers": a count).
    """
    if re.match(r"\s*(?:%|percent)", text[m.end() : m.end() + 10]):
        return False
    if word_before(text, m.start()) in YEAR_NEIGHBOURS or text[m.end() : m.end() + 2] in {"'s", "’s"}:
        return True
    return word_before(text, m.start()) in DETERMINERS and _dates_the_next_word(text[m.end() : m.end() + 30])


def _dates_the_next_word(after: str) -> bool:
    following = re.match(r"\s+([A-Za-z]+)", after)
    return bool(following) and (following[1][0].isupper() or following[1].lower() in DATED_EVENT_NOUNS)


def fiscal_year(m, ctx):
    """'fiscal 1989', 'fiscal year 1990': the fiscal year named by its number (TimeML gives the number)."""
    return dated(v.year(int(m["year"])), "fiscal_year", "none")


DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "eighties": 80, "nineties": 90,
}


def decade_number(m, ctx):
    """'the 1990s', '1980s', "the '90s", 'the early 1990s', 'the nineties' (words and '90s read as the 1900s)."""
    if m["decade"]:
        first_year = int(m["decade"])
    elif m["short"]:
        first_year = 1900 + 10 * int(m["short"])
    else:
        first_year = 1900 + DECADE_WORDS[m["word"].lower()]
    return dated(v.decade(first_year), "decade", "none")


CENTURY_ORDINALS = {**ORDINALS, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
                    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def century_number(m, ctx):
    """'the 20th century' (TimeML value 19), 'the eleventh century'; 'this century', 'the last century'."""
    if m["ord"]:
        word = m["ord"].lower()
        number = CENTURY_ORDINALS.get(word) or int(re.sub(r"\D", "", word))
        return dated(v.century(number), "century", "none")
    current = ctx.anchor.year // 100 + 1
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m["which"].lower().split()[-1], 0)
    return dated(v.century(current + shift), "relative_century")


SPELLED_UNITS = {w: n for w, n in NUMBER_WORDS.items() if 1 <= n <= 19 and w not in {"a", "an"}}
SPELLED_TENS = {w: n for w, n in NUMBER_WORDS.items() if n in {20, 30, 40, 50, 60, 70, 80, 90}}


def spelled_year(m, ctx):
    """'nineteen ninety-six', 'the year two thousand', 'two thousand and one' (broadcast transcripts)."""
    words = re.findall(r"[a-z]+", m["spelled"].lower())
    words = [w for w in words if w not in {"and", "hundred"}]
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        year = 2000 + (_spelled_number(rest) if rest else 0)
    else:
        year = 100 * SPELLED_UNITS[words[0]] + (_spelled_number(words[1:]) if words[1:] else 0)
    return dated(v.year(year), "spelled_year", "none")


def _spelled_number(words: list[str]) -> int:
    if words and words[0] == "oh":
        words = words[1:]
    total = 0
    for word in words:
        total += SPELLED_TENS.get(word) or SPELLED_UNITS.get(word, 0)
    return total


def accept_spelled_year(m, text):
    """"two thousand" is a year after "the year", a month or a date preposition, not "two thousand people"."""
    if m["lead"]:
        return True
    return m["spelled"].lower().startswith(("nineteen", "eighteen")) or word_before(text, m.start()) in YEAR_NEIGHBOURS


QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def quarter_number(m, ctx):
    """'the third quarter (of 2024)', 'fourth-quarter', 'Q3 2024', 'this year's third quarter',
    'the 1988 second quarter', 'last year's fourth quarter'."""
    which = (m["q"] or m["q2"] or m["q3"] or "").lower()
    year_text = m["year"] or m["year2"] or m["year3"]
    number_ = QUARTER_WORDS.get(which.lstrip("q"))
    relative = (m["rel"] or "").lower()
    year_no = int(year_text) if year_text else ctx.anchor.year + {"last": -1, "next": 1}.get(relative, 0)
    if which == "last":
        number_ = 4 if year_text else None
    if number_ is None:
        d = v.shift(ctx.anchor, -1, "Q")
        return dated(v.quarter(d.year, (d.month - 1) // 3 + 1), "relative_quarter")
    if not year_text and not relative and ctx.direction == "past" and v.quarter(year_no, number_).start > ctx.anchor:
        year_no -= 1
    return dated(v.quarter(year_no, number_), "quarter", "none" if year_text else "anchor")


FIXED_HOLIDAYS = {
    "new year's eve": (12, 31), "new year's day": (1, 1), "new year's": (1, 1), "christmas": (12, 25),
    "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26), "independence day": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "st. patrick's day": (3, 17), "st patrick's day": (3, 17),
    "may day": (5, 1), "bastille day": (7, 14), "canada day": (7, 1), "australia day": (1, 26),
    "veterans day": (11, 11), "armistice day": (11, 11), "remembrance day": (11, 11), "flag day": (6, 14),
    "juneteenth": (6, 19), "all saints' day": (11, 1), "guy fawkes night": (11, 5),
}
NTH_WEEKDAY_HOLIDAYS = {  # name: (month, weekday, nth; -1 is the last)
    "thanksgiving": (11, WEEKDAYS["thursday"], 4), "thanksgiving day": (11, WEEKDAYS["thursday"], 4),
    "memorial day": (5, WEEKDAYS["monday"], -1), "labor day": (9, WEEKDAYS["monday"], 1),
    "martin luther king day": (1, WEEKDAYS["monday"], 3), "martin luther king jr. day": (1, WEEKDAYS["monday"], 3),
    "presidents day": (2, WEEKDAYS["monday"], 3), "presidents' day": (2, WEEKDAYS["monday"], 3),
    "washington's birthday": (2, WEEKDAYS["monday"], 3), "columbus day": (10, WEEKDAYS["monday"], 2),
    "mother's day": (5, WEEKDAYS["sunday"], 2), "father's day": (6, WEEKDAYS["sunday"], 3),
}
EASTER_OFFSETS = {  # days from Easter Sunday
    "easter": 0, "easter sunday": 0, "easter day": 0, "easter monday": 1, "good friday": -2,
    "holy thursday": -3, "maundy thursday": -3, "palm sunday": -7, "ash wednesday": -46, "pentecost": 49,
    "whit sunday": 49, "ascension day": 39,
}
HOLIDAY_NAMES = [*FIXED_HOLIDAYS, *NTH_WEEKDAY_HOLIDAYS, *EASTER_OFFSETS, "election day", "easter week", "holy week"]


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the computus's own letter
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday_of(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth weekday of a month (nth -1: the last)."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def holiday_in(name: str, year: int) -> v.Calendar:
    """The holiday's day (or week) in a year, by rule."""
    if name in FIXED_HOLIDAYS:
        return v.day(date(year, *FIXED_HOLIDAYS[name]))
    if name in NTH_WEEKDAY_HOLIDAYS:
        return v.day(nth_weekday_of(year, *NTH_WEEKDAY_HOLIDAYS[name]))
    if name == "election day":  # US: the Tuesday after the first Monday of November
        return v.day(nth_weekday_of(year, 11, WEEKDAYS["monday"], 1) + timedelta(days=1))
    if name in {"easter week", "holy week"}:
        return v.week_of(easter(year) - timedelta(days=7 if name == "holy week" else 0))
    return v.day(easter(year) + timedelta(days=EASTER_OFFSETS[name]))


def holiday(m, ctx):
    """A holiday by rule, in the year given or the occurrence the tense points to."""
    name = " ".join(m["name"].lower().replace("’", "'").split())
    if m["year"]:
        return dated(holiday_in(name, int(m["year"])), "holiday", "none")
    which = (m["which"] or "").lower()
    options = [holiday_in(name, ctx.anchor.year + k) for k in (-1, 0, 1)]
    direction = {"last": "past", "next": "future", "this": ctx.direction}.get(which, ctx.direction)
    chosen = nearest_of(ctx.anchor, [c.start for c in options], direction)
    return dated(next(c for c in options if c.start == chosen), "holiday")
