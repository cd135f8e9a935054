"""The event taxonomy: which words name which kind of event.

The taxonomy is the dbt seed ``dbt/seeds/event_kinds.csv`` (one documented list for the
tagger and the warehouse): each kind has a family (the unit of deduplication), the nouns
and noun phrases that name it ("press conference", "rate decision") and the verbs that
report it, alone ("meet") or with a particle or object ("walk off", "cut rate").

The longest phrase wins: "shareholder meeting" is a shareholder meeting, not a meeting.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from extract.config import PROJECT_ROOT

DEFAULT_TAXONOMY = PROJECT_ROOT / "dbt" / "seeds" / "event_kinds.csv"

# Verbs that name an event only without an object or particle: "workers strike", not
# "struck a deal" or "struck down the law".
INTRANSITIVE_ONLY = {"strike"}
# Verbs of winning that report a match only beside a scoreline: "beat Kovac 6-3, 7-5", not "beat
# the odds" or "defeated the bill".
SCORED_ONLY = {"beat", "defeat", "dispatch", "overcome", "edge", "outlast", "rout", "thrash", "eliminate"}
SCORE = re.compile(r"\d{1,3}[-–]\d{1,3}")
DASHES = {"-", "–"}
# Objects that make "meet" a matter of reaching, not of meeting: "meet the deadline".
ABSTRACT_OBJECTS = {
    "deadline", "target", "demand", "expectation", "requirement", "goal", "criterion", "standard",
    "need", "condition", "obligation", "threshold", "forecast", "estimate", "commitment", "payment",
}
# Nouns that are events only when nothing marks another sense: an air strike, a clinical trial,
# a video game, a hearing aid, calls for restraint, the mission of an organisation.
OTHER_SENSE_MODIFIERS = {
    "strike": {"air", "drone", "missile", "military", "artillery", "nuclear", "pre-emptive", "preemptive", "israeli", "russian"},
    "trial": {"clinical", "drug", "vaccine", "field"},
    "game": {"video", "computer", "mobile", "board", "blame", "waiting"},
    "hearing": {"hearing"},
    "tour": {"guided"},
    "mission": {"diplomatic", "permanent"},
}
# Verbs that make a game a product: "every Activision game released over the next 15 years".
PRODUCT_VERBS = {"release", "develop", "publish", "sell", "license"}
PUNCTUATION = re.compile(r"[-‐‑–'’]+")


@dataclass(frozen=True)
class EventKind:
    kind: str
    family: str
    description: str


@dataclass(frozen=True)
class TriggerMatch:
    """A trigger found in the text: its kind and the characters of the whole phrase."""

    kind: str
    start_char: int
    end_char: int


class Taxonomy:
    """Trigger lookup built once from the seed."""

    def __init__(self, kinds: list[EventKind], nouns: dict[tuple[str, ...], str], verbs: dict[tuple[str, ...], str]):
        self.kinds = {k.kind: k for k in kinds}
        self._nouns = nouns
        self._verbs = verbs
        self._longest_noun = max((len(p) for p in nouns), default=1)

    def family(self, kind: str) -> str:
        return self.kinds[kind].family if kind in self.kinds else kind

    def match(self, token: Token) -> TriggerMatch | None:
        """The event this token names, as head of a noun phrase or as a verb."""
        if token.pos_ in {"NOUN", "PROPN"} or _noun_in_a_noun_slot(token):
            return self._noun_match(token)
        if token.pos_ == "VERB":
            return self._verb_match(token)
        return None

    def kind_of_word(self, token: Token) -> str | None:
        """The kind a single event noun names, even inside a proper name ("the G20 Summit")."""
        return self._nouns.get((token.lower_,)) or self._nouns.get((token.lemma_.lower(),))

    def _noun_match(self, token: Token) -> TriggerMatch | None:
        words, starts = _words_ending_at(token, self._longest_noun)
        for size in range(min(len(words), self._longest_noun), 0, -1):
            phrase = tuple(words[-size:])
            kind = self._nouns.get(phrase) or self._nouns.get((*phrase[:-1], token.lemma_.lower()))
            if kind is None:
                continue
            if size == 1 and _other_sense(token):
                return None
            if token.lower_ == "talk" or (size == 1 and token.pos_ == "PROPN" and token.ent_type_ not in {"", "EVENT"}):
                return None  # "a talk" is a lecture; "Mission" in an organisation's name is no event
            return TriggerMatch(kind, starts[-size], token.idx + len(token.text))
        return None

    def _verb_match(self, token: Token) -> TriggerMatch | None:
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in {"prt", "dobj", "prep"}:
                kind = self._verbs.get((lemma, child.lemma_.lower()))
                if kind is not None:
                    return TriggerMatch(kind, token.idx, token.idx + len(token.text))
        kind = self._verbs.get((lemma,))
        if kind is None:
            return None
        if lemma in INTRANSITIVE_ONLY and any(c.dep_ in {"dobj", "prt"} for c in token.children):
            return None
        if lemma in SCORED_ONLY and not _has_score(token):
            return None
        if any(c.dep_ == "dobj" and c.lemma_.lower() in ABSTRACT_OBJECTS for c in token.children):
            return None
        return TriggerMatch(kind, token.idx, token.idx + len(token.text))


def acts_as_verb(token: Token) -> bool:
    """The trigger is read as a verb (its own clause), not as a noun its verb governs."""
    return token.pos_ == "VERB" and not _noun_in_a_noun_slot(token)


def _noun_in_a_noun_slot(token: Token) -> bool:
    """A word the tagger took for an adjective or a verb where only a noun fits ("in its first
    interest rate cut", "the final"): the object of a preposition or verb, or a subject. A gerund
    there is a verb ("after meeting him")."""
    slot = token.dep_ in {"nsubj", "nsubjpass", "pobj", "dobj"}
    return slot and (token.pos_ == "ADJ" or (token.pos_ == "VERB" and token.tag_ != "VBG"))


def _words_ending_at(token: Token, size: int) -> tuple[list[str], list[int]]:
    """Up to ``size`` normalised words ending at the token: hyphens and apostrophes dropped,
    hyphenated words split ("interest-rate decision" ends in "rate decision")."""
    words: list[str] = []
    starts: list[int] = []
    for t in token.doc[max(0, token.i - 2 * size) : token.i + 1]:
        if PUNCTUATION.fullmatch(t.text) or t.lower_ in {"'s", "’s"}:
            continue
        words.append(t.lower_)
        starts.append(t.idx)
    return words[-size:], starts[-size:]


def _has_score(verb: Token) -> bool:
    """A scoreline ("6-2", "3–1") hangs from the verb: the sentence reports a result. The
    tokenizer may keep "6-2" whole or split it into number, dash, number."""
    doc = verb.doc
    for token in verb.subtree:
        if SCORE.fullmatch(token.text):
            return True
        if token.like_num and token.i + 2 < len(doc) and doc[token.i + 1].text in DASHES and doc[token.i + 2].like_num:
            return True
    return False


def _other_sense(token: Token) -> bool:
    blocked = OTHER_SENSE_MODIFIERS.get(token.lemma_.lower(), set())
    if any(c.dep_ in {"compound", "amod", "nmod"} and c.lower_ in blocked for c in token.children):
        return True
    lemma = token.lemma_.lower()
    product = any(c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in PRODUCT_VERBS for c in token.children)
    if lemma == "game" and product:
        return True  # a game that is released is a product, not a match
    if lemma == "mission" and any(c.dep_ == "poss" and c.ent_type_ == "PERSON" for c in token.children) and any(
        c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in token.children
    ):
        return True  # "Gandhi's mission to serve the poor": a calling
    # calls for a ceasefire, a call to arms
    return lemma == "call" and any(c.dep_ == "prep" and c.lower_ in {"for", "to"} for c in token.children)


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(PUNCTUATION.sub(" ", text.lower()).split())


@lru_cache(maxsize=4)
def load_taxonomy(path: Path = DEFAULT_TAXONOMY) -> Taxonomy:
    """Read the seed; a phrase listed under two kinds is a mistake in the seed, said at once."""
    kinds: list[EventKind] = []
    nouns: dict[tuple[str, ...], str] = {}
    verbs: dict[tuple[str, ...], str] = {}
    with Path(path).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            kind = row["event_kind"]
            kinds.append(EventKind(kind, row["event_family"], row["description"]))
            for table, column in ((nouns, "trigger_nouns"), (verbs, "trigger_verbs")):
                for text in filter(None, (row[column] or "").split("|")):
                    phrase = _phrase(text)
                    if table.get(phrase, kind) != kind:
                        raise ValueError(f"{path}: '{text}' is listed under both {table[phrase]} and {kind}")
                    table[phrase] = kind
    return Taxonomy(kinds, nouns, verbs)
