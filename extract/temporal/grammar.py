"""The rule grammar: patterns that find temporal expressions and say what each one means.

Each ``Rule`` is a named regular expression plus a normaliser that turns a match and a
``Context`` (anchor date, tense direction, reference date) into a ``Resolution``.
``find`` runs every rule over the text and keeps the longest non-overlapping
matches, so "Friday morning" wins over "Friday" and "earlier this week" over "this week".
Spans follow TimeML: determiners and modifiers are inside ("the next two weeks"),
governing prepositions outside ("on Thursday" → "Thursday").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from extract.temporal import values as v
from extract.temporal.lexicon import (
    MONTHS, NUMBER_WORDS, ORDINALS, PARTS_OF_DAY, SEASONS, UNITS, VAGUE_QUANTITIES, WEEKDAYS,
)
from extract.temporal.tense import Direction


@dataclass(frozen=True)
class Context:
    """What a relative expression is resolved against."""

    anchor: date
    direction: Direction
    reference: date | None = None  # the last day-level date mentioned before, for "a day before"


@dataclass(frozen=True)
class Resolution:
    """A normalised expression. ``calendar`` is None for durations without an anchor and vague refs."""

    type: str  # DATE, TIME, DURATION, SET
    value: str | None
    calendar: v.Calendar | None
    rule: str
    anchored_on: str = "anchor"  # anchor, reference (another expression) or none (absolute)
    reason: str | None = None


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], Context], Resolution | None]
    accept: Callable[[re.Match[str], str], bool] = lambda match, text: True


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


WEEKDAY = rf"(?:{_alternation(WEEKDAYS)})"
MONTH = rf"(?:{_alternation(m for m in MONTHS if len(m) > 4 or m == 'may')}|(?:{_alternation(m for m in MONTHS if len(m) <= 4 and m != 'may')})\.?)"
SEASON = rf"(?:{_alternation(SEASONS)})"
PART = rf"(?:{_alternation(PARTS_OF_DAY)})"
NUMBER = rf"(?:\d+|{_alternation(NUMBER_WORDS)})(?:-(?:{_alternation(NUMBER_WORDS)}))?"
ORDINAL = rf"(?:{_alternation(ORDINALS)}|\d+(?:st|nd|rd|th))"
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"
YEAR = r"(?:1[89]\d\d|20\d\d)"
DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
PRECEDING_DATE_WORDS = {
    "in", "on", "since", "by", "until", "till", "through", "during", "from", "to", "of", "before",
    "after", "early", "late", "mid", "last", "next", "this", "between", "and", "around", "for",
}


def _word_before(text: str, position: int) -> str:
    words = re.findall(r"[A-Za-z]+", text[max(0, position - 20) : position])
    return words[-1].lower() if words else ""


def number(word: str) -> int | None:
    """Integer value of a number word or digits; None for vague quantities."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    parts = word.split("-")
    if all(p in NUMBER_WORDS for p in parts):
        return sum(NUMBER_WORDS[p] for p in parts)
    return None


def unit_code(word: str) -> tuple[str, bool, int]:
    """(TimeML unit letter, is time-of-day unit, multiplier) for a unit word."""
    stem = word.lower().rstrip("s")
    stem = "century" if stem.startswith("centur") else stem
    letter, time_unit = UNITS[stem]
    return letter, time_unit, 2 if stem == "fortnight" else 1


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


# -- direction helpers: which occurrence of an underspecified date is meant ------------------
# Past takes the last occurrence up to the anchor, future the next one from it; with no
# direction (the present, a noun phrase) the occurrence nearest the anchor is meant.


def weekday_date(anchor: date, weekday: int, direction: Direction) -> date:
    back = anchor - timedelta(days=(anchor.weekday() - weekday) % 7)
    ahead = anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    if direction == "past":
        return back
    if direction == "future":
        return ahead
    return back if anchor - back <= ahead - anchor else ahead


def _nearest(anchor: date, options: list[date], direction: Direction) -> date:
    """The option the direction allows (the latest past one, the earliest future one), else the nearest."""
    if direction == "past":
        before = [d for d in options if d <= anchor]
        if before:
            return max(before)
    if direction == "future":
        after = [d for d in options if d >= anchor]
        if after:
            return min(after)
    return min(options, key=lambda d: (abs((d - anchor).days), d > anchor))


def month_year(anchor: date, month_no: int, direction: Direction) -> int:
    starts = {date(anchor.year + k, month_no, 1): anchor.year + k for k in (-1, 0, 1)}
    this_month = date(anchor.year, anchor.month, 1)
    if month_no == anchor.month:
        return anchor.year
    return starts[_nearest(this_month, list(starts), direction)]


def day_in_year(anchor: date, month_no: int, day_no: int, direction: Direction) -> date:
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month_no, day_no))
        except ValueError:  # 29 February outside a leap year
            continue
    if not options:
        raise ValueError(f"{month_no}-{day_no} is not a calendar day")
    return _nearest(anchor, options, direction)


def season_for(anchor: date, code: str, direction: Direction) -> v.Calendar:
    current = v.season_containing(anchor)
    if current.value.endswith(code):
        return current
    options = {v.season(anchor.year + k, code): None for k in (-1, 0, 1)}
    by_start = {c.start: c for c in options}
    if direction == "past":
        ended = [c for c in options if c.end < anchor]
        if ended:
            return max(ended, key=lambda c: c.start)
    if direction == "future":
        coming = [c for c in options if c.start > anchor]
        if coming:
            return min(coming, key=lambda c: c.start)
    nearest = min(options, key=lambda c: min(abs((c.start - anchor).days), abs((c.end - anchor).days)))
    return by_start[nearest.start]


# -- normalisers ------------------------------------------------------------------------------


def _date(calendar: v.Calendar, rule: str, anchored_on: str = "anchor") -> Resolution:
    return Resolution("DATE", calendar.value, calendar, rule, anchored_on)


def _with_part(calendar: v.Calendar, part: str | None, rule: str) -> Resolution:
    if not part:
        return _date(calendar, rule)
    value = f"{calendar.value}T{PARTS_OF_DAY[part.lower()]}"
    return Resolution("TIME", value, v.Calendar(value, calendar.start, calendar.end, "day"), rule)


def iso_date(m, ctx):
    try:
        d = date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:
        return None
    return _date(v.day(d), "iso_date", "none")


def month_day(m, ctx):
    month_no = month_number(m["month"])
    day_no = int(re.sub(r"\D", "", m["day"]))
    try:
        if m["year"]:
            return _date(v.day(date(int(m["year"]), month_no, day_no)), "month_day_year", "none")
        return _date(v.day(day_in_year(ctx.anchor, month_no, day_no, ctx.direction)), "month_day")
    except ValueError:
        return None


def month_with_year(m, ctx):
    return _date(v.month(int(m["year"]), month_number(m["month"])), "month_year", "none")


def bare_month(m, ctx):
    month_no = month_number(m["month"])
    return _date(v.month(month_year(ctx.anchor, month_no, ctx.direction), month_no), "month_by_tense")


def accept_bare_month(m, text):
    word = m["month"].rstrip(".")
    if word.lower() in {"may", "march", "jan", "mar", "sep", "dec", "oct", "nov", "aug", "jun", "jul", "apr", "feb", "sept"}:
        # modal "may", verb "march", and abbreviations need a capital and a date-like neighbour
        if not word[0].isupper():
            return False
        return _word_before(text, m.start()) in PRECEDING_DATE_WORDS
    return word[0].isupper()


def relative_month(m, ctx):
    month_no = month_number(m["month"])
    which = m["which"].lower()
    year_no = ctx.anchor.year
    if which == "last":
        year_no = ctx.anchor.year if month_no < ctx.anchor.month else ctx.anchor.year - 1
    elif which == "next":
        year_no = ctx.anchor.year if month_no > ctx.anchor.month else ctx.anchor.year + 1
    return _date(v.month(year_no, month_no), "relative_month")


def season_with_year(m, ctx):
    return _date(v.season(int(m["year"]), SEASONS[m["season"].lower()]), "season_year", "none")


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
    return _date(calendar, "season_by_tense" if which in {"", "the"} else "relative_season")


def accept_season(m, text):
    # "fall" is a verb far more often than a season: it needs a determiner or a year
    return m["season"].lower() != "fall" or bool(m["which"])


def weekday(m, ctx):
    d = weekday_date(ctx.anchor, WEEKDAYS[m["weekday"].lower()], ctx.direction)
    return _with_part(v.day(d), m["part"], "weekday_by_tense")


def accept_weekday(m, text):
    return m["weekday"][0].isupper()


def relative_weekday(m, ctx):
    target = WEEKDAYS[m["weekday"].lower()]
    which = m["which"].lower()
    if which == "last":
        d = ctx.anchor - timedelta(days=(ctx.anchor.weekday() - target) % 7 or 7)
    elif which in {"next", "coming", "this coming"}:
        d = ctx.anchor + timedelta(days=(target - ctx.anchor.weekday()) % 7 or 7)
    else:  # this
        d = ctx.anchor + timedelta(days=target - ctx.anchor.weekday())
    return _with_part(v.day(d), m["part"], "relative_weekday")


DEICTIC_OFFSETS = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}


def deictic_day(m, ctx):
    word = " ".join(m["word"].lower().split())
    d = ctx.anchor + timedelta(days=DEICTIC_OFFSETS[word])
    part = m["part"] or ("night" if word == "tonight" else None)
    return _with_part(v.day(d), part, "deictic_day")


def this_part_of_day(m, ctx):
    return _with_part(v.day(ctx.anchor), m["part"], "this_part_of_day")


RELATIVE_SHIFT = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1, "following": 1}


def relative_unit(m, ctx):
    which = m["which"].lower()
    if m["unit"].lower().startswith("weekend"):
        return _date(v.weekend_of(ctx.anchor + timedelta(weeks=_weekend_shift(which, ctx.anchor))), "relative_weekend")
    letter, _, _ = unit_code(m["unit"])
    base = v.shift(ctx.anchor, RELATIVE_SHIFT[which], letter)
    return _date(v.unit_calendar(base, letter), "relative_unit")


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
    return _date(calendar, "part_of_relative_unit")


def year_number(m, ctx):
    return _date(v.year(int(m["year"])), "year", "none")


YEAR_NEIGHBOURS = PRECEDING_DATE_WORDS | set(MONTHS) | set(SEASONS) | {"eve", "day", "year", "christmas", "easter"}


def accept_year(m, text):
    """A four-digit number is a year after a date word ("in 2020", "Eve 1999") or before "'s"."""
    if re.match(r"\s*(?:%|percent)", text[m.end() : m.end() + 10]):
        return False
    return _word_before(text, m.start()) in YEAR_NEIGHBOURS or text[m.end() : m.end() + 2] in {"'s", "’s"}


def decade_number(m, ctx):
    """'the 1990s' or "the '90s" (read as the 1900s)."""
    first_year = int(m["decade"]) if m["decade"] else 1900 + 10 * int(m["short"])
    return _date(v.decade(first_year), "decade", "none")


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
        return _date(v.quarter(d.year, (d.month - 1) // 3 + 1), "relative_quarter")
    if not year_text and ctx.direction == "past" and v.quarter(year_no, number_).start > ctx.anchor:
        year_no -= 1
    return _date(v.quarter(year_no, number_), "quarter", "none" if year_text else "anchor")


def offset_from_anchor(m, ctx):
    """'three days ago', 'two weeks from now'."""
    amount = number(m["n"])
    if amount is None:
        return Resolution("DATE", "PAST_REF" if m["dir"].lower() == "ago" else "FUTURE_REF", None, "vague_offset")
    letter, time_unit, multiplier = unit_code(m["unit"])
    sign = -1 if m["dir"].lower() == "ago" else 1
    if time_unit:
        return _date(v.day(ctx.anchor), "offset_from_anchor")
    d = v.shift(ctx.anchor, sign * amount * multiplier, letter)
    return _date(v.day(d) if letter == "D" else v.unit_calendar(d, letter), "offset_from_anchor")


def offset_from_reference(m, ctx):
    """'a day before' the event just mentioned: the other event is that far from the reference date."""
    amount = number(m["n"]) if m["n"].lower() not in {"the"} else 1
    if amount is None:
        return None
    letter, time_unit, multiplier = unit_code(m["unit"])
    if time_unit:
        return None
    base = ctx.reference or ctx.anchor
    # "A took place a day before B": A is at the reference date, so B (what the phrase
    # dates) is a day later; "two days later" is likewise after it; "a day after B" before it.
    sign = -1 if m["dir"].lower() == "after" else 1
    d = v.shift(base, sign * amount * multiplier, letter)
    calendar = v.day(d) if letter == "D" else v.unit_calendar(d, letter)
    return _date(calendar, "offset_from_reference", "reference" if ctx.reference else "anchor")


ANCHORED_DIRECTION = {"next": 1, "coming": 1, "following": 1, "past": -1, "last": -1, "previous": -1, "first": 1}


def anchored_duration(m, ctx):
    """'the next two weeks' → P2W from the anchor; 'the past three years' → P3Y up to it."""
    letter, time_unit, multiplier = unit_code(m["unit"])
    amount = number(m["n"]) if m["n"] else 1
    value = v.duration_value(None if amount is None else amount * multiplier, letter, time_unit)
    if amount is None or time_unit:
        return Resolution("DURATION", value, None, "anchored_duration")
    sign = ANCHORED_DIRECTION[m["which"].lower()]
    other = v.shift(ctx.anchor, sign * amount * multiplier, letter)
    start, end = sorted((ctx.anchor, other))
    return Resolution("DURATION", value, v.Calendar(value, start, end, _granularity(letter)), "anchored_duration")


def _granularity(letter: str) -> str:
    return {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "decade", "CE": "decade"}[letter]


def vague_reference(m, ctx):
    word = m["which"].lower()
    value = "FUTURE_REF" if word in {"coming", "next few", "future"} else "PAST_REF"
    return Resolution("DATE", value, None, "vague_reference", reason="vague reference: no calendar interval")


def present_reference(m, ctx):
    word = m[0].lower()
    value = {"recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "the future": "FUTURE_REF"}.get(
        word, "PRESENT_REF"
    )
    return Resolution("DATE", value, None, "deictic_reference", reason="vague reference: no calendar interval")


def ordinal_period(m, ctx):
    """'its fourth year' (of a war): how long something has lasted, not a calendar date."""
    letter, time_unit, _ = unit_code(m["unit"])
    ordinal = m["ord"].lower()
    amount = ORDINALS.get(ordinal) or int(re.sub(r"\D", "", ordinal))
    value = v.duration_value(amount, letter, time_unit)
    return Resolution("DURATION", value, None, "ordinal_period", "none", "duration: no calendar interval")


def duration(m, ctx):
    letter, time_unit, multiplier = unit_code(m["unit"])
    quantity = (m["n"] or "").lower()
    amount = None if quantity in VAGUE_QUANTITIES or quantity.startswith(("a few", "several", "a couple")) else number(quantity) if quantity else None
    value = v.duration_value(None if amount is None else amount * multiplier, letter, time_unit)
    return Resolution("DURATION", value, None, "duration", "none", "duration: no calendar interval")


def accept_duration(m, text):
    # bare plural units ("for years") are durations; "a day"/"a year" need a duration-like word before
    quantity = (m["n"] or "").lower()
    if quantity in {"a", "an"}:
        return _word_before(text, m.start()) in {"for", "over", "within", "about", "nearly", "almost", "than", "after", "in", "lasting", "just", "only", "half"}
    return bool(quantity) or m["unit"].lower().endswith("s")


SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D"}


def frequency(m, ctx):
    if m["adverb"]:
        value = SET_WORDS[m["adverb"].lower()]
    elif m["weekday"]:
        value = f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower()] + 1}"
    else:
        letter, time_unit, _ = unit_code(m["unit"])
        value = v.duration_value(1, letter, time_unit)
    return Resolution("SET", value, None, "frequency", "none", "set: recurs, no single interval")


def clock_time(m, ctx):
    if m["named"]:
        hour, minute = (12, 0) if m["named"].lower() == "noon" else (0, 0)
    else:
        hour = int(m["h"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
        minute = int(m["min"] or 0)
    value = f"{ctx.anchor.isoformat()}T{hour:02d}:{minute:02d}"
    return Resolution("TIME", value, v.Calendar(value, ctx.anchor, ctx.anchor, "day"), "clock_time")


EDGE_FRACTION = {"start": (0.0, 1 / 3), "beginning": (0.0, 1 / 3), "middle": (1 / 3, 2 / 3), "end": (2 / 3, 1.0)}


def edge_of_unit(m, ctx):
    """'the end of the year': the unit's value, its interval narrowed to the last third."""
    letter, _, _ = unit_code(m["unit"])
    shift_by = {"last": -1, "next": 1}.get((m["which"] or "").lower(), 0)
    whole = v.unit_calendar(v.shift(ctx.anchor, shift_by, letter), letter)
    days = (whole.end - whole.start).days + 1
    low, high = EDGE_FRACTION[m["edge"].lower()]
    start = whole.start + timedelta(days=int(days * low))
    end = whole.start + timedelta(days=max(int(days * high) - 1, int(days * low)))
    return _date(v.Calendar(whole.value, start, end, whole.granularity), "edge_of_unit")


def nth_weekday(m, ctx):
    """'the first Monday of May'."""
    month_no = month_number(m["month"])
    year_no = int(m["year"]) if m["year"] else month_year(ctx.anchor, month_no, ctx.direction)
    target = WEEKDAYS[m["weekday"].lower()]
    days = [date(year_no, month_no, d) for d in range(1, v.month(year_no, month_no).end.day + 1)]
    matching = [d for d in days if d.weekday() == target]
    nth = m["nth"].lower()
    chosen = matching[-1] if nth == "last" else matching[ORDINALS[nth] - 1]
    return _date(v.day(chosen), "nth_weekday_of_month", "none" if m["year"] else "anchor")


FIXED_HOLIDAYS = {
    "new year's eve": (12, 31), "new year's day": (1, 1), "christmas": (12, 25), "christmas day": (12, 25),
    "christmas eve": (12, 24), "independence day": (7, 4), "halloween": (10, 31),
}


def holiday(m, ctx):
    name = " ".join(m["name"].lower().replace("’", "'").split())
    month_no, day_no = FIXED_HOLIDAYS[name]
    if m["year"]:
        return _date(v.day(date(int(m["year"]), month_no, day_no)), "holiday", "none")
    return _date(v.day(day_in_year(ctx.anchor, month_no, day_no, ctx.direction)), "holiday")


def _rule(name: str, pattern: str, resolve, accept=None) -> Rule:
    compiled = re.compile(rf"(?<![\w-]){pattern}(?![\w])", re.IGNORECASE)
    return Rule(name, compiled, resolve, accept or (lambda match, text: True))


RULES: list[Rule] = [
    _rule("iso_date", r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})", iso_date),
    _rule("month_day_year", rf"(?:{WEEKDAY},?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY_NUMBER})(?:,?\s+(?P<year>{YEAR}))?", month_day),
    _rule("day_month_year", rf"(?:{WEEKDAY},?\s+)?(?P<day>{DAY_NUMBER})\s+(?:of\s+)?(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?", month_day),
    _rule("month_year", rf"(?P<month>{MONTH})\s+(?:of\s+)?(?P<year>{YEAR})", month_with_year),
    _rule("month_by_tense", rf"(?:(?:early|late|mid)[- ])?(?P<month>{MONTH})", bare_month, accept_bare_month),
    _rule("relative_month", rf"(?P<which>last|next|this)\s+(?P<month>{MONTH})", relative_month),
    _rule("season_year", rf"(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?(?P<year>{YEAR})", season_with_year),
    _rule("relative_season", rf"(?:(?P<which>last|next|this|the|early|late)\s+)?(?P<season>{SEASON})", relative_season, accept_season),
    _rule("weekday_by_tense", rf"(?P<weekday>{WEEKDAY})(?:\s+(?P<part>{PART}))?", weekday, accept_weekday),
    _rule("relative_weekday", rf"(?P<which>last|next|this coming|this|coming)\s+(?P<weekday>{WEEKDAY})(?:\s+(?P<part>{PART}))?", relative_weekday),
    _rule("deictic_day", rf"(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight)(?:\s+(?P<part>{PART}))?", deictic_day),
    _rule("this_part_of_day", rf"this\s+(?P<part>morning|afternoon|evening)", this_part_of_day),
    _rule("relative_unit", r"(?P<which>last|next|this|current|coming|following|previous)\s+(?P<unit>week(?:end)?|month|quarter|year|decade)", relative_unit),
    _rule("part_of_relative_unit", r"(?P<edge>earlier|later)\s+(?P<which>this|last|next)\s+(?P<unit>week|month|year)", part_of_relative_unit),
    _rule("year", rf"(?P<year>{YEAR})", year_number, accept_year),
    _rule("decade", r"the\s+(?:(?P<decade>1[89]\d0|20\d0)s|['’](?P<short>\d)0s)", decade_number),
    _rule("quarter", rf"(?:the\s+)?(?P<q>first|second|third|fourth|last|Q[1-4])[\s-]+quarter(?:\s+of\s+(?P<year>{YEAR}))?|(?P<q2>Q[1-4])\s+(?P<year2>{YEAR})", quarter_number),
    _rule("offset_from_anchor", rf"(?P<n>{NUMBER}|a\s+few|several|a\s+couple\s+of)\s+(?P<unit>{UNIT})\s+(?P<dir>ago|from\s+now|hence)", offset_from_anchor),
    _rule("offset_from_reference", rf"(?P<n>{NUMBER}|the)\s+(?P<unit>{UNIT})\s+(?P<dir>before|after|later)", offset_from_reference),
    _rule("anchored_duration", rf"the\s+(?P<which>next|coming|following|past|last|previous|first)\s+(?:(?P<n>{NUMBER}|few|several)\s+)?(?P<unit>{UNIT})", anchored_duration),
    _rule("vague_reference", r"(?P<which>recent|coming|past)\s+(?:days|weeks|months|years|decades)", vague_reference),
    _rule("deictic_reference", r"now|currently|nowadays|recently|lately|the\s+future", present_reference),
    _rule("ordinal_period", rf"(?:its|his|her|their|our|my|your)\s+(?P<ord>{ORDINAL})\s+(?P<unit>{UNIT})", ordinal_period),
    _rule("duration", rf"(?:(?P<n>{NUMBER}|a\s+few|several|a\s+couple\s+of|few|many)[\s-]+)?(?P<unit>{UNIT})", duration, accept_duration),
    _rule("frequency", rf"(?P<adverb>daily|weekly|monthly|annually|yearly|hourly|nightly)|(?:every|each)\s+(?:(?P<weekday>{WEEKDAY})|(?P<unit>{UNIT}))", frequency),
    _rule("clock_time", r"(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)|(?P<named>noon|midnight)", clock_time),
    _rule("edge_of_unit", r"(?:the\s+)?(?P<edge>end|start|beginning|middle)\s+of\s+(?:the|this|(?P<which>last|next))\s+(?P<unit>week|month|year)", edge_of_unit),
    _rule("nth_weekday_of_month", rf"(?:the\s+)?(?P<nth>first|second|third|fourth|last)\s+(?P<weekday>{WEEKDAY})\s+(?:of|in)\s+(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?", nth_weekday),
    _rule("holiday", rf"(?P<name>New\s+Year['’]s\s+(?:Eve|Day)|Christmas(?:\s+(?:Eve|Day))?|Independence\s+Day|Halloween)(?:,?\s+(?P<year>{YEAR}))?", holiday),
]


TEMPORAL_WORD = re.compile(
    rf"(?<![\w-])(?:{WEEKDAY}|{MONTH}|{SEASON}|{PART}|{UNIT}|{YEAR}|\d{{4}}s|['’]\d0s|now|today|tonight|yesterday"
    rf"|tomorrow|noon|midnight|midday|weekends?|decades?|centur(?:y|ies)|a\.m\.|p\.m\.|\d{{1,2}}:\d\d)(?![\w])",
    re.IGNORECASE,
)
"""A word that can make a phrase temporal; a spaCy DATE/TIME entity without one ("Slepian, 52,") is not a time."""


def find(text: str, relaxed: bool = False) -> list[Found]:
    """Longest non-overlapping rule matches, in text order.

    ``relaxed`` skips the rules' acceptance tests, which guard against words that are
    only sometimes temporal ("may", a bare "1996", "a year"); a caller that already knows
    the text is temporal (a spaCy DATE entity) passes it.
    """
    candidates: list[Found] = []
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            if relaxed or rule.accept(match, text):
                candidates.append(Found(match.start(), match.end(), rule, match))
    order = {rule.name: i for i, rule in enumerate(RULES)}
    candidates.sort(key=lambda f: (-(f.end - f.start), order[f.rule.name], f.start))
    taken: list[Found] = []
    for found in candidates:
        if all(found.end <= t.start or found.start >= t.end for t in taken):
            taken.append(found)
    return sorted(taken, key=lambda f: f.start)

