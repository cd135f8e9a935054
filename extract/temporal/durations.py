"""Normalisers of durations, recurrences (sets) and vague references ("recent weeks", "now")."""

from __future__ import annotations

import re

from extract.temporal import values as v
from extract.temporal.context import Resolution
from extract.temporal.lexicon import ORDINALS, VAGUE_QUANTITIES, WEEKDAYS
from extract.temporal.patterns import granularity_of, number, unit_code, word_before


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
    return Resolution("DURATION", value, v.Calendar(value, start, end, granularity_of(letter)), "anchored_duration")

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
