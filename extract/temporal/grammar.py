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
    accept_bare_month, accept_season, accept_weekday, bare_month, clock_time, deictic_day, edge_of_unit, iso_date,
    month_day, month_with_year, nth_weekday, offset_from_anchor, part_of_relative_unit, relative_month,
    relative_season, relative_unit, relative_weekday, season_with_year, this_part_of_day, weekday,
)
from extract.temporal.context import Context, Resolution
from extract.temporal.durations import (
    accept_duration, anchored_duration, duration, frequency, ordinal_period, present_reference, vague_reference,
)
from extract.temporal.patterns import (
    DAY_NUMBER, MONTH, NUMBER, ORDINAL, PART, SEASON, UNIT, WEEKDAY, YEAR,
)
from extract.temporal.periods import accept_year, decade_number, holiday, quarter_number, year_number
from extract.temporal.references import offset_from_reference

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
    _rule("this_part_of_day", r"this\s+(?P<part>morning|afternoon|evening)", this_part_of_day),
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
