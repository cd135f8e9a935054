"""When a quoted speaker spoke: the anchor for relative times inside a quotation.

The attribution of a quotation is the text around it up to the sentence boundary:
after the closing mark (“…,” Trump posted Thursday.) or before the opening mark when
it introduces the quote (Trump wrote on Thursday: “…). A day-level date found there
(already resolved against the publication date) is the utterance date. A quotation
with no date of its own continues the one before it when the two are consecutive
(same or next paragraph): "…,” he added; "…,” the president said in the same post.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from extract.quote_spans import QuoteSpan

SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


def attribution_windows(text: str, quote: QuoteSpan) -> list[tuple[int, int]]:
    """Character ranges of the attribution clauses around a quotation."""
    windows = []
    after_end = SENTENCE_END.search(text, quote.end)
    next_quote = min((p for p in (text.find("“", quote.end), text.find('"', quote.end)) if p >= 0), default=len(text))
    windows.append((quote.end, min(after_end.end() if after_end else len(text), next_quote)))
    before = text[: quote.start].rstrip()
    if before.endswith((":", ",")):
        boundary = max(before.rfind(". "), before.rfind("\n"), before.rfind("”"))
        windows.append((boundary + 1, quote.start))
    return windows


def utterance_dates(
    text: str, quotes: Sequence[QuoteSpan], dated_spans: Sequence[tuple[int, int, date]]
) -> dict[QuoteSpan, date]:
    """Utterance date of each quotation that has one, own or continued from the quote before."""
    found: dict[QuoteSpan, date] = {}
    previous: QuoteSpan | None = None
    for quote in quotes:
        own = [
            day
            for start, end, day in dated_spans
            for window_start, window_end in attribution_windows(text, quote)
            if window_start <= start and end <= window_end
        ]
        if own:
            found[quote] = own[0]
        elif previous is not None and previous in found and quote.first_paragraph - previous.last_paragraph <= 1:
            found[quote] = found[previous]
        previous = quote
    return found
