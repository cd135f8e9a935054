"""Normalisers of named periods: years, decades, quarters, holidays."""

from __future__ import annotations

import re
from datetime import date

from extract.temporal import values as v
from extract.temporal.context import dated
from extract.temporal.lexicon import MONTHS, SEASONS
from extract.temporal.occurrence import day_in_year
from extract.temporal.patterns import PRECEDING_DATE_WORDS, word_before


def year_number(m, ctx):
    return dated(v.year(int(m["year"])), "year", "none")

YEAR_NEIGHBOURS = PRECEDING_DATE_WORDS | set(MONTHS) | set(SEASONS) | {"eve", "day", "year", "christmas", "easter"}

def accept_year(m, text):
    """A four-digit number is a year after a date word ("in 2020", "Eve 1999") or before "'s"."""
    if re.match(r"\s*(?:%|percent)", text[m.end() : m.end() + 10]):
        return False
    return word_before(text, m.start()) in YEAR_NEIGHBOURS or text[m.end() : m.end() + 2] in {"'s", "’s"}

def decade_number(m, ctx):
    """'the 1990s' or "the '90s" (read as the 1900s)."""
    first_year = int(m["decade"]) if m["decade"] else 1900 + 10 * int(m["short"])
    return dated(v.decade(first_year), "decade", "none")

QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}

def quarter_number(m, ctx):
    """'the third quarter (of 2024)', 'fourth-quarter', 'Q3 2024'."""
    which = (m["q"] or m["q2"] or "").lower()
    year_text = m["year"] or m["year2"]
    number_ = QUARTER_WORDS.get(which.lstrip("q"))
    year_no = int(year_text) if year_text else ctx.anchor.year
    if which == "last":
        number_ = 4 if year_text else None
    if number_ is None:
        current = (ctx.anchor.month - 1) // 3 + 1
        d = v.shift(date(ctx.anchor.year, 3 * current - 2, 1), -1, "Q")
        return dated(v.quarter(d.year, (d.month - 1) // 3 + 1), "relative_quarter")
    if not year_text and ctx.direction == "past" and v.quarter(year_no, number_).start > ctx.anchor:
        year_no -= 1
    return dated(v.quarter(year_no, number_), "quarter", "none" if year_text else "anchor")

FIXED_HOLIDAYS = {
    "new year's eve": (12, 31), "new year's day": (1, 1), "christmas": (12, 25), "christmas day": (12, 25),
    "christmas eve": (12, 24), "independence day": (7, 4), "halloween": (10, 31),
}

def holiday(m, ctx):
    name = " ".join(m["name"].lower().replace("’", "'").split())
    month_no, day_no = FIXED_HOLIDAYS[name]
    if m["year"]:
        return dated(v.day(date(int(m["year"]), month_no, day_no)), "holiday", "none")
    return dated(v.day(day_in_year(ctx.anchor, month_no, day_no, ctx.direction)), "holiday")
