"""What a normaliser gets and gives: the context of an expression, and its resolution.

Every rule of the grammar has a normaliser ``(match, Context) -> Resolution | None``. The
context says what the expression is resolved against: the anchor (publication or
utterance date), the direction the governing verb gives, and the discourse so far (the
last day-level date mentioned, and the last calendar period of any size, for "a day
before", "that year", "the quarter", "a year earlier").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from extract.temporal import values as v
from extract.temporal.lexicon import PARTS_OF_DAY
from extract.temporal.tense import Direction


@dataclass(frozen=True)
class Context:
    """What a relative expression is resolved against."""

    anchor: date
    direction: Direction
    reference: date | None = None  # the last day-level date mentioned before, for "a day before"
    last: v.Calendar | None = None  # the last calendar period mentioned before (any granularity)


@dataclass(frozen=True)
class Resolution:
    """A normalised expression. ``calendar`` is None for durations without an anchor and vague refs."""

    type: str  # DATE, TIME, DURATION, SET
    value: str | None
    calendar: v.Calendar | None
    rule: str
    anchored_on: str = "anchor"  # anchor, reference (another expression) or none (absolute)
    reason: str | None = None


def dated(calendar: v.Calendar, rule: str, anchored_on: str = "anchor") -> Resolution:
    """A DATE resolution covering the calendar value."""
    return Resolution("DATE", calendar.value, calendar, rule, anchored_on)


def with_part_of_day(calendar: v.Calendar, part: str | None, rule: str, anchored_on: str = "anchor") -> Resolution:
    """A day, or a TIME of that day when a part of the day is given ("Friday morning": ...TMO)."""
    if not part:
        return dated(calendar, rule, anchored_on)
    value = f"{calendar.value}T{PARTS_OF_DAY[part.lower()]}"
    return Resolution("TIME", value, v.Calendar(value, calendar.start, calendar.end, "day"), rule, anchored_on)
