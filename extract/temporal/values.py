"""TimeML values and calendar intervals: the arithmetic behind every resolution.

A resolution pairs a TimeML ``value`` with the interval of days it covers and a
granularity, so users can filter and join on dates whatever the precision.
Seasons are meteorological (summer = June–August; winter YYYY-WI = December of
YYYY to February of YYYY+1).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

GRANULARITIES = ("day", "week", "month", "season", "quarter", "year", "decade", "century")
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True)
class Calendar:
    """A calendar value: TimeML value plus the days it covers."""

    value: str
    start: date
    end: date
    granularity: str


def day(d: date) -> Calendar:
    return Calendar(d.isoformat(), d, d, "day")


def week_of(d: date) -> Calendar:
    iso_year, iso_week, _ = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return Calendar(f"{iso_year}-W{iso_week:02d}", monday, monday + timedelta(days=6), "week")


def weekend_of(d: date) -> Calendar:
    week = week_of(d)
    saturday = week.start + timedelta(days=5)
    return Calendar(f"{week.value}-WE", saturday, saturday + timedelta(days=1), "day")


def month(year: int, month_number: int) -> Calendar:
    last = calendar.monthrange(year, month_number)[1]
    return Calendar(f"{year}-{month_number:02d}", date(year, month_number, 1), date(year, month_number, last), "month")


def quarter(year: int, number: int) -> Calendar:
    first_month = 3 * (number - 1) + 1
    end_month = first_month + 2
    return Calendar(
        f"{year}-Q{number}", date(year, first_month, 1),
        date(year, end_month, calendar.monthrange(year, end_month)[1]), "quarter",
    )


def season(year: int, code: str) -> Calendar:
    first, last = SEASON_MONTHS[code]
    end_year = year + 1 if code == "WI" else year
    return Calendar(
        f"{year}-{code}", date(year, first, 1),
        date(end_year, last, calendar.monthrange(end_year, last)[1]), "season",
    )


def year(y: int) -> Calendar:
    return Calendar(f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year")


def decade(first_year: int) -> Calendar:
    return Calendar(f"{first_year // 10:03d}", date(first_year, 1, 1), date(first_year + 9, 12, 31), "decade")


def century(number: int) -> Calendar:
    """The ordinal century: the 20th century is 1900-1999, TimeML value "19"."""
    first_year = 100 * (number - 1)
    return Calendar(f"{number - 1:02d}", date(max(first_year, 1), 1, 1), date(first_year + 99, 12, 31), "century")


def season_containing(d: date) -> Calendar:
    for code, (first, last) in SEASON_MONTHS.items():
        if code == "WI":
            if d.month == 12:
                return season(d.year, code)
            if d.month <= 2:
                return season(d.year - 1, code)
        elif first <= d.month <= last:
            return season(d.year, code)
    raise AssertionError("every month is in a season")


def shift_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    y, m = divmod(index, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift(d: date, amount: int, unit: str) -> date:
    """Move a date by whole units (D, W, M, Q, Y, DE)."""
    if unit == "D":
        return d + timedelta(days=amount)
    if unit == "W":
        return d + timedelta(weeks=amount)
    if unit == "M":
        return shift_months(d, amount)
    if unit == "Q":
        return shift_months(d, 3 * amount)
    if unit == "Y":
        return shift_months(d, 12 * amount)
    if unit == "DE":
        return shift_months(d, 120 * amount)
    raise ValueError(f"cannot shift by unit {unit!r}")


def unit_calendar(d: date, unit: str) -> Calendar:
    """The calendar unit (week, month, quarter, year, decade) containing d."""
    return {
        "D": lambda: day(d),
        "W": lambda: week_of(d),
        "M": lambda: month(d.year, d.month),
        "Q": lambda: quarter(d.year, (d.month - 1) // 3 + 1),
        "Y": lambda: year(d.year),
        "DE": lambda: decade(d.year - d.year % 10),
    }[unit]()


SMALLER_UNIT = {("Y", False): (12, "M", False), ("M", False): (30, "D", False), ("D", False): (24, "H", True),
                ("W", False): (7, "D", False), ("H", True): (60, "M", True), ("M", True): (60, "S", True)}
"""How a fraction of a unit is written in the next smaller one: half a year is six months."""


def duration_value(amount: float | None, unit: str, time_unit: bool = False) -> str:
    """TimeML duration: P2W, PT2H, P4Y; PXW when the amount is vague; P2Y6M, PT5H30M for halves."""
    if amount is not None and amount != int(amount) and (unit, time_unit) in SMALLER_UNIT:
        factor, smaller, smaller_time = SMALLER_UNIT[(unit, time_unit)]
        whole, rest = int(amount), round((amount - int(amount)) * factor)
        designator = "T" if (time_unit or smaller_time) else ""
        first = f"{whole}{unit}" if whole else ""
        if time_unit or not smaller_time:
            return f"P{designator}{first}{rest}{smaller}"
        return f"P{first}T{rest}{smaller}"
    amount = None if amount is None else int(amount) if amount == int(amount) else amount
    count = "X" if amount is None else str(amount)
    if unit == "DE":
        return f"P{count if amount is None else amount * 10}Y" if amount is not None else "PXDE"
    if unit == "CE":
        return f"P{amount * 100}Y" if amount is not None else "PXCE"
    return f"PT{count}{unit}" if time_unit else f"P{count}{unit}"


GRANULARITY_UNIT = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "decade": "DE"}


def at_granularity(d: date, granularity: str) -> Calendar:
    """The calendar unit of this granularity containing d (a season or century falls back to the year)."""
    return unit_calendar(d, GRANULARITY_UNIT.get(granularity, "Y"))


def shift_calendar(calendar: Calendar, amount: int, unit: str) -> Calendar:
    """The same kind of period, moved: a year before 1989-Q3 is 1988-Q3, a year before a day is that day."""
    if calendar.granularity == "season":
        return season(calendar.start.year + (amount if unit == "Y" else 0), calendar.value[-2:])
    return at_granularity(shift(calendar.start, amount, unit), calendar.granularity)
