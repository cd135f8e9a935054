"""Which GPE mentions of an event clause are places and which take part.

Countries act ("Egypt will host talks", "talks between Israel and Egypt"); cities and
capitals are where things happen ("a visit to Washington", "talks in Vilnius"). The
country list is the one the warehouse already curates: the ``country`` columns of the
dbt seeds ``demonyms.csv`` and ``capitals.csv``, so a country added there is known here.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pycountry
from spacy.tokens import Span

from extract.config import PROJECT_ROOT
from extract.speakers import LEADER_TITLES

SEEDS = PROJECT_ROOT / "dbt" / "seeds"
# Prepositions whose object is a location: "in Vienna", "a trip to Beijing", "flew from Kyiv".
SPATIAL_PREPOSITIONS = {"in", "at", "to", "from", "into", "near", "outside", "inside", "toward", "towards", "across"}
# The prepositions that give the event's own place (not where someone came from).
PLACE_PREPOSITIONS = {"in", "at", "to", "into"}


@lru_cache(maxsize=1)
def known_countries(seeds: Path = SEEDS) -> frozenset[str]:
    """Country names (lower case) from the curated seeds, with their common short forms."""
    names: set[str] = set()
    for file_name in ("demonyms.csv", "capitals.csv"):
        with (seeds / file_name).open(newline="", encoding="utf-8") as handle:
            names.update(row["country"].strip().lower() for row in csv.DictReader(handle))
    return frozenset(names)


def is_country(ent: Span) -> bool:
    text = ent.text.removeprefix("the ").removeprefix("The ").strip()
    if text.lower() in known_countries() or text.replace(".", "").upper() in {"US", "UK", "USA"}:
        return True
    try:
        pycountry.countries.lookup(text)
    except LookupError:
        return False
    return len(text) > 3  # "IN", "AT": two- and three-letter codes are words before they are countries


def spatial_preposition(ent: Span) -> str | None:
    """The spatial preposition the mention hangs from ("to" in "a trip to Paris"), if any.

    Walks up through appositions, compounds, coordination and "the town of X", so that
    "in the Indonesian town of Labuan Bajo" and "in an agreed location, Budapest" count."""
    token = ent.root
    for _ in range(4):
        if token.dep_ == "pobj" and token.head.lower_ in SPATIAL_PREPOSITIONS:
            return token.head.lower_
        if token.dep_ == "pobj" and token.head.lower_ == "of":
            token = token.head.head
        elif token.dep_ in {"appos", "compound", "conj"} and token.head is not token:
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
    if any(p.start <= head.i < p.end for p in people):
        return True
    if head.lower_ not in LEADER_TITLES | {"minister", "prime", "secretary"}:
        return False
    around = {t.i for t in head.subtree} | {head.head.i}
    return any(p.start in around or p.root.i in around for p in people)
