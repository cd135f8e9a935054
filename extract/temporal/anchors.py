"""When a quoted speaker spoke, as the attribution says.

The attribution of a quotation is the text around it up to the sentence boundary:
after the closing mark (“…,” Trump posted Thursday.) or before the opening mark when
it introduces the quote (Trump wrote on Thursday: “…). A day-level date found there
(already resolved against the publication date) is the utterance date, the anchor
for relative times inside the quotation. Which quotations continue an earlier
utterance ("…,” he added) is decided in ``extract.quotes``, where speakers are known.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from extract.quote_spans import QuoteSpan, sentence_end, sentence_start


def attribution_windows(text: str, quote: QuoteSpan) -> list[tuple[int, int]]:
    """Character ranges of the attribution clauses around a quotation: after it, then before it."""
    next_quote = min((p for p in (text.find("“", quote.end), text.find('"', quote.end)) if p >= 0), default=len(text))
    windows = [(quote.end, min(sentence_end(text, quote.end), next_quote))]
    before = text[: quote.start].rstrip()
    if before.endswith((":", ",")):
        start = max(sentence_start(text, quote.start), before.rfind("”") + 1)
        windows.append((start, quote.start))
    return windows


def own_utterance_date(text: str, quote: QuoteSpan, dated_spans: Sequence[tuple[int, int, date]]) -> date | None:
    """The day-level date written in the quotation's attribution, if any."""
    for window_start, window_end in attribution_windows(text, quote):
        for start, end, day in dated_spans:
            if window_start <= start and end <= window_end:
                return day
    return None
