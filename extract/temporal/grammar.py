"""The rule grammar: patterns that find temporal expressions and the normaliser of each.

Each ``Rule`` is a named regular expression plus a normaliser (in ``calendar_dates``,
``periods``, ``durations`` or ``references``) that turns a match and a ``Context`` into a
``Resolution``. ``find`` runs every rule over the text and keeps the longest
non-overlapping matches, so "Friday morning" wins over "Friday" and "earlier this week"
over "this week". Spans follow TimeML: determiners and modifiers are inside ("the next two
weeks"), governing prepositions outside ("on Thursday" → "Thursday").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extract.temporal.calendar_dates import (
    accept_bare_month, accept_part_of_day, accept_season, accept_weekday, bare_month, clock_time, deictic_day,
    day_range, edge_of_named_period, edge_of_unit, iso_date, month_of_relative_year,
    month_day, month_with_year, nth_weekday, offset_from_anchor, part_of_relative_unit, relative_month,
    part_of_day, range_day, relative_season, relative_unit, relative_weekday, season_with_year, the_weekend, this_part_of_day,
    unit_end, weekday,
)
from extract.temporal.context import Context, Resolution
from extract.temporal.durations import (
    accept_duration, anchored_duration, duration, frequency, lasting_adjective, ordinal_period, present_reference,
    reporting_period, vague_reference,
)
from extract.temporal.patterns import (
    DAY_NUMBER, MONTH, NUMBER, ORDINAL, PART, SEASON, UNIT, WEEKDAY, YEAR,
)
from extract.temporal.periods import (
    HOLIDAY_NAMES, accept_spelled_year, accept_year, century_number, decade_number, fiscal_year, holiday,
    quarter_number, spelled_year, year_number,
)
from extract.temporal.references import (
    accept_offset_from_reference, definite_period, next_day, offset_from_reference, period_of_year, that_period,
    year_ago_period,
)


def _name_pattern(name: str) -> str:
    """A holiday name as written: any spacing, an optional apostrophe (curly or straight) and full stop."""
    return re.escape(name).replace("\\ ", r"\s+").replace("'", "['’]?").replace("\\.", "\\.?")


CLOCK = (
    r"(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?:(?P<ampm>a\.m\.?|p\.m\.?|am|pm)(?![A-Za-z])|\s+in\s+the\s+(?P<part>morning|afternoon|evening|night))"
    r"|(?P<h24>[01]\d|2[0-3]):(?P<min24>[0-5]\d)(?=\s*(?:GMT|UTC|[ECMP][SD]?T)\b)|(?P<named>noon|midnight|midday)"
)
TIME_ZONE = r"(?:\s+(?:GMT|UTC|[ECMP][SD]T|[ECMP]T|BST|CET|CEST|local\s+time)\b)?"
CLOCK_DAY = (
    rf"(?P<weekday>{WEEKDAY})|(?P<deictic>yesterday|today|tomorrow)"
    rf"|(?P<month>{MONTH})\s+(?P<day>{DAY_NUMBER})(?:,?\s+(?P<year>{YEAR}))?"
)
"""A clock time, its time zone, and the day written with it ("9 a.m. EST Tuesday", "noon Thursday")."""

COUNT_QUALIFIER = r"(?:more|additional|extra|further|straight|consecutive|trading|business|working|calendar)"
"""Words between a count and its unit that keep the count: "two more weeks", "eight trading days"."""

HOLIDAY = "|".join(_name_pattern(n) for n in sorted(HOLIDAY_NAMES, key=len, reverse=True))

__all__ = ["Context", "Found", "Resolution", "Rule", "RULES", "TEMPORAL_WORD", "find"]


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

def _rule(name: str, pattern: str, resolve, accept=None) -> Rule:
    compiled = re.compile(rf"(?<![\w-]){pattern}(?![\w])", re.IGNORECASE)
    return Rule(name, compiled, resolve, accept or (lambda match, text: True))

RULES: list[Rule] = [
    _rule("iso_date", r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})", iso_date),
    _rule("month_day_year", rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY_NUMBER})(?:,?\s+(?P<year>{YEAR}))?", month_day),
    _rule("day_month_year", rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<day>{DAY_NUMBER})\s+(?:of\s+)?(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?", month_day),
    _rule("month_year", rf"(?P<month>{MONTH})\s+(?:of\s+)?(?P<year>{YEAR})", month_with_year),
    _rule("month_by_tense", rf"(?:(?:early|late|mid)[- ])?(?P<month>{MONTH})", bare_month, accept_bare_month),
    _rule("relative_month", rf"(?P<which>last|next|this)\s+(?P<month>{MONTH})(?!\.?\s+\d)", relative_month),
    _rule("month_of_relative_year", rf"(?P<month>{MONTH})\s+(?P<which>this|last|next)\s+year", month_of_relative_year),
    _rule("season_year", rf"(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?(?P<year>{YEAR})", season_with_year),
    _rule("relative_season", rf"(?:(?P<which>last|next|this|the|early|late)\s+)?(?P<season>{SEASON})", relative_season, accept_season),
    _rule("weekday_by_tense", rf"(?P<weekday>{WEEKDAY})(?:\s+(?P<part>{PART}))?", weekday, accept_weekday),
    _rule("relative_weekday", rf"(?P<which>last|next|this\s+coming|this|coming|the\s+(?:previous|preceding|following))\s+(?P<weekday>{WEEKDAY})(?:\s+(?P<part>{PART}))?", relative_weekday),
    _rule("deictic_day", rf"(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight)(?:\s+(?P<part>{PART}))?", deictic_day),
    _rule("this_part_of_day", r"this\s+(?P<part>morning|afternoon|evening)", this_part_of_day),
    _rule("relative_unit", r"(?P<which>last|next|this\s+coming|this|current|coming|following|previous)\s+(?P<unit>week(?:end)?|month|quarter|year|decade)", relative_unit),
    _rule("part_of_relative_unit", r"(?P<edge>earlier|later)\s+(?P<which>this|last|next)\s+(?P<unit>week|month|year)", part_of_relative_unit),
    _rule("year", rf"(?P<year>{YEAR})", year_number, accept_year),
    _rule("decade", r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<decade>1[89]\d0|20\d0)['’]?s|['’](?P<short>\d)0s)|the\s+(?:(?:early|mid|late)[\s-]+)?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", decade_number),
    _rule("century", rf"(?:the\s+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL}|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|twenty-first)[\s-]+century|(?P<which>this|the\s+current|the\s+last|the\s+past|the\s+previous|the\s+next|last|next)\s+century", century_number),
    _rule("fiscal_year", rf"(?:the\s+)?fiscal(?:[\s-]+year)?\s+(?P<year>{YEAR})", fiscal_year),
    _rule("spelled_year", r"(?P<lead>the\s+year\s+)?(?P<spelled>(?:nineteen|eighteen)(?:\s+hundred)?(?:[\s-]+(?:and\s+)?(?:oh[\s-]+)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine))|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\s-](?:one|two|three|four|five))?))?)", spelled_year, accept_spelled_year),
    _rule("quarter", rf"(?:the\s+(?=\w+\s+quarter))?(?P<q>first|second|third|fourth|last|Q[1-4])[\s-]+quarter(?:\s+of\s+(?P<year>{YEAR}))?|(?P<q2>Q[1-4])\s+(?P<year2>{YEAR})|(?:(?:the\s+)?(?P<year3>{YEAR})|(?P<rel>this|last|next)\s+year['’]s)\s+(?P<q3>first|second|third|fourth)[\s-]+quarter", quarter_number),
    _rule("offset_from_anchor", rf"(?P<n>{NUMBER}|a\s+few|several|a\s+couple\s+of)\s+(?P<unit>{UNIT})\s+(?P<dir>ago|from\s+now|hence)", offset_from_anchor),
    _rule("offset_from_reference", rf"(?P<n>{NUMBER}|the|a\s+few|several|some|many)\s+(?P<unit>{UNIT})\s+(?P<dir>before|after|earlier|later)", offset_from_reference, accept_offset_from_reference),
    _rule("year_ago_period", r"(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?year[\s-](?:earlier|ago)\s+(?:(?P<ord>first|second|third|fourth)[\s-]+)?(?P<unit>quarter|period|year|month)", year_ago_period),
    _rule("year_ago_adjective", r"year[\s-](?:earlier|ago)(?P<ord>)(?P<unit>)", year_ago_period),
    _rule("period_of_year", rf"the\s+(?P<year>{YEAR})\s+(?P<unit>period|quarter)", period_of_year),
    _rule("reporting_period", rf"the\s+(?:fiscal\s+|financial\s+)?year(?=\s+(?:that\s+)?(?:ended|ending|ends)\s+(?:on\s+)?(?:{MONTH}|\d))", reporting_period),
    _rule("definite_period", r"the\s+(?:(?P<mod>latest|most\s+recent|current|comparable|same|full|entire|whole)\s+)?(?:fiscal\s+)?(?P<unit>quarter|period|year)", definite_period, lambda m, text: m["unit"].lower() == "quarter" or bool(m["mod"]) or "fiscal" in m[0].lower()),
    _rule("that_period", r"(?:(?P<edge>earlier|later)\s+)?(?P<in_the>)(?:that|the\s+same|that\s+same)\s+(?P<unit>day|night|morning|afternoon|evening|week|month|quarter|year)", that_period),
    _rule("part_of_that_period", r"(?P<edge>earlier|later)\s+(?P<in_the>in\s+the)\s+(?P<unit>day|week|month|year)", that_period),
    _rule("next_day", r"the\s+(?P<which>next|following|previous|preceding|prior)\s+(?P<unit>day|morning|afternoon|evening|night)", next_day),
    _rule("anchored_duration", rf"the\s+(?P<which>next|coming|following|past|last|previous|first)\s+(?:(?P<n>{NUMBER}|few|several)\s+)?(?P<unit>{UNIT})", anchored_duration),
    _rule("vague_reference", r"(?P<which>recent|coming|past)\s+(?:days|weeks|months|years|decades)|(?:the\s+)?(?:days|weeks|months|years|decades)\s+(?P<after>ahead|to\s+come|past)", vague_reference),
    _rule("deictic_reference", r"(?:right\s+|for\s+)?now|currently|nowadays|these\s+days|at\s+present|at\s+the\s+moment|(?:until\s+|more\s+|most\s+|only\s+)?recently|lately|the\s+past(?=\s*[^\w\s]|\s*$)|anytime\s+soon|the\s+(?:near\s+|distant\s+)?future|the\s+(?:near|short|long|longer)\s+term", present_reference),
    _rule("ordinal_period", rf"(?:its|his|her|their|our|my|your)\s+(?P<ord>{ORDINAL})\s+(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)(?!-long)", ordinal_period),
    _rule("lasting_adjective", rf"(?P<unit>{UNIT})-long", lasting_adjective),
    _rule("duration", rf"(?:(?:the\s+(?=[^\s-]+\s+\w))?(?P<n>{NUMBER}|a\s+few|several|a\s+couple\s+of|few|many)(?:\s+{COUNT_QUALIFIER})?[\s-]+)?(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?|(?P<halfof>half)\s+an?\s+(?P<unit2>hour|day|week|month|year)", duration, accept_duration),
    _rule("frequency", rf"(?P<adverb>daily|weekly|monthly|annually|yearly|hourly|nightly)|(?:every|each)\s+(?:(?P<weekday>{WEEKDAY})|(?P<unit>{UNIT}))", frequency),
    _rule("clock_time", rf"(?:{CLOCK}){TIME_ZONE}(?:,?\s+(?:on\s+)?(?:{CLOCK_DAY}))?", clock_time),
    _rule("day_then_clock", rf"(?:{CLOCK_DAY}),?\s+(?:at\s+)?(?:{CLOCK}){TIME_ZONE}", clock_time),
    _rule("part_of_day", r"(?P<last>last\s+)?(?P<part>night)|(?:(?:mid|early|late)[\s-]?)(?P<part2>morning|afternoon|evening)|(?P<part3>midday|mid-day|overnight)", part_of_day, accept_part_of_day),
    _rule("the_weekend", r"the\s+(?:(?:past|final|last)\s+)?weekend", the_weekend),
    _rule("edge_of_unit", r"(?:the\s+)?(?P<edge>end|start|beginning|middle)\s+of\s+(?:the|this|(?P<which>last|next))\s+(?P<unit>day|week|month|year)", edge_of_unit),
    _rule("day_range", rf"(?P<month>{MONTH})\s+(?P<first>{DAY_NUMBER})\s*(?P<sep>-|–|to|and|through)\s*(?P<last>{DAY_NUMBER})(?:,?\s+(?P<year>{YEAR}))?|(?P<first2>{DAY_NUMBER})\s*(?P<sep2>-|–|to|and)\s*(?P<last2>{DAY_NUMBER})\s+(?P<month2>{MONTH})(?:,?\s+(?P<year2>{YEAR}))?", day_range),
    _rule("unit_end", r"(?:(?:the|around)\s+)?(?P<unit>year|month|quarter)(?:[-\s]end|['’]s\s+end)(?![-\s]\w)", unit_end),
    _rule("edge_of_named_period", rf"(?:the\s+)?(?P<edge>end|start|beginning|middle|(?:first|second|last|latter)\s+half)\s+of\s+(?:(?P<month>{MONTH})(?:,?\s+(?P<myear>{YEAR}))?|(?P<year>{YEAR}))", edge_of_named_period),
    _rule("nth_weekday_of_month", rf"(?:the\s+)?(?P<nth>first|second|third|fourth|last)\s+(?P<weekday>{WEEKDAY})\s+(?:of|in)\s+(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?", nth_weekday),
    _rule("holiday", rf"(?:(?P<which>last|next|this)\s+)?(?P<name>{HOLIDAY})(?:,?\s+(?P<year>{YEAR}))?", holiday),
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
    days = [day for found in taken for day in _range_ends(found)]
    return [_with_modifier(f, text) for f in sorted(days, key=lambda f: f.start)]


RANGE_FIRST_DAY = Rule("day_range_first", re.compile(""), lambda m, ctx: range_day(m, ctx, "first"))
RANGE_LAST_DAY = Rule("day_range_last", re.compile(""), lambda m, ctx: range_day(m, ctx, "last"))
"""The two ends of a ``day_range`` match, each resolved from the whole match (month and year are written once)."""


def _range_ends(found: Found) -> list[Found]:
    """A day range joined by a word ("July 11 and 12", "15 to 17 March") as TimeML marks it: one DATE
    per day written, for TimeML annotates tokens and the two days are tokens apart. Joined by a dash
    ("July 11-12") the range is one token and stays one expression, a DURATION with its interval.

    The range is found whole, so that its second number is known to be a day; then each end
    keeps its own words: "July 11" and "12", "15" and "17 March".
    """
    if found.rule.name != "day_range":
        return [found]
    m = found.match
    if (m["sep"] or m["sep2"]) in {"-", "–"}:
        return [found]
    first, last = ("first", "last") if m["month"] else ("first2", "last2")
    return [
        Found(found.start, m.end(first), RANGE_FIRST_DAY, m),
        Found(m.start(last), found.end, RANGE_LAST_DAY, m),
    ]


POINT_MODIFIER = re.compile(r"(?i)(?<![\w-])(?:early|late|mid|earlier|later|sometime)(?:\s+(?:in|on))?[\s-]+$")
QUANTITY_MODIFIER = re.compile(
    r"(?i)(?<![\w-])(?:nearly|almost|around|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|"
    r"no\s+more\s+than|no\s+less\s+than|up\s+to|within)\s+$"
)
"""Quantity modifiers TimeML keeps in the expression (its ``mod``); hedges such as "about", "only" and "just"
stay outside, as the TimeBank annotation has them."""
POINT_RULES = {
    "day_range_first", "weekday_by_tense", "deictic_day", "month_by_tense", "month_year", "month_day_year", "day_month_year", "year",
    "relative_unit", "relative_month", "relative_season", "season_year", "relative_weekday", "fiscal_year",
}
QUANTITY_RULES = {"duration", "offset_from_anchor", "offset_from_reference", "clock_time"}


def _with_modifier(found: Found, text: str) -> Found:
    """TimeML keeps modifiers inside the expression (they go to its ``mod``, not its value):
    "early next year", "late Wednesday", "Earlier on Friday"; "more than four months",
    "nearly two years ago", "around 7:15 p.m."."""
    modifier = POINT_MODIFIER if found.rule.name in POINT_RULES else (
        QUANTITY_MODIFIER if found.rule.name in QUANTITY_RULES else None
    )
    if modifier is None:
        return found
    before = modifier.search(text[max(0, found.start - 24) : found.start])
    if before is None:
        return found
    return Found(found.start - len(before[0]), found.end, found.rule, found.match)
