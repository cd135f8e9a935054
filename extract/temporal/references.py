"""Normalisers anchored on the discourse rather than on the anchor date.

"a day before" the meeting just mentioned, "that year", "the quarter", "a year earlier":
these take the last date or period the article mentioned (``Context.reference`` and
``Context.last``), as the TimeML guidelines anchor them, and fall back to the anchor date
when the article mentioned none.
"""

from __future__ import annotations


from extract.temporal import values as v
from extract.temporal.context import dated
from extract.temporal.patterns import number, unit_code


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
    return dated(calendar, "offset_from_reference", "reference" if ctx.reference else "anchor")
