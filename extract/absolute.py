"""Absolute "with" phrases: "with the chair telling staff …", "with the governor due to speak later".

The phrase has a subject and a predicate of its own, like a small clause, but the parser hangs it
on the main clause. Quotes need its noun as the speaker of the gerund; events need it as the
doer of the predicate, and need the phrase kept out of the main clause's participants.
"""

from __future__ import annotations

from spacy.tokens import Token

# words that join an absolute phrase's noun to its infinitive ("with X due to speak", "set to vote")
PREDICATE_LINKS = {"due", "set", "expected", "scheduled", "slated", "poised", "about", "ready", "likely"}


def absolute_subject(predicate: Token) -> Token | None:
    """The noun an absolute "with" phrase says the predicate of, whichever of two parses spaCy gives:
    the predicate as the noun's modifier ("with [the chair urging]"), or as a sibling of "with" right
    after its object ("with the chair, | urging"; "with the chief | due | to hold")."""
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in predicate.children):
        return None
    noun = predicate.head
    if predicate.dep_ in {"acl", "amod"} and noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.i < predicate.i:
        return noun
    doc = predicate.doc
    for preposition in predicate.head.children:
        if preposition.dep_ != "prep" or preposition.lower_ != "with" or preposition.i > predicate.i:
            continue
        noun = max((c for c in preposition.children if c.dep_ == "pobj"), key=lambda c: c.i, default=None)
        if noun is None or noun.right_edge.i >= predicate.left_edge.i:
            continue
        gap = doc[noun.right_edge.i + 1 : predicate.left_edge.i]
        if all(t.is_punct or t.is_space or t.lower_ in PREDICATE_LINKS for t in gap):
            return noun
    return None


def absolute_phrase(token: Token) -> list[Token]:
    """The tokens of the absolute phrase whose predicate is ``token`` (its noun with "with", the
    predicate and the joining words), or nothing when ``token`` completes no such phrase."""
    has_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
    if token.dep_ == "pcomp" and token.head.lower_ == "with" and has_subject:
        return list(token.doc[token.head.i : token.right_edge.i + 1])  # a third parse: "with" → [Lima pursuing …]
    noun = absolute_subject(token)
    if noun is None:
        return []
    start = noun.head.i if noun.head.lower_ == "with" else noun.left_edge.i
    end = max(token.right_edge.i, noun.right_edge.i)
    return list(token.doc[start : end + 1])
