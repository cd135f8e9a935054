"""Which way an underspecified date points: the tense of the clause that governs it.

"met on Thursday" means the last Thursday, "will meet Friday" the coming one. We climb
the dependency tree from the expression to its governing verb and read tense, aspect and
modality from spaCy's tags and morphology:

- **past**: a finite past verb or auxiliary ("met", "was held"), the perfect ("has met",
  "could have met");
- **future**: "will"/"shall", modals of possibility and obligation ("could", "must", "may"),
  "going to", and scheduling in the passive or as an adjective ("is scheduled for",
  "was set for", "is due", "is expected to");
- **unknown**: the present ("opens Friday", "is meeting"), a date inside a noun phrase with
  no verb ("the August 7 bombings", "Wednesday's ruling"), anything else. The present in
  news reports a timetable as often as a habit, so it does not pick a direction: the
  resolver then takes the occurrence nearest the anchor.

A past participle without an auxiliary ("the decision, announced Wednesday") is past, unless
a date bounds it ("shares tendered through Nov. 17" takes the tense of the clause above); a
gerund ("Speaking on Wednesday, he said") takes the tense of the clause it hangs from, and
an infinitive's event comes after its verb's ("agreed to meet Friday"), so it takes no
direction unless it is scheduled ("is scheduled to close Monday", "is to resume Tuesday");
a deadline moved or given ("extended to Nov. 16", "postponed until Tuesday") lies ahead. A date inside a noun phrase ("the Jan. 14 deadline")
has no tense either, and neither has the date of an event someone planned ("they planned a
march for Sunday", "the vigil planned for Friday was called off"): the plan's tense is not
the event's. Nor has a schedule told in the past perfect ("had been set for Monday", "had
been due to end Friday"): it was overtaken before the report, and the date it named may lie
on either side of it.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Span, Token

Direction = Literal["past", "future", "unknown"]

FUTURE_AUXILIARIES = {"will", "shall", "'ll", "wo"}
MODALS = {"can", "ca", "may", "might", "must", "should", "ought"}
BACKSHIFTED_MODALS = {"would", "'d", "could"}
""""would" and "could" are as often the past of "will" and "can" ("could not be located
Wednesday", "said they would meet Friday") as conditionals: they take no direction."""
SCHEDULING_WORDS = {"schedule", "set", "slate", "plan", "expect", "due", "poise", "intend", "reschedule", "postpone",
                    "fix", "arrange", "book"}
"""Verbs and adjectives whose subject or object is a planned event: in the passive, or as an
adjective ("is due"), the date they carry lies ahead of the sentence's time."""
SCHEDULING_ONLY_WITH_FOR = {"set", "fix", "book"}
"""Verbs that schedule with "for" or an object ("the vote was set for Tuesday", "set Nov. 10 as
the deadline"); dated with "on" they report a done deed ("a record set on Aug. 6")."""
PLANNING_VERBS = {"plan", "schedule", "slate", "arrange", "intend"}
"""Active verbs of planning: "they planned a rally for Saturday", "the concert planned for Friday".
The date is the planned event's, which may lie on either side of the planning, so the
planning verb's tense does not date it (the passive "is planned for" points ahead, above)."""
MAX_CLIMB = 8


NOUN_MODIFIER_DEPS = {"compound", "nmod", "poss", "amod", "nummod", "appos"}


def governing_verb(token: Token, within: Span | None = None) -> Token | None:
    """The verb (or auxiliary, or "due") whose clause the token dates, if the token hangs from one.

    A date that modifies a noun directly ("the Jan. 14 deadline", "Wednesday's ruling", "the
    August 7 bombings") or an adjective ("payable Dec. 7") dates that word, not the clause: the
    climb stops there and the sentence's tense is not used. A date in a prepositional phrase
    ("a meeting in February") goes on up to the verb of the clause.
    """
    current = token
    for _ in range(MAX_CLIMB):
        if current.pos_ in {"VERB", "AUX"} or current.lemma_.lower() == "due":
            return current
        head = current.head
        if head.i == current.i:
            return None
        outside = within is None or not (within.start <= head.i < within.end)
        if outside and current.dep_ in NOUN_MODIFIER_DEPS and head.pos_ in {"NOUN", "PROPN"}:
            return None
        if outside and head.pos_ == "ADJ" and head.lemma_.lower() != "due":
            return None
        current = head
    return None


ENDPOINT_PREPOSITIONS = {"until", "till", "through", "by", "to"}
DEADLINE_VERBS = {"extend", "postpone", "delay", "push", "move", "defer", "adjourn", "reschedule", "give", "grant",
                  "set", "put"}
"""A deadline moved or given ("extended to Nov. 16", "postponed until Tuesday", "gave them until
mid-November") lies after the act of moving it: the verb's past tense does not date it."""


def clause_direction(span: Span) -> Direction:
    """Past, future or unknown, from the verb governing the span's root."""
    if _since(span):
        return "past"
    preposition = span.root.head
    if span.root.dep_ == "pobj" and preposition.lower_ in ENDPOINT_PREPOSITIONS:
        mover = governing_verb(preposition)
        if mover is not None and mover.lemma_.lower() in DEADLINE_VERBS:
            return "future"
    verb = governing_verb(span.root, span)
    if verb is not None and _dates_a_planned_event(span, verb):
        return "unknown"
    if verb is not None and _bounds_a_reduced_relative(span, verb):
        verb = governing_verb(verb.head)  # "will buy shares tendered through Nov. 17": the clause above
    scheduling = verb is None or not _reports_a_done_deed(span, verb)
    for _ in range(MAX_CLIMB):
        if verb is None:
            return "unknown"
        direction, climb = _verb_direction(verb, scheduling)
        scheduling = True
        if not climb:
            return direction
        verb = governing_verb(verb.head) if verb.head.i != verb.i else None
    return "unknown"


def _since(span: Span) -> bool:
    """ "since the March 3 vote", "since shortly after the Oct. 23 shooting": what "since" starts from
    lies before the sentence's time, whatever the date modifies."""
    doc, token = span.doc, span.root
    for _ in range(4):
        head = token.head
        if head.i == token.i:
            return False
        if head.lower_ == "since" and head.dep_ == "prep":
            return True
        if head.pos_ == "ADP":
            before = head.i - 1
            while before >= 0 and doc[before].pos_ == "ADV":
                before -= 1
            if before >= 0 and doc[before].lower_ == "since":
                return True
        token = head
    return False


def _bounds_a_reduced_relative(span: Span, verb: Token) -> bool:
    """ "shares tendered through Nov. 17", "bids received by Friday": a bare participle describing
    a noun, bounded by the date, names a window, not a done deed; the clause it sits in dates it."""
    bounded = span.root.dep_ == "pobj" and span.root.head.lower_ in ENDPOINT_PREPOSITIONS and span.root.head.head.i == verb.i
    bare = verb.tag_ == "VBN" and verb.dep_ == "acl" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    return bounded and bare and verb.head.i != verb.i


def _reports_a_done_deed(span: Span, verb: Token) -> bool:
    """ "a record set on Aug. 6": a verb that schedules only with "for", dated by "on" or "at" and
    with no "for" of its own, is read by its tense, not as a schedule."""
    dated_on = span.root.dep_ == "pobj" and span.root.head.lower_ in {"on", "at"} and span.root.head.head.i == verb.i
    return (verb.lemma_.lower() in SCHEDULING_ONLY_WITH_FOR and dated_on
            and not any(child.lower_ == "for" for child in verb.children))


def _dates_a_planned_event(span: Span, verb: Token) -> bool:
    """A date after an active planning verb ("planned a rally for Sunday") is the planned event's;
    one before it ("On Friday, the government planned ...") dates the planning, and the tense holds."""
    active = verb.tag_ in {"VBD", "VBZ", "VBP"} and not any(c.dep_ == "auxpass" for c in verb.children)
    return verb.lemma_.lower() in PLANNING_VERBS and active and span.start > verb.i


def _plan_reported_in_the_past(verb: Token, auxiliaries: list[Token]) -> bool:
    """ "the vigil planned for Saturday was called off": a bare participle of planning describing a noun
    in a past-tense clause names an event that may have been due before or after the report (called off
    the day before, or for next week); in a present or future clause ("the vote scheduled for Friday
    is expected to pass") the plan still stands and points ahead."""
    if auxiliaries or verb.dep_ != "acl" or verb.tag_ != "VBN":
        return False
    clause = governing_verb(verb.head) if verb.head.i != verb.i else None
    return clause is not None and _finite_past(clause)


def _finite_past(verb: Token) -> bool:
    """ "met", "was held": the verb or one of its auxiliaries in the simple past."""
    return verb.tag_ == "VBD" or any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in verb.children)


def _past_perfect(word: Token) -> bool:
    """ "had been scheduled", "had been due": the word, or the verb its adjective completes, has "had"."""
    verb = word.head if word.dep_ == "acomp" and word.head.i != word.i else word
    return any(c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() == "have" and c.tag_ == "VBD" for c in verb.children)


def _verb_direction(verb: Token, scheduling: bool = True) -> tuple[Direction, bool]:
    """The direction a verb gives, or (unknown, True) when its clause takes the tense of the one above.
    ``scheduling=False`` reads a scheduling verb ("set") as any other (it carries no "for")."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    aux_words = {a.lower_ for a in auxiliaries}
    perfect = any(a.lemma_.lower() == "have" for a in auxiliaries)
    passive = any(c.dep_ == "auxpass" for c in verb.children) or verb.dep_ == "acomp"
    if aux_words & FUTURE_AUXILIARIES:
        return ("past" if perfect else "future"), False
    if aux_words & MODALS:
        return ("past" if perfect else "future"), False
    if aux_words & BACKSHIFTED_MODALS:
        return ("past" if perfect else "unknown"), False
    if verb.lower_ == "going" or any(c.lower_ == "going" for c in verb.children):
        return "future", False
    lemma = verb.lemma_.lower()
    past_perfect = _past_perfect(verb)  # "had been set for", "had been due"
    if scheduling and lemma in SCHEDULING_WORDS and (passive or verb.pos_ == "ADJ" or verb.tag_ == "VBN"):
        if past_perfect:
            return "unknown", False  # "had been set for Monday" (then moved): due on either side of the report
        if _plan_reported_in_the_past(verb, auxiliaries):
            return "unknown", False  # "the vigil planned for Saturday was called off": either side of the report
        return "future", False  # "is scheduled for", "has been set for"
    if "to" in aux_words and verb.tag_ == "VB":
        # an infinitive's event comes after its verb's ("subpoenaed him to testify on Feb. 10",
        # "agreed to meet Friday"), so the verb's tense does not date it; a schedule ("is
        # scheduled to close Monday", "is to resume Tuesday") points ahead
        head = verb.head
        if head.i != verb.i and (head.lemma_.lower() == "be" or (
            head.lemma_.lower() in SCHEDULING_WORDS and head.tag_ in {"VBN", "JJ"}
        )):
            # "had been due to expire Friday": a schedule told in the past perfect was overtaken before
            # the report, and may have been due on either side of it
            return ("unknown" if _past_perfect(head) else "future"), False
        return "unknown", False
    if _finite_past(verb) or perfect:
        return "past", False
    if verb.tag_ == "VBN" and not auxiliaries:
        return "past", False  # a participle dates a done deed: "the decision, announced Wednesday"
    if verb.tag_ == "VBG" and not auxiliaries:
        return "unknown", verb.head.i != verb.i  # "Speaking on Wednesday, he said": the clause above decides
    return "unknown", False
