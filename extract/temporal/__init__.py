"""Temporal expressions: find them, normalise them to TimeML values, resolve them to dates.

How it works, in the order the code runs (``resolver.resolve_document``):

1. **Detection** (``grammar.py``): a rule grammar over the article text finds dates,
   times, durations and sets, including the ones spaCy's NER misses or mis-bounds
   ("Friday morning", "earlier this week", "a day before"). Each rule carries its
   name and its own normaliser. spaCy DATE/TIME entities that no rule covers are
   kept too, as unresolved rows with a reason, so nothing is dropped.
2. **Anchoring** (``anchors.py``): relative expressions resolve against the
   publication date, except inside a direct quotation whose attribution says when
   the words were spoken or written ("…,” Trump posted Thursday): there the
   utterance date is the anchor. A quote with no time of its own continues the
   quote before it when they are consecutive.
3. **Direction** (``tense.py``): a weekday, month or season with no year takes its
   direction from the tense of the clause that governs it (past → the last one,
   future or present → the next one).
4. **Normalisation** (``values.py``): TimeML ``value`` strings (``2025-10-17``,
   ``2025-W43``, ``2025-SU``, ``2025-10-17TMO``, ``P2W``, ``PAST_REF`` …) with a
   calendar interval and a granularity.
"""
