"""Temporal expressions: find them, normalise them to TimeML values, resolve them to dates.

How it works, in the order the code runs (``resolver.resolve_document``):

1. **Detection** (``grammar.py``): a rule grammar over the article text finds dates, times,
   durations and sets, with TimeML spans (modifiers inside, prepositions outside). spaCy
   DATE/TIME entities no rule covers are read by the grammar without its acceptance tests;
   an entity with no temporal word (an age) is dropped, one the grammar cannot read is kept
   as an unresolved row with a reason.
2. **Direction** (``tense.py``): a weekday, month or season with no year takes its direction
   from the clause that governs it (tense, aspect, modality), or the occurrence nearest the
   anchor (``occurrence.py``) when the clause gives none.
3. **Anchoring** (``resolver.py``, ``anchors.py``, ``references.py``): relative expressions
   resolve against the publication date, inside a quotation against the utterance date, and
   discourse-relative ones ("a year earlier", "that day") against the last date or period
   the article named.
4. **Normalisation** (``calendar_dates.py``, ``periods.py``, ``durations.py``, ``values.py``):
   TimeML ``value`` strings (``2025-10-17``, ``2025-W43``, ``2025-SU``, ``2025-10-17TMO``,
   ``P2W``, ``PAST_REF`` …) with a calendar interval and a granularity.
"""
