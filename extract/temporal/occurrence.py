"""Which occurrence of an underspecified date is meant ("Friday", "March 12", "the summer").

Past takes the last occurrence up to the anchor, future the next one from it; with no
direction (the present, a noun phrase) the occurrence nearest the anchor is meant.
"""

from __future__ import annotations

from datetime import date, timedelta

from extract.temporal import values as v
from extract.temporal.tense import Direction


def weekday_date(anchor: date, weekday: int, direction: Direction) -> date:
    back = anchor - timedelta(days=(anchor.weekday() - weekday) % 7)
    ahead = anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    if direction == "past":
        return back
    if direction == "future":
        return ahead
    return back if anchor - back <= ahead - anchor else ahead

def nearest_of(anchor: date, options: list[date], direction: Direction) -> date:
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
    return starts[nearest_of(this_month, list(starts), direction)]

def day_in_year(anchor: date, month_no: int, day_no: int, direction: Direction, weekday_no: int | None = None) -> date:
    """The month-day of the year before, of, or after the anchor's; with a weekday ("Monday, Oct. 26")
    only the years where the day falls on it, since the calendar settles what the tense only suggests."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month_no, day_no))
        except ValueError:  # 29 February outside a leap year
            continue
    if not options:
        raise ValueError(f"{month_no}-{day_no} is not a calendar day")
    on_weekday = [d for d in options if d.weekday() == weekday_no]
    return nearest_of(anchor, on_weekday or options, direction)

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
