"""The resolver on small parsed texts: tense, quotes and utterance anchors, relations, leftovers.

Uses the real spaCy model (the parse decides tense), on sentences written for each rule.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract.config import DEFAULT_SPACY_MODEL
from extract.nlp import load_pipeline
from extract.temporal import grammar
from extract.temporal.resolver import resolve_document

WEDNESDAY = date(2025, 10, 15)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(DEFAULT_SPACY_MODEL)


def resolved(nlp, text: str, published: date = WEDNESDAY) -> dict[str, tuple]:
    return {e.text: (e.value, e.anchor_kind, e.anchor_date) for e in resolve_document(nlp(text), published)}


def test_tense_picks_the_weekday(nlp) -> None:
    assert resolved(nlp, "The leaders met on Monday.")["Monday"][0] == "2025-10-13"
    assert resolved(nlp, "The leaders will meet on Monday.")["Monday"][0] == "2025-10-20"
    assert resolved(nlp, "The leaders are expected to meet Friday.")["Friday"][0] == "2025-10-17"


def test_quote_resolves_against_the_utterance(nlp) -> None:
    text = "“We will sign it tomorrow,” the minister said on Monday. Talks go on."
    assert resolved(nlp, text)["tomorrow"] == ("2025-10-14", "utterance", date(2025, 10, 13))


def test_quote_introduced_by_a_dated_attribution(nlp) -> None:
    text = "The minister wrote on Monday: “Today is a good day.”"
    assert resolved(nlp, text)["Today"][1:] == ("utterance", date(2025, 10, 13))


def test_consecutive_quote_continues_the_utterance(nlp) -> None:
    text = "“We are close,” she said on Monday. “We meet again tomorrow,” she added."
    assert resolved(nlp, text)["tomorrow"][0] == "2025-10-14"


def test_undated_quote_falls_back_to_publication(nlp) -> None:
    assert resolved(nlp, "“We meet tomorrow,” she said.")["tomorrow"] == ("2025-10-16", "publication", WEDNESDAY)


def test_relation_uses_the_last_date_mentioned(nlp) -> None:
    text = "The call took place on Monday. The summit came a day later."
    assert resolved(nlp, text)["a day later"] == ("2025-10-14", "expression", date(2025, 10, 13))


def test_spacy_only_expression_is_kept_with_a_reason(nlp) -> None:
    expressions = resolve_document(nlp("The 2024-25 season was long."), WEDNESDAY)
    leftovers = [e for e in expressions if e.resolution_rule == "spacy_ner"]
    assert leftovers and leftovers[0].value is None
    assert leftovers[0].unresolved_reason.startswith("no normalisation rule for")


def test_invalid_date_keeps_a_row_with_its_reason(nlp) -> None:
    [expression] = resolve_document(nlp("He was born on 29 February 2023."), WEDNESDAY)
    assert (expression.text, expression.value, expression.start_date) == ("29 February 2023", None, None)
    assert expression.unresolved_reason == "'29 February 2023' is not a valid date"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Fans expect a crowd at the final on the coming weekend.", "2025-W42-WE"),
        ("The market reopens next weekend.", "2025-W43-WE"),
        ("The town held a fair last weekend.", "2025-W41-WE"),
    ],
)
def test_weekend_relative_to_the_anchor_week(nlp, text: str, value: str) -> None:
    found = {e.text.lower(): e.value for e in resolve_document(nlp(text), WEDNESDAY)}
    weekend = next(key for key in found if "weekend" in key)
    assert found[weekend] == value


SATURDAY = date(2025, 10, 18)


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        # the present does not point anywhere: the nearest occurrence
        ("The regional council meets Friday to set the budget.", WEDNESDAY, "Friday", "2025-10-17"),
        ("The regional council meets Friday to set the budget.", SATURDAY, "Friday", "2025-10-17"),
        ("The museum reopens in August after repairs.", WEDNESDAY, "August", "2025-08"),
        # a past participle dates a done deed
        ("The ruling, announced Tuesday by the court, surprised the union.", SATURDAY, "Tuesday", "2025-10-14"),
        # modals look ahead
        ("The convoy may leave as early as Monday.", WEDNESDAY, "Monday", "2025-10-20"),
        ("The men could not be found Monday, police said.", WEDNESDAY, "Monday", "2025-10-13"),
        ("The merger is scheduled to close Monday.", WEDNESDAY, "Monday", "2025-10-20"),
        ("The bank is to resume trading Tuesday.", date(2025, 10, 17), "Tuesday", "2025-10-21"),
        ("Officials postponed the vote until Tuesday.", date(2025, 10, 16), "Tuesday", "2025-10-21"),
        ("Ministers must agree the text by March 3.", WEDNESDAY, "March 3", "2026-03-03"),
        # a date inside a noun phrase has no tense: the nearest
        ("The firm missed the Oct. 20 deadline.", date(2025, 10, 24), "Oct. 20", "2025-10-20"),
        ("Shares fell after Monday's vote, traders said.", WEDNESDAY, "Monday", "2025-10-13"),
        # a gerund takes the tense of the clause above it
        ("Speaking to reporters on Tuesday, the mayor said the bridge would reopen.", SATURDAY, "Tuesday", "2025-10-14"),
        # scheduled in the passive points ahead, even in the past tense
        ("The hearing was scheduled for Thursday.", WEDNESDAY, "Thursday", "2025-10-16"),
    ],
)
def test_direction_from_tense_aspect_and_modality(nlp, text, published, expression, value) -> None:
    assert resolved(nlp, text, published)[expression][0] == value


def test_an_age_is_not_a_time(nlp) -> None:
    assert resolved(nlp, "Kowalski, 47, was arrested at the border.") == {}


def test_spacy_date_entity_read_by_the_grammar(nlp) -> None:
    found = resolved(nlp, "The stadium, built for the 1996 tournament, will be rebuilt.")
    assert found.get("1996", (None,))[0] == "1996"


FRIDAY_1989 = date(1989, 10, 27)


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        # the discourse anchors it: the last period mentioned, moved
        ("Profit rose in the third quarter. A year earlier, it fell.", FRIDAY_1989, "A year earlier", "1988-Q3"),
        ("Profit rose in the third quarter from the year-ago quarter.", FRIDAY_1989, "the year-ago quarter", "1988-Q3"),
        ("Sales in the quarter rose 5%.", FRIDAY_1989, "the quarter", "1989-Q3"),
        ("The plant opened on March 3, 1987. Later that year it closed.", FRIDAY_1989, "Later that year", "1987"),
        ("The vote took place on Tuesday. The next day, the minister resigned.", WEDNESDAY, "The next day", "2025-10-15"),
        ("She arrived on Monday; he had come the day before.", WEDNESDAY, "the day before", "2025-10-12"),
        # a clock time takes the day written with it, else the last day mentioned
        ("The polls close at 8 p.m. Thursday.", WEDNESDAY, "8 p.m. Thursday", "2025-10-16T20:00"),
        ("The blast came on Monday. Police arrived at 10:35 a.m.", WEDNESDAY, "10:35 a.m.", "2025-10-13T10:35"),
        ("The ship sails at 4 in the morning.", WEDNESDAY, "4 in the morning", "2025-10-15T04:00"),
        # named periods
        ("Prices were lower in the early 1980s.", WEDNESDAY, "the early 1980s", "198"),
        ("Castles of the 12th century dot the valley.", WEDNESDAY, "the 12th century", "11"),
        ("Results for fiscal 1990 beat forecasts.", WEDNESDAY, "fiscal 1990", "1990"),
        ("It was built in nineteen sixty-four.", WEDNESDAY, "nineteen sixty-four", "1964"),
        ("Shops close early on Thanksgiving Day.", WEDNESDAY, "Thanksgiving Day", "2025-11-27"),
        ("The marathon was run on Easter Monday.", WEDNESDAY, "Easter Monday", "2025-04-21"),
        ("Crowds gathered over the weekend.", WEDNESDAY, "the weekend", "2025-W41-WE"),
        # durations: halves, and vague stretches
        ("The flight lasted 5 1/2 hours.", WEDNESDAY, "5 1/2 hours", "PT5H30M"),
        ("The talks lasted a minute and a half.", WEDNESDAY, "a minute and a half", "PT1M30S"),
        ("Prices may ease in the coming months.", WEDNESDAY, "the coming months", "FUTURE_REF"),
    ],
)
def test_discourse_periods_and_durations(nlp, text, published, expression, value) -> None:
    assert resolved(nlp, text, published)[expression][0] == value


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("Growth slowed in early 2024.", "early 2024"),
        ("The deal was signed late Wednesday.", "late Wednesday"),
        ("The strike lasted more than four months.", "more than four months"),
        ("The rescue took nearly two hours.", "nearly two hours"),
    ],
)
def test_modifiers_are_inside_the_expression(nlp, text, expression) -> None:
    assert expression in resolved(nlp, text)


def test_a_duration_before_a_complement_is_a_duration(nlp) -> None:
    """TimeML: in "two days before the vote" the preposition is a signal; the expression is "two days"."""
    found = resolved(nlp, "The rally took place two days before the vote.")
    assert found["two days"][0] == "P2D"


def test_ages_and_fractions_are_not_durations(nlp) -> None:
    found = resolved(nlp, "A 6-year-old boy ate three-quarters of the cake.")
    assert not any("year" in text or "quarter" in text for text in found)


def test_a_quote_calling_an_event_todays_was_said_that_day(nlp) -> None:
    """No date in the attribution, but the quote speaks of today's call, which the article dated."""
    text = (
        "The two ministers spoke in a phone call on Tuesday.\n\n"
        "“We will meet again tomorrow, as agreed in today’s call,” the minister said."
    )
    found = resolved(nlp, text)  # published Wednesday
    assert found["tomorrow"] == ("2025-10-15", "utterance", date(2025, 10, 14))


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        # an end point lies after the event: "extended to", "until"
        ("The offer was extended to Nov. 20.", date(1989, 11, 2), "Nov. 20", "1989-11-20"),
        # an infinitive's event comes after its verb's
        ("The court ordered him to appear on Feb. 10.", date(2000, 1, 7), "Feb. 10", "2000-02-10"),
        # a quarter report's "a year ago" is the quarter a year back
        ("Third-quarter profit rose to $5 million from $3 million a year ago.", FRIDAY_1989, "a year ago", "1988-Q3"),
        ("He moved to Lyon in June 1998 and left later that year.", WEDNESDAY, "later that year", "1998"),
    ],
)
def test_end_points_infinitives_and_report_periods(nlp, text, published, expression, value) -> None:
    assert resolved(nlp, text, published)[expression][0] == value


def test_a_weekday_beside_a_month_day_picks_the_year_it_falls_in(nlp) -> None:
    # 3 November is a Monday in 2025, not in 2024: the calendar wins over the past tense of "said"
    found = resolved(nlp, "The paper said in a leader on Monday, Nov. 3: the plan is flawed.", date(2025, 11, 2))
    assert found["Monday, Nov. 3"][0] == "2025-11-03"
    assert resolved(nlp, "The paper said in a leader on Nov. 3: the plan is flawed.", date(2025, 11, 2))[
        "Nov. 3"][0] == "2024-11-03"


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Fares have risen since the March 3 vote.", date(2025, 2, 1), "2024-03-03"),
        ("Divers have searched the lake since shortly after the Oct. 23 crash.", date(2025, 5, 6), "2024-10-23"),
        # "since" meaning "because" starts nothing
        ("Since the vote is on March 3, campaigning will be short.", date(2025, 2, 1), "2025-03-03"),
    ],
)
def test_since_points_back(nlp, text, published, value) -> None:
    assert next(iter(resolved(nlp, text, published).values()))[0] == value


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # after an active planning verb the date is the planned event's: nearest occurrence, not the past
        ("Dock workers planned a strike at the port on Thursday.", "Thursday", "2025-10-16"),
        # before it, the date is the planning's own, and the past tense holds
        ("On Thursday, the council planned new bus routes.", "Thursday", "2025-10-09"),
        ("Dock workers struck at the port on Thursday.", "Thursday", "2025-10-09"),
        # "set for" schedules; "set on" reports a done deed
        ("The final was set for Thursday.", "Thursday", "2025-10-16"),
        ("Shares traded near the all-time high set on Thursday.", "Thursday", "2025-10-09"),
        ("The league has set Oct. 20 as the deadline for bids.", "Oct. 20", "2025-10-20"),
        # a planned event reported in a past clause may lie on either side: the nearest Monday
        ("The parade planned for Monday was called off after the storm.", "Monday", "2025-10-13"),
        # in a present clause the plan still stands and points ahead
        ("The parade planned for Monday is expected to draw crowds.", "Monday", "2025-10-20"),
    ],
)
def test_a_planned_event_is_not_dated_by_the_planning(nlp, text, expression, value) -> None:
    assert resolved(nlp, text)[expression][0] == value  # published Wednesday 2025-10-15


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Profits will fall by the end of 1990.", "the end of 1990", "1990"),
        ("Sales slowed in the last half of 1989.", "the last half of 1989", "1989-H2"),
        ("The firm was founded in July last year.", "July last year", "2024-07"),
        ("The clinic closed last Oct. 23, police said.", "Oct. 23", "2024-10-23"),
        ("Third-quarter net rose 5%.", "Third-quarter", "2025-Q3"),
    ],
)
def test_named_period_spans(nlp, text, expression, value) -> None:
    assert resolved(nlp, text)[expression][0] == value


def test_hedges_stay_outside_the_expression(nlp) -> None:
    found = resolved(nlp, "The storm lasted about five hours and nearly two days.")
    assert "five hours" in found and "nearly two days" in found


def test_a_range_of_days_is_a_duration_with_its_interval(nlp) -> None:
    found = resolve_document(nlp("Delegates will meet on June 3-5 in Oslo."), WEDNESDAY)
    (summit,) = [e for e in found if e.text == "June 3-5"]
    assert (summit.timex_type, summit.value, summit.start_date, summit.end_date) == (
        "DURATION", "P3D", date(2026, 6, 3), date(2026, 6, 5)
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The launch had been set for Monday, but it slipped.", "2025-10-13"),
        ("The launch has been set for Monday.", "2025-10-20"),
        ("The hearing was fixed for Monday.", "2025-10-20"),
        # a past-perfect schedule was overtaken; its date is the occurrence nearest the report
        ("The ceasefire had been due to end on Monday until both sides extended it.", "2025-10-13"),
        ("The ceasefire had been scheduled to end on Monday.", "2025-10-13"),
        ("The ceasefire is due to end on Monday.", "2025-10-20"),
        ("The ceasefire had been due to end on Thursday until both sides extended it.", "2025-10-16"),
    ],
)
def test_past_perfect_schedules_take_the_nearest_day(nlp, text, value) -> None:
    weekday = next(word for word in ("Monday", "Thursday") if word in text)
    assert resolved(nlp, text)[weekday][0] == value


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # a bare participle bounded by a date names a window: the clause above dates it
        ("The bank said it will buy all shares tendered through Nov. 17.", "Nov. 17", "2025-11-17"),
        # dated by "on", the participle reports a done deed
        ("The shares, tendered on Oct. 3, were bought back.", "Oct. 3", "2025-10-03"),
    ],
)
def test_a_participle_bounded_by_a_date_takes_the_clause_above(nlp, text, expression, value) -> None:
    assert resolved(nlp, text, date(2025, 10, 27))[expression][0] == value


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The talks ended their second day-long session.", "day-long", "P1D"),
        ("It was a year-long campaign.", "year-long", "P1Y"),
        ("a decades-long feud", "decades-long", "PXDE"),
        ("The envoy will stay two more weeks.", "two more weeks", "P2W"),
        ("Shares rose for eight trading days.", "eight trading days", "P8D"),
        ("Rates may not move for a couple of years.", "a couple of years", "P2Y"),
        # a reporting year is named by its last day: "the year" is its length, the day a date of its own
        ("The brewer lost money in the fiscal year ended June 30.", "the fiscal year", "P1Y"),
        ("Sales for the year ending March 31 will fall.", "the year", "P1Y"),
    ],
)
def test_duration_forms(nlp, text, expression, value) -> None:
    assert resolved(nlp, text)[expression][0] == value


def test_a_day_range_is_one_date_per_day_written(nlp) -> None:
    # TimeML marks each end of a range; the second takes the month (and year) written once
    found = resolved(nlp, "The regatta is sailed on November 8 and 9, this coming weekend.")
    assert found["November 8"][0] == "2025-11-08" and found["9"][0] == "2025-11-09"
    assert found["this coming weekend"][0] == "2025-W42-WE"
    found = resolved(nlp, "The fair ran from 3 to 5 October 2024.")
    assert found["3"][0] == "2024-10-03" and found["5 October 2024"][0] == "2024-10-05"
    # joined by a dash, the range is one token: one expression, a duration with its interval
    assert resolved(nlp, "The fair ran 3-5 October 2024.")["3-5 October 2024"][0] == "P3D"


def test_a_clock_time_in_a_quote_takes_the_day_the_quote_named(nlp) -> None:
    # inside one quotation the words are dated in order, like the article's own
    found = resolved(nlp, "“We will sign on Friday at 10 a.m. (09:00 GMT),” the envoy said on Monday.")
    assert found["09:00 GMT"][0] == "2025-10-17T09:00Z"  # GMT/UTC is ISO 8601's "Z"
    assert resolved(nlp, "The polls close at 8 p.m. EST on Friday.")["8 p.m. EST on Friday"][0] == "2025-10-17T20:00"


def test_midnight_ahead_ends_the_day(nlp) -> None:
    assert resolved(nlp, "The ceasefire expires at midnight.")["midnight"][0] == "2025-10-16T00:00"
    assert resolved(nlp, "The ceasefire expired at midnight.")["midnight"][0] == "2025-10-15T00:00"


def test_a_year_that_dates_a_named_event(nlp) -> None:
    found = resolved(nlp, "Fans recalled the 2014 Winter Olympics and the 2019 election.")
    assert found["2014"][0] == "2014" and found["2019"][0] == "2019"
    assert "Winter" not in found  # a season word heading a name is no season
    assert [f.rule.name for f in grammar.find("Then the 2000 workers went home.")] == []  # a count


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The merger should close by year-end.", "year-end", "2025"),
        ("The fund must be wound up by year's end.", "year's end", "2025"),
        # a past clause looks back to the last year-end before publication
        ("The index has lost 4% since year-end.", "year-end", "2024"),
    ],
)
def test_the_end_of_the_year_written_as_one_word(nlp, text, expression, value) -> None:
    assert resolved(nlp, text)[expression][0] == value
