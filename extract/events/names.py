"""Named events: "the G20 Summit", "the ASEAN Summit", "the Wimbledon final".

spaCy's small model often tags a named event as one organisation ("G20 Summit"), which
would make the summit a participant of itself. A name whose last word is an event noun
of the families below is split: the words before it name the organiser or venue, kept
as an entity with the original label; the event noun becomes an ordinary trigger.
Organisations that are named like events ("the Munich Security Conference", "a UN
mission") keep their name: conferences, forums and missions are left whole.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extract.events.taxonomy import Taxonomy

SPLIT_FAMILIES = {"meeting", "vote", "sport", "debate"}
LEADING_WORDS = {"the", "a", "an"}


def split_event_names(doc: Doc, taxonomy: Taxonomy) -> None:
    """Replace each 'organiser + event noun' entity by the organiser alone."""
    entities: list[Span] = []
    for ent in doc.ents:
        last = ent[-1]
        kind = taxonomy.kind_of_word(last) if len(ent) > 1 and ent.label_ in {"ORG", "EVENT", "FAC", "GPE"} else None
        if kind is None or taxonomy.family(kind) not in SPLIT_FAMILIES:
            entities.append(ent)
            continue
        start = ent.start
        while start < ent.end - 1 and (doc[start].lower_ in LEADING_WORDS or doc[start].text[0].isdigit()):
            start += 1  # "the 18th G20 Summit": the organiser is "G20"
        if start < ent.end - 1 and doc[ent.end - 2].pos_ in {"PROPN", "NOUN"}:
            label = "ORG" if ent.label_ == "EVENT" else ent.label_
            entities.append(Span(doc, start, ent.end - 1, label=label))
    doc.ents = sorted(entities, key=lambda e: e.start)
