"""Normalisers anchored on the discourse rather than on the anchor date.

"a day before" the meeting just mentioned, "that year", "the quarter", "a year earlier":
as the TimeML guidelines anchor them, these take the last date or period the article
mentioned (``Context.reference``, the last day; ``Context.last``, the last period of any
size) and fall back to the anchor date when the article mentioned none.

- **N units earlier/later** (and "the day before" with nothing after it) move the last
  period by N units, keeping its granularity: a year earlier than 1989-Q3 is 1988-Q3.
  With a complement ("two days before the vote") the phrase is a duration and the
  preposition a signal, so this rule leaves it to the duration rule ("two days", P2D).
- **year-earlier, year-ago** ("the year-ago quarter") are the last period a year back.
- **the quarter, the latest quarter, the period, the full year** are the period the article
  is about: the last one of that kind mentioned, else the latest complete quarter (reports
  come after the quarter ends) or the anchor's year.
- **that day, the same day, later that year** are the last day or period mentioned;
  **the next day, the following morning, the previous day** move the last day.
"""

from __future__ import annotations

import re

from extract.temporal import values as v
from extract.temporal.context import Context, Resolution, dated, with_part_of_day
from extract.temporal.lexicon import PARTS_OF_DAY
from extract.temporal.patterns import number, unit_code

UNIT_GRANULARITY = {"day": "day", "night": "day", "morning": "day", "afternoon": "day", "evening": "day",
                    "week": "week", "month": "month", "quarter": "quarter", "year": "year"}
QUARTER_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _anchored(ctx: Context) -> str:
    return "reference" if ctx.last is not None or ctx.reference is not None else "anchor"


def _last_of(ctx: Context, granularity: str) -> v.Calendar | None:
    """The last period mentioned, if it is of this granularity (a day for day-level references)."""
    if granularity == "day":
        return v.day(ctx.reference) if ctx.reference else None
    if ctx.last is not None and ctx.last.granularity == granularity:
        return ctx.last
    return None


def _latest_complete_quarter(ctx: Context) -> v.Calendar:
    return v.at_granularity(v.shift(ctx.anchor, -1, "Q"), "quarter")


def accept_offset_from_reference(m: re.Match[str], text: str) -> bool:
    """"two days before" is a date only when nothing follows the preposition; "two days before
    the vote" is a duration with a signal (TimeML), left to the duration rule."""
    if m["dir"].lower() not in {"before", "after"}:
        return True
    following = text[m.end() : m.end() + 30].lstrip()
    return not following or not re.match(r"[\w$£€“\"'(]", following)


def offset_from_reference(m, ctx):
    """'a year earlier', 'two days later', 'the day before': the last period moved by N units."""
    amount = number(m["n"]) if m["n"].lower() not in {"the"} else 1
    letter, time_unit, multiplier = unit_code(m["unit"])
    if amount is None:  # "days later": a vague stretch of time, not a date
        return Resolution("DURATION", v.duration_value(None, letter, time_unit), None, "offset_from_reference",
                          "none", "duration: no calendar interval")
    if time_unit:
        return None
    sign = -1 if m["dir"].lower() in {"before", "earlier"} else 1
    if letter in {"D", "W"} or ctx.last is None:
        base = v.at_granularity(ctx.reference or ctx.anchor, "day" if letter in {"D", "W"} else _granularity(letter))
    else:
        base = ctx.last
    calendar = v.shift_calendar(base, sign * amount * multiplier, letter)
    return dated(calendar, "offset_from_reference", _anchored(ctx))


def _granularity(letter: str) -> str:
    return {"M": "month", "Q": "quarter", "Y": "year", "DE": "decade"}.get(letter, "day")


def year_ago_period(m, ctx):
    """'year-earlier', 'the year-ago quarter', 'the comparable year-ago third quarter'."""
    unit = (m["unit"] or "").lower()
    if m["ord"]:
        base = v.quarter(ctx.anchor.year, QUARTER_ORDINALS[m["ord"].lower()])
        if ctx.last is not None and ctx.last.granularity in {"quarter", "year"}:
            base = v.quarter(ctx.last.start.year, QUARTER_ORDINALS[m["ord"].lower()])
    elif unit == "quarter":
        base = _last_of(ctx, "quarter") or _latest_complete_quarter(ctx)
    elif unit == "year":
        base = _last_of(ctx, "year") or v.year(ctx.anchor.year)
    else:
        base = ctx.last or _latest_complete_quarter(ctx)
    return dated(v.shift_calendar(base, -1, "Y"), "year_ago_period", _anchored(ctx))


def definite_period(m, ctx):
    """'the quarter', 'the latest quarter', 'the period', 'the full year', 'the current quarter'."""
    unit = m["unit"].lower()
    modifier = (m["mod"] or "").lower()
    if modifier == "current":
        return dated(v.at_granularity(ctx.anchor, "quarter" if unit == "quarter" else "year"), "definite_period")
    if unit == "year":
        if modifier in {"full", "entire", "whole"}:  # the year the reported period belongs to
            calendar = v.year(ctx.last.start.year if ctx.last is not None and ctx.last.granularity == "quarter"
                              else ctx.anchor.year)
        else:
            calendar = _last_of(ctx, "year") or v.year(ctx.anchor.year)
    elif unit == "period" and ctx.last is not None and ctx.last.granularity in {"quarter", "month", "year"}:
        calendar = ctx.last
    else:
        calendar = _last_of(ctx, "quarter") or _latest_complete_quarter(ctx)
    return dated(calendar, "definite_period", _anchored(ctx))


def period_of_year(m, ctx):
    """'the 1988 period', 'the 1989 quarter': the period the article reports on, in that year."""
    year_no = int(m["year"])
    if ctx.last is not None and ctx.last.granularity == "quarter":
        return dated(v.quarter(year_no, (ctx.last.start.month - 1) // 3 + 1), "period_of_year", "reference")
    if m["unit"].lower() == "quarter":
        return dated(v.quarter(year_no, (_latest_complete_quarter(ctx).start.month - 1) // 3 + 1), "period_of_year")
    return dated(v.year(year_no), "period_of_year", "none")


def that_period(m, ctx):
    """'that day', 'the same day', 'later that year', 'that night': the last such period mentioned."""
    unit = m["unit"].lower()
    granularity = UNIT_GRANULARITY[unit]
    calendar = _last_of(ctx, granularity)
    if calendar is None and m["in_the"]:  # "earlier in the year": the anchor's, "earlier in the day": the last day's
        calendar = v.at_granularity(ctx.reference if granularity == "day" and ctx.reference else ctx.anchor, granularity)
    if calendar is None:
        if granularity == "day":
            source = ctx.reference or ctx.anchor
        else:  # "later that year" after "in June 1998": the period last named, at this granularity
            source = ctx.last.start if ctx.last is not None else ctx.anchor
        calendar = v.at_granularity(source, granularity)
    if granularity == "day":
        part = unit if unit in PARTS_OF_DAY else None
        return with_part_of_day(calendar, part, "that_period", _anchored(ctx))
    return dated(calendar, "that_period", _anchored(ctx))


def next_day(m, ctx):
    """'the next day', 'the following morning', 'the previous day': the last day mentioned, moved."""
    sign = -1 if m["which"].lower() in {"previous", "preceding", "prior"} else 1
    base = ctx.reference or ctx.anchor
    unit = m["unit"].lower()
    part = unit if unit in PARTS_OF_DAY else None
    return with_part_of_day(v.day(v.shift(base, sign, "D")), part, "next_day",
                            "reference" if ctx.reference else "anchor")
