"""Which way an underspecified date points: the tense of the clause that governs it.

"met on Thursday" means the last Thursday, "will meet Friday" the coming one. We
climb the dependency tree from the expression to its governing verb and read the
verb's tense and auxiliaries from spaCy's morphology.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Span, Token

Direction = Literal["past", "future", "unknown"]

FUTURE_AUXILIARIES = {"will", "shall", "'ll", "wo", "would", "'d"}
SCHEDULING_WORDS = {"expect", "due", "schedule", "set", "slate", "plan", "poise", "intend", "upcoming", "next"}
MAX_CLIMB = 8


def governing_verb(token: Token) -> Token | None:
    """The nearest verb or auxiliary above the token (or the token itself)."""
    current = token
    for _ in range(MAX_CLIMB):
        if current.pos_ in {"VERB", "AUX"}:
            # an infinitive ("agreed to meet Friday") takes its tense from the verb above it
            if current.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children):
                if current.head is current:
                    return current
                current = current.head
                continue
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def clause_direction(span: Span) -> Direction:
    """Past, future or unknown, from the verb governing the span's root."""
    verb = governing_verb(span.root)
    if verb is None:
        return "unknown"
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxiliaries} | {verb.lower_}
    if words & FUTURE_AUXILIARIES:
        return "future"
    if verb.lemma_.lower() in SCHEDULING_WORDS:
        return "future"
    if any(a.lower_ in {"going"} for a in verb.children) or verb.lower_ == "going":
        return "future"
    tenses = set(verb.morph.get("Tense")) | {t for a in auxiliaries for t in a.morph.get("Tense")}
    finite_past = verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries)
    perfect = any(a.lemma_ == "have" for a in auxiliaries)
    if finite_past or perfect:
        return "past"
    if verb.tag_ in {"VBZ", "VBP", "VBG"} or "Pres" in tenses:
        return "future"
    if "Past" in tenses:
        return "past"
    return "unknown"
