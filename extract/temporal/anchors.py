"""When a quoted speaker spoke, as the attribution says.

The attribution of a quotation is the text around it up to the sentence boundary:
after the closing mark (“…,” Trump posted Thursday.) or before the opening mark when
it introduces the quote (Trump wrote on Thursday: “…). A day-level date found there
(already resolved against the publication date) is the utterance date, the anchor
for relative times inside the quotation. Which quotations continue an earlier
utterance ("…,” he added) is decided in ``extract.quotes``, where speakers are known.
A quotation with neither takes the day of an event it speaks of as today's ("today's
telephone conversation" after "a phone call on Thursday"): it was said that day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Doc

from extract.doc_text import text_of
from extract.quote_spans import QuoteSpan, sentence_end, sentence_start


def attribution_windows(text: str, quote: QuoteSpan) -> list[tuple[int, int]]:
    """Character ranges of the attribution clauses around a quotation: after it, then before it."""
    openings = (text.find(quote.opening, quote.end), text.find('"', quote.end))
    next_quote = min((p for p in openings if p >= 0), default=len(text))
    windows = [(quote.end, min(sentence_end(text, quote.end), next_quote))]
    before = text[: quote.start].rstrip()
    if before.endswith((":", ",")):
        start = max(sentence_start(text, quote.start), before.rfind(quote.closing) + 1)
        windows.append((start, quote.start))
    return windows


def own_utterance_date(text: str, quote: QuoteSpan, dated_spans: Sequence[tuple[int, int, date]]) -> date | None:
    """The day-level date written in the quotation's attribution, if any."""
    for window_start, window_end in attribution_windows(text, quote):
        for start, end, day in dated_spans:
            if window_start <= start and end <= window_end:
                return day
    return None


EVENT_FAMILIES = {
    "call": {"call", "conversation", "phone", "telephone", "phonecall"},
    "meeting": {"meeting", "talks", "talk", "summit", "session", "negotiation", "negotiations"},
    "speech": {"speech", "address", "remarks", "statement", "briefing", "interview", "press", "conference"},
    "vote": {"vote", "ballot", "election", "referendum"},
    "hearing": {"hearing", "trial", "testimony"},
}
SPOKEN_DEICTIC = re.compile(
    r"(?i)\b(?P<day>today|yesterday|tonight|this\s+morning|this\s+afternoon)['’]s\s+(?P<words>(?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)"
)


def referred_event_date(doc: Doc, quote: QuoteSpan, dated_spans: Sequence[tuple[int, int, date]]) -> date | None:
    """When a quotation speaks of "today's conversation", it was spoken on the day the article
    dates that conversation ("a phone call on Thursday"): the day of the last such event,
    in a sentence before the quotation, of the same kind (call, meeting, speech, vote, hearing).
    """
    found = SPOKEN_DEICTIC.search(text_of(doc), quote.start, quote.end)
    if found is None:
        return None
    family = _family({w.lower() for w in found["words"].split()})
    if family is None:
        return None
    offset = 1 if found["day"].lower() == "yesterday" else 0
    best: date | None = None
    for sent in doc.sents:
        if sent.start_char >= quote.start:
            break
        if _family({t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}) != family:
            continue
        days = [day for start, end, day in dated_spans if sent.start_char <= start and end <= sent.end_char]
        if days:
            best = days[-1]
    return best + timedelta(days=offset) if best else None


def _family(words: set[str]) -> str | None:
    return next((name for name, members in EVENT_FAMILIES.items() if words & members), None)
