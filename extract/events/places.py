"""Which GPE mentions of an event clause are places and which take part.

Countries act ("Egypt will host talks", "talks between Israel and Egypt"); cities and
capitals are where things happen ("a visit to Washington", "talks in Vilnius"). The
country list is the one the warehouse already curates (``extract.gazetteer``).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from extract.gazetteer import is_country_name
from extract.speakers import LEADER_TITLES

# A wire dateline opening the article: "LOS ANGELES, USA –", "KYIV (Reuters) -", "PARIS, Oct 3 —".
DATELINE = re.compile(r"\s*[A-Z][A-Z.'\- ]*[A-Z](?:,[^–—\n]{1,40}?)?\s*(?:\([^)\n]{1,40}\)\s*)?[–—-]{1,2}\s")
# Prepositions whose object is a location: "in Vienna", "a trip to Beijing", "flew from Kyiv".
SPATIAL_PREPOSITIONS = {"in", "at", "to", "from", "into", "near", "outside", "inside", "toward", "towards", "across"}
# The prepositions that give the event's own place (not where someone came from).
PLACE_PREPOSITIONS = {"in", "at", "to", "into"}


def is_country(ent: Span) -> bool:
    return is_country_name(ent.text)


def spatial_preposition(ent: Span) -> str | None:
    """The spatial preposition the mention hangs from ("to" in "a trip to Paris"), if any."""
    preposition = spatial_preposition_token(ent)
    return preposition.lower_ if preposition is not None else None


def spatial_preposition_token(ent: Span) -> Token | None:
    """The spatial preposition token the mention hangs from, if any.

    Walks up through appositions, compounds, coordination and "the town of X", so that
    "in the Indonesian town of Labuan Bajo" and "in an agreed location, Budapest" count."""
    token = ent.root
    for _ in range(4):
        if token.dep_ == "pobj" and token.head.lower_ in SPATIAL_PREPOSITIONS:
            return token.head
        if token.dep_ == "pobj" and token.head.lower_ == "of":
            token = token.head.head
        elif token.dep_ in {"appos", "compound", "conj"} and token.head.i != token.i:
            token = token.head
        else:
            return None
    return None


def describes_a_person(ent: Span, people: list[Span]) -> bool:
    """"Brazil's President Lula", "U.S. President Joe Biden": the country qualifies a named person,
    who is the participant; the country takes part only where the text names no one for it."""
    head = ent.root.head
    if ent.root.dep_ not in {"poss", "compound", "nmod", "amod"} or head.i == ent.root.i:
        return False
    if any(p.start <= head.i < p.end for p in people) or _qualifies_a_name(ent, people):
        return True
    if head.lower_ not in LEADER_TITLES | {"minister", "prime", "secretary"}:
        return False
    around = {t.i for t in head.subtree} | {head.head.i}
    return any(p.start in around or p.root.i in around for p in people)


def _qualifies_a_name(ent: Span, people: list[Span]) -> bool:
    """The mention is the first word of a title chain that ends in a person's name ("U.S. District
    Judge Richard Jones": U.S. → District → Jones)."""
    token = ent.root
    for _ in range(4):
        if token.dep_ not in {"compound", "amod", "nmod", "poss"} or token.head.i == token.i:
            return False
        token = token.head
        if any(p.start <= token.i < p.end for p in people):
            return True
    return False


def dateline_end(text: str) -> int:
    """Where an opening dateline ends (0 when there is none): the city it names is where the
    report was filed, not where an event happens or who takes part in it."""
    found = DATELINE.match(text)
    return found.end() if found else 0
