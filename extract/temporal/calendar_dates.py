"""Normalisers of dates and times read against the anchor: days, weekdays, months, seasons,
relative weeks and months, clock times, edges of units ("the end of the year").

Each takes a rule's match and a ``Context`` and returns a ``Resolution`` (or None when the
words are not a valid date, such as "February 30").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from extract.temporal import values as v
from extract.temporal.context import Resolution, dated, with_part_of_day
from extract.temporal.lexicon import ORDINALS, SEASONS, WEEKDAYS
from extract.temporal.occurrence import day_in_year, month_year, season_for, weekday_date
from extract.temporal.patterns import PRECEDING_DATE_WORDS, month_number, number, unit_code, word_before


def iso_date(m, ctx):
    try:
        d = date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:
        return None
    return dated(v.day(d), "iso_date", "none")

def month_day(m, ctx):
    month_no = month_number(m["month"])
    day_no = int(re.sub(r"\D", "", m["day"]))
    try:
        if m["year"]:
            return dated(v.day(date(int(m["year"]), month_no, day_no)), "month_day_year", "none")
        weekday_no = WEEKDAYS[m["weekday"].lower()] if m["weekday"] else None
        return dated(v.day(day_in_year(ctx.anchor, month_no, day_no, ctx.direction, weekday_no)), "month_day")
    except ValueError:
        return None

def month_with_year(m, ctx):
    return dated(v.month(int(m["year"]), month_number(m["month"])), "month_year", "none")

def bare_month(m, ctx):
    month_no = month_number(m["month"])
    return dated(v.month(month_year(ctx.anchor, month_no, ctx.direction), month_no), "month_by_tense")

def accept_bare_month(m, text):
    word = m["month"].rstrip(".")
    if word.lower() in {"may", "march", "jan", "mar", "sep", "dec", "oct", "nov", "aug", "jun", "jul", "apr", "feb", "sept"}:
        # modal "may", verb "march", and abbreviations need a capital and a date-like neighbour
        if not word[0].isupper():
            return False
        return word_before(text, m.start()) in PRECEDING_DATE_WORDS
    return word[0].isupper()

def relative_month(m, ctx):
    month_no = month_number(m["month"])
    which = m["which"].lower()
    year_no = ctx.anchor.year
    if which == "last":
        year_no = ctx.anchor.year if month_no < ctx.anchor.month else ctx.anchor.year - 1
    elif which == "next":
        year_no = ctx.anchor.year if month_no > ctx.anchor.month else ctx.anchor.year + 1
    return dated(v.month(year_no, month_no), "relative_month")

def season_with_year(m, ctx):
    return dated(v.season(int(m["year"]), SEASONS[m["season"].lower()]), "season_year", "none")

def relative_season(m, ctx):
    code = SEASONS[m["season"].lower()]
    which = (m["which"] or "").lower()
    current = season_for(ctx.anchor, code, "unknown")
    if which == "last":
        calendar = current if current.end < ctx.anchor else v.season(current.start.year - 1, code)
    elif which == "next":
        calendar = current if current.start > ctx.anchor else v.season(current.start.year + 1, code)
    elif which == "this":
        calendar = current
    else:
        calendar = season_for(ctx.anchor, code, ctx.direction)
    return dated(calendar, "season_by_tense" if which in {"", "the"} else "relative_season")

def accept_season(m, text):
    # "fall" is a verb far more often than a season: it needs a determiner or a year
    if m["season"].lower() == "fall" and not m["which"]:
        return False
    return not _starts_a_name(m["season"], text[m.end() : m.end() + 20])


def _starts_a_name(word: str, after: str) -> bool:
    """A capitalised season before another capitalised word names something ("Winter Olympics",
    "Summer Palace", "Autumn Statement"), not a season."""
    following = re.match(r"\s+([A-Za-z]+)", after)
    return word[0].isupper() and bool(following) and following[1][0].isupper()

def weekday(m, ctx):
    d = weekday_date(ctx.anchor, WEEKDAYS[m["weekday"].lower()], ctx.direction)
    return with_part_of_day(v.day(d), m["part"], "weekday_by_tense")

def accept_weekday(m, text):
    return m["weekday"][0].isupper()

def relative_weekday(m, ctx):
    """'last Friday', 'next Tuesday', 'this coming Sunday'; 'the previous Friday', 'the following Monday'
    count from the last day the article mentioned."""
    target = WEEKDAYS[m["weekday"].lower()]
    which = " ".join(m["which"].lower().split())
    if which in {"the previous", "the preceding", "the following"}:
        base = ctx.reference or ctx.anchor
        step = -((base.weekday() - target) % 7 or 7) if which != "the following" else ((target - base.weekday()) % 7 or 7)
        anchored_on = "reference" if ctx.reference else "anchor"
        return with_part_of_day(v.day(base + timedelta(days=step)), m["part"], "relative_weekday", anchored_on)
    if which == "last":
        d = ctx.anchor - timedelta(days=(ctx.anchor.weekday() - target) % 7 or 7)
    elif which in {"next", "coming", "this coming"}:
        d = ctx.anchor + timedelta(days=(target - ctx.anchor.weekday()) % 7 or 7)
    else:  # this
        d = ctx.anchor + timedelta(days=target - ctx.anchor.weekday())
    return with_part_of_day(v.day(d), m["part"], "relative_weekday")

DEICTIC_OFFSETS = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}

def deictic_day(m, ctx):
    word = " ".join(m["word"].lower().split())
    d = ctx.anchor + timedelta(days=DEICTIC_OFFSETS[word])
    part = m["part"] or ("night" if word == "tonight" else None)
    return with_part_of_day(v.day(d), part, "deictic_day")

def this_part_of_day(m, ctx):
    return with_part_of_day(v.day(ctx.anchor), m["part"], "this_part_of_day")

RELATIVE_SHIFT = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1, "following": 1}

def relative_unit(m, ctx):
    which = "coming" if m["which"].lower().startswith("this") and "coming" in m["which"].lower() else m["which"].lower()
    if m["unit"].lower().startswith("weekend"):
        return dated(v.weekend_of(ctx.anchor + timedelta(weeks=_weekend_shift(which, ctx.anchor))), "relative_weekend")
    letter, _, _ = unit_code(m["unit"])
    if letter == "Q" and which in {"this", "current"} and ctx.last is not None and ctx.last.granularity == "quarter":
        return dated(ctx.last, "relative_unit", "reference")  # "this quarter's loss" in a report on a quarter
    base = v.shift(ctx.anchor, RELATIVE_SHIFT[which], letter)
    return dated(v.unit_calendar(base, letter), "relative_unit")

def _weekend_shift(which: str, anchor: date) -> int:
    """Weeks from the anchor's week to the weekend meant: "the coming weekend" is the next one to
    come (this week's, unless the anchor is already its Sunday); "next"/"last" step a week."""
    if which == "coming":
        return 1 if anchor.weekday() == 6 else 0
    return RELATIVE_SHIFT[which]

def part_of_relative_unit(m, ctx):
    """'earlier this week' (week start to anchor), 'later this month' (anchor to month end)."""
    letter, _, _ = unit_code(m["unit"])
    base = v.shift(ctx.anchor, RELATIVE_SHIFT[m["which"].lower()], letter)
    whole = v.unit_calendar(base, letter)
    edge = m["edge"].lower()
    if m["which"].lower() == "this" and edge == "earlier":
        calendar = v.Calendar(whole.value, whole.start, max(whole.start, ctx.anchor), whole.granularity)
    elif m["which"].lower() == "this" and edge == "later":
        calendar = v.Calendar(whole.value, min(whole.end, ctx.anchor), whole.end, whole.granularity)
    else:
        calendar = whole
    return dated(calendar, "part_of_relative_unit")

def offset_from_anchor(m, ctx):
    """'three days ago', 'two weeks from now'; 'a year ago' when the article reports on a quarter is
    that quarter a year back (a comparison period, as the TimeML annotation of reports reads it)."""
    amount = number(m["n"])
    if amount is None:
        return Resolution("DATE", "PAST_REF" if m["dir"].lower() == "ago" else "FUTURE_REF", None, "vague_offset")
    letter, time_unit, multiplier = unit_code(m["unit"])
    sign = -1 if m["dir"].lower() == "ago" else 1
    if time_unit:
        return dated(v.day(ctx.anchor), "offset_from_anchor")
    if letter == "Y" and ctx.last is not None and ctx.last.granularity == "quarter":
        # "up from $10 million a year ago" in a report on a quarter: that quarter, a year back
        return dated(v.shift_calendar(ctx.last, sign * amount, "Y"), "offset_from_anchor", "reference")
    d = v.shift(ctx.anchor, sign * amount * multiplier, letter)
    return dated(v.day(d) if letter == "D" else v.unit_calendar(d, letter), "offset_from_anchor")

def clock_time(m, ctx):
    """'3 p.m.', 'noon', '08:00 GMT', '9 a.m. Tuesday', 'Saturday at 2:17 p.m. ET', '4 in the morning'.

    The day is the one the expression names; without one, the last day the article mentioned
    (the time of an event reported the day after), else the anchor.
    """
    hour, minute = _clock(m)
    day = _named_day(m, ctx) or ctx.reference or ctx.anchor
    if (m["named"] or "").lower() == "midnight" and not _names_a_day(m) and ctx.direction != "past":
        day += timedelta(days=1)  # a deadline "at midnight" ahead is the one that ends the day, the next day's 00:00
    value = f"{day.isoformat()}T{hour:02d}:{minute:02d}{_utc_designator(m[0])}"
    anchored_on = "none" if m["year"] else "reference" if (ctx.reference and not _names_a_day(m)) else "anchor"
    return Resolution("TIME", value, v.Calendar(value, day, day, "day"), "clock_time", anchored_on)


UTC_ZONE = re.compile(r"(?i)\b(?:GMT|UTC)\b")


def _utc_designator(text: str) -> str:
    """ISO 8601's "Z" when the time is given in GMT/UTC; a local zone (EST, PT) has no fixed
    offset a value could carry without knowing the date's daylight saving, so it is left out."""
    return "Z" if UTC_ZONE.search(text) else ""


def _clock(m) -> tuple[int, int]:
    if m["named"]:
        return (0, 0) if m["named"].lower() == "midnight" else (12, 0)
    if m["h24"]:
        return int(m["h24"]), int(m["min24"])
    hour = int(m["h"]) % 12
    meridiem = (m["ampm"] or "").lower()
    if meridiem.startswith("p") or (m["part"] or "").lower() in {"afternoon", "evening", "night"}:
        hour += 12
    return hour, int(m["min"] or 0)


def _names_a_day(m) -> bool:
    return any(m[g] for g in ("weekday", "deictic", "month"))


def _named_day(m, ctx) -> date | None:
    """The day written next to the clock time, resolved like the day alone."""
    if m["weekday"]:
        return weekday_date(ctx.anchor, WEEKDAYS[m["weekday"].lower()], ctx.direction)
    if m["deictic"]:
        return ctx.anchor + timedelta(days=DEICTIC_OFFSETS[m["deictic"].lower()])
    if m["month"]:
        month_no, day_no = month_number(m["month"]), int(re.sub(r"\D", "", m["day"]))
        if m["year"]:
            return date(int(m["year"]), month_no, day_no)
        return day_in_year(ctx.anchor, month_no, day_no, ctx.direction)
    return None


def part_of_day(m, ctx):
    """'mid-afternoon', 'midday', 'late morning', 'overnight', 'last night': a part of the anchor's day
    (or of the last day mentioned); 'last night' and a past 'overnight' are the night before."""
    word = (m["part"] or m["part2"] or m["part3"]).lower()
    if word in {"midday", "mid-day"}:
        day = ctx.reference or ctx.anchor
        value = f"{day.isoformat()}T12:00"
        return Resolution("TIME", value, v.Calendar(value, day, day, "day"), "part_of_day")
    day = ctx.reference or ctx.anchor
    if (m["last"] or (word == "overnight" and ctx.direction == "past")) and not ctx.reference:
        day = ctx.anchor - timedelta(days=1)
    return with_part_of_day(v.day(day), "night" if word == "overnight" else word, "part_of_day")


def accept_part_of_day(m, text):
    """"night" alone is too common a noun: only "last night" is a time."""
    return bool(m["part2"] or m["part3"] or m["last"])


def the_weekend(m, ctx):
    """'the weekend', 'over the weekend': the weekend the tense points to (the anchor's, on a Saturday or Sunday)."""
    week = v.week_of(ctx.anchor)
    if ctx.anchor.weekday() >= 5:
        return dated(v.weekend_of(ctx.anchor), "the_weekend")
    before, after = v.weekend_of(week.start - timedelta(days=1)), v.weekend_of(ctx.anchor)
    if ctx.direction == "past":
        chosen = before
    elif ctx.direction == "future":
        chosen = after
    else:
        chosen = before if (ctx.anchor - before.end) <= (after.start - ctx.anchor) else after
    return dated(chosen, "the_weekend")


EDGE_FRACTION = {"start": (0.0, 1 / 3), "beginning": (0.0, 1 / 3), "middle": (1 / 3, 2 / 3), "end": (2 / 3, 1.0)}

def edge_of_unit(m, ctx):
    """'the end of the year': the unit's value, its interval narrowed to the last third;
    'the end of the day' is the day last mentioned (or the anchor)."""
    if m["unit"].lower() == "day":
        day = ctx.reference or ctx.anchor
        return dated(v.day(day), "edge_of_unit", "reference" if ctx.reference else "anchor")
    shift_by = {"last": -1, "next": 1}.get((m["which"] or "").lower(), 0)
    return dated(_edge_of_shifted_unit(ctx.anchor, m["unit"], shift_by, m["edge"].lower()), "edge_of_unit")

def unit_end(m, ctx):
    """'by year-end', 'since year-end', 'at month's end': the end of the unit the sentence is about.
    A past clause ("the index is down since year-end") looks back to the last such end before the
    anchor; otherwise it is the current unit's end."""
    shift_by = -1 if ctx.direction == "past" else 0
    return dated(_edge_of_shifted_unit(ctx.anchor, m["unit"], shift_by, "end"), "unit_end")


def _edge_of_shifted_unit(anchor, unit: str, shift_by: int, edge: str) -> v.Calendar:
    """The unit around the anchor, shifted by whole units, with its interval narrowed to the edge's third."""
    letter, _, _ = unit_code(unit)
    whole = v.unit_calendar(v.shift(anchor, shift_by, letter), letter)
    days = (whole.end - whole.start).days + 1
    low, high = EDGE_FRACTION[edge]
    start = whole.start + timedelta(days=int(days * low))
    end = whole.start + timedelta(days=max(int(days * high) - 1, int(days * low)))
    return v.Calendar(whole.value, start, end, whole.granularity)


def edge_of_named_period(m, ctx):
    """'the end of 1990', 'the beginning of October', 'the last half of 1989' (1989-H2): the named
    month or year (its value; TimeML puts the edge in the mod), the interval narrowed to that part."""
    if m["month"]:
        month_no = month_number(m["month"])
        year_no = int(m["myear"]) if m["myear"] else month_year(ctx.anchor, month_no, ctx.direction)
        whole, anchored_on = v.month(year_no, month_no), ("none" if m["myear"] else "anchor")
    else:
        whole, anchored_on = v.year(int(m["year"])), "none"
    edge = " ".join(m["edge"].lower().split())
    if edge.endswith("half"):
        first = edge.startswith("first")
        middle = whole.start + (whole.end - whole.start) // 2
        start, end = (whole.start, middle) if first else (middle + timedelta(days=1), whole.end)
        value = f"{whole.value}-H{1 if first else 2}" if whole.granularity == "year" else whole.value
        return dated(v.Calendar(value, start, end, whole.granularity), "edge_of_named_period", anchored_on)
    days = (whole.end - whole.start).days + 1
    low, high = EDGE_FRACTION[edge]
    start = whole.start + timedelta(days=int(days * low))
    end = whole.start + timedelta(days=max(int(days * high) - 1, int(days * low)))
    return dated(v.Calendar(whole.value, start, end, whole.granularity), "edge_of_named_period", anchored_on)


def _range_days(m) -> tuple[str, str | None, int, int]:
    """Month word, year (or None), first and last day number of a day range match."""
    month_word, year_text = m["month"] or m["month2"], m["year"] or m["year2"]
    first, last = (int(re.sub(r"\D", "", m[g])) for g in (("first", "last") if m["month"] else ("first2", "last2")))
    return month_word, year_text, first, last


def day_range(m, ctx):
    """'July 11-12', '15–17 March': a stretch of days written as one token, a DURATION (P2D) with its
    interval, the way an anchored "the next two weeks" has one."""
    month_word, year_text, first, last = _range_days(m)
    if last <= first:
        return None
    month_no = month_number(month_word)
    try:
        start = date(int(year_text), month_no, first) if year_text else day_in_year(ctx.anchor, month_no, first, ctx.direction)
        end = date(start.year, month_no, last)
    except ValueError:
        return None
    value = f"P{last - first + 1}D"
    return Resolution("DURATION", value, v.Calendar(value, start, end, "day"), "day_range", "none" if year_text else "anchor")


def range_day(m, ctx, which: str):
    """One end of a day range: 'July 11' and '12' of 'July 11 and 12', '15' and '17 March' of '15-17 March'.

    TimeML marks each day of a range as its own DATE (TimeBank's "April 24 and 25" is two
    expressions); the second takes its month (and year) from the first, written once for both.
    """
    month_word, year_text, first, last = _range_days(m)
    if last <= first:
        return None
    month_no = month_number(month_word)
    try:
        start = date(int(year_text), month_no, first) if year_text else day_in_year(ctx.anchor, month_no, first, ctx.direction)
        day = start if which == "first" else date(start.year, month_no, last)
    except ValueError:
        return None
    return dated(v.day(day), f"day_range_{which}", "none" if year_text else "anchor")


def month_of_relative_year(m, ctx):
    """'January this year', 'July last year'."""
    year_no = ctx.anchor.year + RELATIVE_SHIFT[m["which"].lower()]
    return dated(v.month(year_no, month_number(m["month"])), "month_of_relative_year")


def nth_weekday(m, ctx):
    """'the first Monday of May'."""
    month_no = month_number(m["month"])
    year_no = int(m["year"]) if m["year"] else month_year(ctx.anchor, month_no, ctx.direction)
    target = WEEKDAYS[m["weekday"].lower()]
    days = [date(year_no, month_no, d) for d in range(1, v.month(year_no, month_no).end.day + 1)]
    matching = [d for d in days if d.weekday() == target]
    nth = m["nth"].lower()
    chosen = matching[-1] if nth == "last" else matching[ORDINALS[nth] - 1]
    return dated(v.day(chosen), "nth_weekday_of_month", "none" if m["year"] else "anchor")
