"""Where direct quotations are in an article's text: the spans between quotation marks.

Handles curly (“…”) and straight ("…") double quotes, and the newspaper convention for
a quotation that runs over several paragraphs: the paragraph ends without a closing
mark and the next one opens with a new mark. Single quotes inside a quotation are
nested quotes (or apostrophes) and do not end it. A quotation whose closing mark is
missing ends at its paragraph's end, so one stray mark cannot swallow the article.

British house style quotes with single marks (‘…’) and nests double ones. An article
that uses no double mark at all but opens single ones is read in that style; there a
’ between letters (Leo’s) or after an "s" before a lower-case word (the players’ union)
is an apostrophe, not a closing mark. In an article with double marks, single ones
stay nested quotes, titles or scare quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "messrs", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "sgt",
    "prof", "rev", "u.s", "u.k", "u.n", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "no", "vs", "inc", "corp", "co", "ltd",
}
SENTENCE_END = re.compile(r"[.!?]['’”\"]?(?=\s|$)|\n")
OPENING = "“"
CLOSING = "”"
STRAIGHT = '"'
SINGLE_OPENING = "‘"
SINGLE_CLOSING = "’"


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: offsets include the marks; ``inner`` offsets exclude them."""

    start: int
    end: int
    first_paragraph: int
    last_paragraph: int
    opening: str = OPENING
    closing: str = CLOSING

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1


def paragraph_starts(text: str) -> list[int]:
    """Offsets where each paragraph (a run of non-blank lines) starts."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\n\s*", text) if m.end() < len(text))
    return sorted(set(starts))


def paragraph_index(starts: list[int], position: int) -> int:
    index = 0
    for i, start in enumerate(starts):
        if start <= position:
            index = i
    return index


def _is_opening_straight(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".,!?;:)]")


def find_quotes(text: str) -> list[QuoteSpan]:
    """All direct quotation spans in the text, in order."""
    if single_quote_style(text):
        return _find_single_quotes(text)
    starts = paragraph_starts(text)
    quotes: list[QuoteSpan] = []
    open_at: int | None = None
    i = 0
    while i < len(text):
        char = text[i]
        if open_at is None:
            if char == OPENING or (char == STRAIGHT and _is_opening_straight(text, i)):
                open_at = i
        elif char == CLOSING or (char == STRAIGHT and not _is_opening_straight(text, i)):
            quotes.append(_span(starts, open_at, i + 1))
            open_at = None
        elif char == "\n":
            rest = text[i:]
            continuation = re.match(r"\n\s*[“\"]", rest)
            if continuation:  # the quotation goes on in the next paragraph
                i += continuation.end()
                continue
            quotes.append(_span(starts, open_at, i))  # unterminated: close at the paragraph end
            open_at = None
        i += 1
    if open_at is not None:
        quotes.append(_span(starts, open_at, len(text)))
    return quotes


def single_quote_style(text: str) -> bool:
    """The article quotes with single marks: it opens some and has no double mark anywhere."""
    return SINGLE_OPENING in text and not any(mark in text for mark in (OPENING, CLOSING, STRAIGHT))


def _is_apostrophe(text: str, i: int) -> bool:
    """A ’ inside a word (Leo’s, don’t) or closing a plural possessive (the players’ union)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    return before == "s" and after == " " and text[i + 2 : i + 3].islower()


def _find_single_quotes(text: str) -> list[QuoteSpan]:
    """Quotation spans of a single-mark article, with the same paragraph rules as double marks."""
    starts = paragraph_starts(text)
    quotes: list[QuoteSpan] = []
    open_at: int | None = None
    i = 0
    while i < len(text):
        char = text[i]
        if open_at is None:
            if char == SINGLE_OPENING:
                open_at = i
        elif char == SINGLE_CLOSING and not _is_apostrophe(text, i):
            quotes.append(_span(starts, open_at, i + 1, SINGLE_OPENING, SINGLE_CLOSING))
            open_at = None
        elif char == "\n":
            continuation = re.match(r"\n\s*‘", text[i:])
            if continuation:
                i += continuation.end()
                continue
            quotes.append(_span(starts, open_at, i, SINGLE_OPENING, SINGLE_CLOSING))
            open_at = None
        i += 1
    if open_at is not None:
        quotes.append(_span(starts, open_at, len(text), SINGLE_OPENING, SINGLE_CLOSING))
    return quotes


def _span(starts: list[int], start: int, end: int, opening: str = OPENING, closing: str = CLOSING) -> QuoteSpan:
    first, last = paragraph_index(starts, start), paragraph_index(starts, max(start, end - 1))
    return QuoteSpan(start, end, first, last, opening, closing)


def containing(quotes: list[QuoteSpan], start: int, end: int) -> QuoteSpan | None:
    """The quotation a span lies inside, if any."""
    for quote in quotes:
        if quote.start <= start and end <= quote.end:
            return quote
    return None


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", text[:dot])
    return bool(word) and word.group(1).lower().rstrip(".") in ABBREVIATIONS


def sentence_end(text: str, position: int) -> int:
    """Offset just past the end of the sentence running at position (abbreviations do not end it)."""
    for match in SENTENCE_END.finditer(text, position):
        if not _is_abbreviation(text, match.start()):
            return match.end()
    return len(text)


def sentence_start(text: str, position: int) -> int:
    """Offset where the sentence holding position starts."""
    start = 0
    for match in SENTENCE_END.finditer(text, 0, position):
        if not _is_abbreviation(text, match.start()):
            start = match.end()
    while start < position and text[start].isspace():
        start += 1
    return start
