"""Normalisers of durations, recurrences (sets) and vague references ("recent weeks", "now")."""

from __future__ import annotations

import re

from extract.temporal import values as v
from extract.temporal.context import Resolution
from extract.temporal.lexicon import ORDINALS, VAGUE_QUANTITIES, WEEKDAYS
from extract.temporal.patterns import granularity_of, number, quantity, unit_code, word_before


ANCHORED_DIRECTION = {"next": 1, "coming": 1, "following": 1, "past": -1, "last": -1, "previous": -1, "first": 1}

def anchored_duration(m, ctx):
    """'the next two weeks' → P2W from the anchor; 'the past three years' → P3Y up to it;
    'the coming days', 'the next few weeks' (no count) are vague references (FUTURE_REF, PAST_REF)."""
    letter, time_unit, multiplier = unit_code(m["unit"])
    quantity_word = (m["n"] or "").lower()
    if m["which"].lower() == "first" and not quantity_word:  # "the first hours": a vague stretch
        return Resolution("DURATION", v.duration_value(None, letter, time_unit), None, "anchored_duration")
    if quantity_word in {"few", "several"} or (not quantity_word and m["unit"].lower().endswith("s")):
        sign = ANCHORED_DIRECTION[m["which"].lower()]
        return Resolution("DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", None, "anchored_duration",
                          reason="vague reference: no calendar interval")
    amount = number(quantity_word) if quantity_word else 1
    value = v.duration_value(None if amount is None else amount * multiplier, letter, time_unit)
    if amount is None or time_unit:
        return Resolution("DURATION", value, None, "anchored_duration")
    sign = ANCHORED_DIRECTION[m["which"].lower()]
    other = v.shift(ctx.anchor, sign * amount * multiplier, letter)
    start, end = sorted((ctx.anchor, other))
    return Resolution("DURATION", value, v.Calendar(value, start, end, granularity_of(letter)), "anchored_duration")


def vague_reference(m, ctx):
    """'recent weeks', 'coming months', 'the months ahead', 'years past': PAST_REF or FUTURE_REF."""
    word = (m["which"] or m["after"] or "").lower()
    value = "FUTURE_REF" if word in {"coming", "ahead", "to come"} else "PAST_REF"
    return Resolution("DATE", value, None, "vague_reference", reason="vague reference: no calendar interval")


PRESENT_WORDS = {"now", "currently", "nowadays", "these days", "at present", "at the moment", "right now", "for now"}
FUTURE_WORDS = {"anytime soon", "the future", "the near future", "the distant future", "the near term",
                "the short term", "the long term", "the longer term"}


def present_reference(m, ctx):
    """'now', 'these days' (PRESENT_REF); 'recently', 'until recently', 'the past' (PAST_REF); 'the near
    future' (FUTURE_REF): vague references to the present, past and future, with no interval.
    Adverbs annotators mark only now and then ("soon", "so far", "previously") are left out."""
    word = " ".join(m[0].lower().split())
    value = "PRESENT_REF" if word in PRESENT_WORDS else "FUTURE_REF" if word in FUTURE_WORDS else "PAST_REF"
    return Resolution("DATE", value, None, "deictic_reference", reason="vague reference: no calendar interval")


def ordinal_period(m, ctx):
    """'its fourth year' (of a war): how long something has lasted, not a calendar date."""
    letter, time_unit, _ = unit_code(m["unit"])
    ordinal = m["ord"].lower()
    amount = ORDINALS.get(ordinal) or int(re.sub(r"\D", "", ordinal))
    value = v.duration_value(amount, letter, time_unit)
    return Resolution("DURATION", value, None, "ordinal_period", "none", "duration: no calendar interval")

def duration(m, ctx):
    """'two years', 'decades', '5 1/2 hours', 'a minute and a half', 'half an hour'."""
    letter, time_unit, multiplier = unit_code(m["unit"] or m["unit2"])
    quantity_word = (m["n"] or "").lower()
    if m["halfof"]:
        amount = 0.5
    elif quantity_word.startswith("a couple"):
        amount = 2  # "a couple of years": two, as TimeML annotates it
    elif quantity_word in VAGUE_QUANTITIES or quantity_word.startswith(("a few", "several")):
        amount = None
    else:
        amount = quantity(quantity_word) if quantity_word else None
    if amount is not None and m["half"]:
        amount += 0.5
    value = v.duration_value(None if amount is None else amount * multiplier, letter, time_unit)
    return Resolution("DURATION", value, None, "duration", "none", "duration: no calendar interval")


def lasting_adjective(m, ctx):
    """'a day-long meeting' lasts a day; 'a decades-long battle' lasts an unknown number of decades."""
    letter, time_unit, multiplier = unit_code(m["unit"])
    plural = m["unit"].lower().endswith("s") or m["unit"].lower() == "centuries"
    value = v.duration_value(None if plural else multiplier, letter, time_unit)
    return Resolution("DURATION", value, None, "lasting_adjective", "none", "duration: no calendar interval")


def reporting_period(m, ctx):
    """ "net income for the year ended Sept. 30": a company's reporting year is named by its last day,
    which is a date of its own; "the year" is the length of the period reported (TimeML: DURATION P1Y)."""
    return Resolution("DURATION", "P1Y", None, "reporting_period", "none", "duration: no calendar interval")


def accept_duration(m, text):
    # bare plural units ("for years") are durations; "a day"/"a year" need a duration-like word before
    if m["halfof"] or m["half"]:
        return True
    following = text[m.end() : m.end() + 6].lower()
    if following.startswith(("-old", " old")):  # an age: "a 6-year-old boy"
        return False
    if m["unit"].lower().startswith("quarter") and following.startswith(" of"):  # "three-quarters of"
        return False
    quantity = (m["n"] or "").lower()
    if quantity in {"a", "an"} and re.match(r"\s+(?:before|after|earlier|later|ago|from)\b", text[m.end() : m.end() + 9]):
        return True  # "a day before the vote": a duration and its signal
    if quantity in {"a", "an"}:
        return word_before(text, m.start()) in {"for", "over", "within", "about", "nearly", "almost", "than", "after", "in", "lasting", "just", "only", "half"}
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
