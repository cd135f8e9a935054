"""Calendar arithmetic and the grammar's spans, without a parser."""

from __future__ import annotations

from datetime import date

import pytest

from extract.temporal import grammar, occurrence
from extract.temporal import values as v
from extract.temporal.context import Context


def test_iso_week_and_interval() -> None:
    week = v.week_of(date(2025, 10, 16))
    assert (week.value, week.start, week.end) == ("2025-W42", date(2025, 10, 13), date(2025, 10, 19))
    assert v.week_of(date(2021, 1, 1)).value == "2020-W53"


def test_winter_spans_the_new_year() -> None:
    winter = v.season(2025, "WI")
    assert (winter.start, winter.end) == (date(2025, 12, 1), date(2026, 2, 28))
    assert v.season_containing(date(2026, 1, 15)).value == "2025-WI"


def test_decade_and_quarter_values() -> None:
    assert v.decade(1990).value == "199"
    assert v.quarter(2025, 3).start == date(2025, 7, 1)
    assert v.duration_value(2, "W") == "P2W" and v.duration_value(2, "H", time_unit=True) == "PT2H"


@pytest.mark.parametrize(
    ("weekday", "direction", "expected"),
    [
        (3, "past", date(2025, 10, 16)),  # the publication day itself
        (4, "future", date(2025, 10, 17)),
        (4, "past", date(2025, 10, 10)),
        (2, "past", date(2025, 10, 15)),
        (2, "future", date(2025, 10, 22)),
    ],
)
def test_weekday_direction(weekday: int, direction: str, expected: date) -> None:
    assert occurrence.weekday_date(date(2025, 10, 16), weekday, direction) == expected


def spans(text: str) -> list[tuple[str, str]]:
    return [(text[f.start : f.end], f.rule.name) for f in grammar.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met on Friday morning.", [("Friday morning", "weekday_by_tense")]),
        ("Earlier this week, he posted.", [("Earlier this week", "part_of_relative_unit")]),
        ("It happens during the next two weeks.", [("the next two weeks", "anchored_duration")]),
        ("It took place a day before the meeting.", [("a day", "duration")]),
        ("It had taken place a day before.", [("a day before", "offset_from_reference")]),
        ("Sales rose in October 2024.", [("October 2024", "month_year")]),
        ("You may go; they march on.", []),
        ("He signed it on Oct. 3, 2023.", [("Oct. 3, 2023", "month_day_year")]),
        ("Prices doubled in the 1990s.", [("the 1990s", "decade")]),
        ("They meet every Friday.", [("every Friday", "frequency")]),
        ("The vote is at 3 p.m.", [("3 p.m.", "clock_time")]),
        ("Sales fell in mid-October.", [("mid-October", "month_by_tense")]),
        ("In 2020 troops withdrew.", [("2020", "year")]),
        ("It closes by the end of the year.", [("the end of the year", "edge_of_unit")]),
        ("They march on the first Monday of May.", [("the first Monday of May", "nth_weekday_of_month")]),
        ("Nothing happened on New Year's Eve 1999.", [("New Year's Eve 1999", "holiday")]),
        ("It reported fourth-quarter earnings.", [("fourth-quarter", "quarter")]),
    ],
)
def test_grammar_spans(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


def resolve(text: str, anchor: date, direction: str = "unknown"):
    found = grammar.find(text)[0]
    return found.rule.resolve(found.match, Context(anchor, direction))


def test_relative_values() -> None:
    thursday = date(2025, 10, 16)
    assert resolve("next week", thursday).value == "2025-W43"
    assert resolve("last year", thursday).value == "2024"
    assert resolve("three days ago", thursday).value == "2025-10-13"
    assert resolve("the summer", thursday, "past").value == "2025-SU"
    assert resolve("the summer", date(2025, 3, 1), "past").value == "2024-SU"
    assert resolve("in August", thursday, "future").value == "2026-08"
    assert resolve("the second quarter", thursday).value == "2025-Q2"
    later = resolve("later this month", thursday).calendar
    assert (later.value, later.start, later.end) == ("2025-10", thursday, date(2025, 10, 31))


def test_edges_narrow_the_interval() -> None:
    end_of_year = resolve("the end of the year", date(2025, 10, 16)).calendar
    assert (end_of_year.value, end_of_year.start, end_of_year.end) == ("2025", date(2025, 9, 1), date(2025, 12, 31))
    assert resolve("the first Monday of May 2024", date(2025, 10, 16)).value == "2024-05-06"


def test_invalid_calendar_date_is_not_resolved() -> None:
    assert resolve("2025-02-30", date(2025, 10, 16)) is None
