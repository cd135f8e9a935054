"""Resolving every temporal expression of one parsed article.

Order matters: expressions outside quotations are resolved first, against the
publication date, in text order (so "a day before" can use the last date mentioned);
their day-level dates then date the quotations' attributions, and only then are the
expressions inside quotations resolved, against their utterance dates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from extract.doc_text import text_of
from extract.quote_spans import containing
from extract.quotes import Quote, extract_quotes
from extract.speakers import SpeakerResolver
from extract.temporal import grammar
from extract.temporal.context import Context, Resolution
from extract.temporal.tense import clause_direction
from extract.temporal.values import Calendar

SPACY_TEMPORAL_LABELS = {"DATE": "DATE", "TIME": "TIME"}
AGE = re.compile(r"(?i)\b(?:years?|months?|weeks?|days?)[\s-]old\b")
"""spaCy labels ages DATE ("52 years old"); an age is not a time."""


@dataclass(frozen=True)
class TemporalExpression:
    """One row of raw.temporal_expressions."""

    start_char: int
    end_char: int
    text: str
    sentence_index: int
    timex_type: str
    value: str | None
    start_date: date | None
    end_date: date | None
    granularity: str | None
    anchor_kind: str | None  # publication, utterance, expression, or None for absolute dates
    anchor_date: date | None
    direction: str
    resolution_rule: str
    in_quote: bool
    unresolved_reason: str | None


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    found: grammar.Found | None  # None: a spaCy entity no rule covers
    label: str


def candidates(doc: Doc) -> list[_Candidate]:
    """Grammar matches, plus spaCy DATE/TIME entities that no grammar match overlaps.

    spaCy's label is evidence the words are temporal, so on such an entity the grammar runs
    again without its acceptance tests, and a rule that reads the whole entity ("1996",
    "a month") resolves it; an entity with no
    temporal word at all ("Slepian, 52,") is an age or a number, not a time, and is dropped.
    An entity the grammar cannot read is kept with ``found`` None (unresolved, with its reason).
    """
    found = [_Candidate(f.start, f.end, f, "") for f in grammar.find(text_of(doc))]
    for ent in doc.ents:
        if ent.label_ not in SPACY_TEMPORAL_LABELS or not grammar.TEMPORAL_WORD.search(ent.text) or AGE.search(ent.text):
            continue
        if any(ent.start_char < c.end and c.start < ent.end_char for c in found):
            continue
        whole = [f for f in grammar.find(ent.text, relaxed=True) if f.start == 0 and f.end == len(ent.text)]
        if whole:
            found.append(_Candidate(ent.start_char, ent.end_char, _shifted(whole[0], ent.start_char), ""))
        else:
            found.append(_Candidate(ent.start_char, ent.end_char, None, ent.label_))
    return sorted(found, key=lambda c: c.start)


def _shifted(found: grammar.Found, offset: int) -> grammar.Found:
    return grammar.Found(found.start + offset, found.end + offset, found.rule, found.match)


def resolve_document(doc: Doc, published: date) -> list[TemporalExpression]:
    """Every temporal expression of the document, resolved or with the reason it is not."""
    return resolve_document_and_quotes(doc, published)[0]


def resolve_document_and_quotes(
    doc: Doc, published: date, speakers: SpeakerResolver | None = None
) -> tuple[list[TemporalExpression], list[Quote]]:
    """Temporal expressions and quotations of one document, resolved together.

    Expressions outside quotations come first, against the publication date; their
    day-level dates date the quotations' attributions (``extract.quotes``); the
    expressions inside quotations are then resolved against those utterance dates.
    """
    speakers = speakers or SpeakerResolver.for_doc(doc)
    quote_spans = speakers.quote_spans
    sentence_of = [sent.start_char for sent in doc.sents]  # sentence starts, for bisect
    items = [(c, containing(quote_spans, c.start, c.end)) for c in candidates(doc)]
    results: dict[int, TemporalExpression] = {}
    discourse = Discourse()
    for candidate, quote in items:
        if quote is None:
            expression = _resolve(doc, candidate, published, "publication", discourse, False, sentence_of)
            results[candidate.start] = expression
            discourse = discourse.after(expression)

    dated = dated_days(results.values())
    quotes, spoken = extract_quotes(doc, speakers, dated)
    within_quote: dict[object, Discourse] = {}  # each quotation dates its own words, in order
    for candidate, quote in items:
        if quote is not None:
            anchor, kind = (spoken[quote], "utterance") if quote in spoken else (published, "publication")
            said = within_quote.get(quote, Discourse(anchor))
            expression = _resolve(doc, candidate, anchor, kind, said, True, sentence_of)
            results[candidate.start] = expression
            within_quote[quote] = said.after(expression)
    return [results[start] for start in sorted(results)], quotes


def dated_days(expressions: Iterable[TemporalExpression]) -> list[tuple[int, int, date]]:
    """(start, end, day) of expressions that name one day on their own (not via another expression)."""
    return [
        (e.start_char, e.end_char, e.start_date)
        for e in expressions
        if e.granularity == "day" and e.start_date is not None and e.start_date == e.end_date
        and e.anchor_kind != "expression"
    ]


@dataclass(frozen=True)
class Discourse:
    """What the article has dated so far: the last single day, and the last period of any size.

    Relative expressions that TimeML anchors on the discourse ("a day before", "that year",
    "a year earlier", a clock time) read these (``Context.reference``, ``Context.last``).
    """

    day: date | None = None
    last: Calendar | None = None

    def after(self, expression: TemporalExpression) -> Discourse:
        """The discourse once the expression is read. Vague references and durations change nothing,
        and neither does a date read off the discourse itself ("a year earlier"): the article's
        period of focus stays the one it named."""
        if expression.start_date is None or expression.timex_type == "DURATION" or expression.granularity is None:
            return self
        if expression.anchor_kind == "expression":
            return self
        calendar = Calendar(expression.value or "", expression.start_date, expression.end_date, expression.granularity)
        is_day = expression.granularity == "day" and expression.start_date == expression.end_date
        return Discourse(expression.start_date if is_day else self.day, calendar)


def _resolve(
    doc: Doc,
    candidate: _Candidate,
    anchor: date,
    anchor_kind: str,
    discourse: Discourse,
    in_quote: bool,
    sentence_of: list[int],
) -> TemporalExpression:
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    direction = clause_direction(span) if span is not None else "unknown"
    sentence_index = bisect_right(sentence_of, candidate.start) - 1
    text = text_of(doc)[candidate.start : candidate.end]
    if candidate.found is None:
        return TemporalExpression(
            candidate.start, candidate.end, text, sentence_index, candidate.label, None, None, None, None,
            None, None, direction, "spacy_ner", in_quote,
            f"no normalisation rule for {text!r} (found by spaCy NER as {candidate.label})",
        )
    try:
        context = Context(anchor, direction, discourse.day, discourse.last)
        resolution = candidate.found.rule.resolve(candidate.found.match, context)
    except (ValueError, KeyError, IndexError, OverflowError) as err:  # one odd expression must not stop the batch
        resolution = Resolution("DATE", None, None, candidate.found.rule.name, "none", f"resolver error: {err}")
    if resolution is None:
        resolution = Resolution("DATE", None, None, candidate.found.rule.name, "none", f"{text!r} is not a valid date")
    kind, anchor_date = {
        "anchor": (anchor_kind, anchor),
        "reference": ("expression", discourse.day or (discourse.last.start if discourse.last else anchor)),
        "none": (None, None),
    }[resolution.anchored_on]
    calendar = resolution.calendar
    return TemporalExpression(
        start_char=candidate.start,
        end_char=candidate.end,
        text=text,
        sentence_index=sentence_index,
        timex_type=resolution.type,
        value=resolution.value,
        start_date=calendar.start if calendar else None,
        end_date=calendar.end if calendar else None,
        granularity=calendar.granularity if calendar else None,
        anchor_kind=kind,
        anchor_date=anchor_date,
        direction=direction,
        resolution_rule=resolution.rule,
        in_quote=in_quote,
        unresolved_reason=resolution.reason if calendar is None else None,
    )


