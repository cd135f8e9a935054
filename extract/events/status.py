"""An event's status from the words around its trigger: cancelled, postponed, proposed,
ongoing, scheduled or held.

Only the trigger's own clause counts (its governing verbs up to the clause root, and
clauses that modify the trigger itself: "a trip that was put off"), so one sentence can
report a postponed trip and the meeting set in its place.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from extract.temporal.lexicon import WEEKDAYS

CANCELLED_LEMMAS = {"cancel", "scrap", "abandon", "scuttle", "axe"}
POSTPONED_LEMMAS = {"postpone", "delay", "defer", "reschedule", "suspend"}
POSTPONED_PARTICLES = {("put", "off"), ("push", "back"), ("move", "back"), ("call", "off")}
PROPOSED_WORDS = {"ready", "may", "might", "could", "propose", "push", "float", "want", "suggest", "offer",
                  "seek", "hope", "consider", "pending", "invite", "urge"}
SCHEDULED_WORDS = {"will", "'ll", "shall", "agree", "expect", "due", "schedule", "plan", "set", "would",
                   "prepare", "announce", "slate", "go"}
INCEPTION_VERBS = {"begin", "start", "launch", "open", "commence", "resume"}
DAY_NUMBER = re.compile(r"(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?")  # "18", "3rd"; never a year
DAY_WORDS = set(WEEKDAYS) | {"tomorrow", "tonight"}
CLAUSE_BOUNDARIES = {"ccomp", "advcl", "relcl", "acl", "parataxis", "conj"}


def event_status(trigger: Token, verb: Token) -> str:
    """The status this clause gives the event (the date check against publication comes after)."""
    scope, lemmas, particles = _clause_words(trigger, verb)
    if (particles & {("call", "off")}) or lemmas & CANCELLED_LEMMAS or _never_happened(verb):
        return "cancelled"
    if _put_off(trigger, lemmas, particles):
        return "scheduled" if _moved_to_a_date(scope) else "postponed"
    if lemmas & PROPOSED_WORDS:
        return "proposed"
    past = _is_past(verb)
    relation = _time_relation(trigger, past)
    if relation is not None:
        return relation
    if (_progressive(verb) and not past) or (past and _begun(trigger, verb)):
        return "ongoing"
    # "agreed during a phone call": the call is behind; "agreed to a meeting": the meeting is ahead
    attached_to_past_verb = (
        trigger.i != verb.i and past and trigger.head.dep_ == "prep" and trigger.head.lower_ not in {"to", "for"}
    )
    if lemmas & SCHEDULED_WORDS and not attached_to_past_verb:
        return "scheduled"
    return "held" if past else "scheduled"


def rescheduled(trigger: Token, verb: Token) -> bool:
    """Does the clause move the event to a named day ("pushed the deadline back to October 18")?
    Then the event it dated before (the July 18 deadline) is the one postponed."""
    scope, lemmas, particles = _clause_words(trigger, verb)
    return _put_off(trigger, lemmas, particles) and _moved_to_a_date(scope)


def _clause_words(trigger: Token, verb: Token) -> tuple[list[Token], set[str], set[tuple[str, str]]]:
    """The clause's tokens outside dates ("May 29" is no "may"), their lemmas and words, and the
    verb-particle pairs ("put off", "push back")."""
    scope = [t for t in _clause_scope(trigger, verb) if t.ent_type_ not in {"DATE", "TIME"}]
    lemmas = {t.lemma_.lower() for t in scope} | {t.lower_ for t in scope}
    particles = {(t.lemma_.lower(), c.lower_) for t in scope for c in t.children if c.dep_ in {"prt", "advmod"}}
    return scope, lemmas, particles


def _put_off(trigger: Token, lemmas: set[str], particles: set[tuple[str, str]]) -> bool:
    return bool(lemmas & POSTPONED_LEMMAS or particles & POSTPONED_PARTICLES) or _forced_delay(trigger)


def _time_relation(trigger: Token, past: bool) -> str | None:
    """An event named only as the time of another ("a day before the meeting", "ahead of the vote",
    "after the summit"): its clause's verb tells of the other event. What comes after something
    reported is still ahead; what something done followed is over ("after the summit, she flew
    home"), but not what something still to come will follow ("she will speak after the meeting")."""
    if trigger.dep_ != "pobj":
        return None
    preposition = trigger.head
    word = preposition.lower_
    if word in {"of", "to"} and preposition.head.lower_ in {"ahead", "prior"}:
        word = preposition.head.lower_
    if word in {"before", "ahead", "prior", "until"}:
        return "scheduled"
    if word in {"after", "following", "since"} and past:
        return "held"
    return None


def _clause_scope(trigger: Token, verb: Token) -> list[Token]:
    """The trigger, its modifiers, its verb and the verbs governing it up to the clause root.

    Not the head of a clause hanging from them: in "X told CNBC in an interview that nothing
    suggests a rise", "suggests" is what was said, not how the interview stands."""
    own = [c for c in (*trigger.children, *verb.children) if c.dep_ not in CLAUSE_BOUNDARIES]
    scope = [trigger, verb, *own]
    for clause in (c for c in trigger.children if c.dep_ in {"relcl", "acl"}):
        scope.extend(clause.subtree)
    current = verb
    for ancestor in verb.ancestors:
        if current.dep_ in CLAUSE_BOUNDARIES - {"conj"}:
            break
        scope.append(ancestor)
        scope.extend(c for c in ancestor.children if c.dep_ in {"aux", "auxpass", "neg", "acomp", "prt"})
        current = ancestor
    return scope


def _never_happened(verb: Token) -> bool:
    """'never took place', 'did not happen'."""
    negated = any(c.dep_ == "neg" for c in verb.children)
    lemma = verb.lemma_.lower()
    takes_place = lemma == "take" and any(c.lower_ == "place" for c in verb.children)
    return negated and (takes_place or lemma in {"happen", "occur", "go"})


def _begun(trigger: Token, verb: Token) -> bool:
    """'The union launched its work stoppage in May', 'began talks': the report gives the start
    and no end, so the event is still going on."""
    return trigger.dep_ == "dobj" and trigger.head.i == verb.i and verb.lemma_.lower() in INCEPTION_VERBS


def _moved_to_a_date(scope: list[Token]) -> bool:
    """'postponed to Saturday', 'pushed the deadline back to October 18': the clause names the new
    day, and the event it dates is the one now set for it. A vaguer target ('put off until next
    year') leaves the event postponed."""
    return any(
        prep.dep_ == "prep" and prep.lower_ in {"to", "until"} and any(
            o.dep_ == "pobj" and o.ent_type_ in {"DATE", "TIME"} and _names_a_day(o) for o in prep.children
        )
        for token in scope
        for prep in token.children
    )


def _names_a_day(token: Token) -> bool:
    """The date phrase headed by ``token`` names one day: a weekday, 'tomorrow', or a day number."""
    phrase = [t for t in token.subtree if t.ent_type_ in {"DATE", "TIME"}]
    return any(t.lower_ in DAY_WORDS or DAY_NUMBER.fullmatch(t.lower_) for t in phrase)


def _forced_delay(trigger: Token) -> bool:
    """'The launch had first been set for Monday, but technical trouble forced a delay'."""
    sentence = trigger.sent
    return any(t.lemma_.lower() == "delay" and t.pos_ == "NOUN" for t in sentence) and any(
        t.lower_ in {"first", "originally", "initially"} for t in sentence
    )


def _is_past(verb: Token) -> bool:
    """The verb's tense; a bare participle clause takes its main clause's ("won the semi-final on
    Friday, beating X": the match is over)."""
    if _bare_participle(verb):
        return _is_past(verb.head)
    if _adjunct_gerund(verb):
        return _is_past(verb.head.head)
    return verb.tag_ in {"VBD"} or any(
        c.dep_ in {"aux", "auxpass"} and (c.tag_ == "VBD" or c.lemma_ == "have") for c in verb.children
    )


def _bare_participle(verb: Token) -> bool:
    """'..., beating X': an -ing adverbial clause with no auxiliary, subject or linking word of its own."""
    return (
        verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.i != verb.i
        and not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass", "mark"} for c in verb.children)
    )


def _adjunct_gerund(verb: Token) -> bool:
    """'by beating X', 'after meeting Y': a gerund after a preposition of manner or sequence has
    the time of the clause it modifies, or an earlier one ("before meeting" may be either)."""
    return (
        verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in {"by", "after", "while", "in", "since"}
        and verb.head.head.i != verb.head.i
        and not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in verb.children)
    )


def _progressive(verb: Token) -> bool:
    """'are holding talks', 'is weighing the offer': going on as the article is written ('will be
    meeting' is not yet)."""
    auxiliaries = [c for c in verb.children if c.dep_ == "aux"]
    return (
        verb.tag_ == "VBG" and any(c.lemma_ == "be" for c in auxiliaries)
        and not any(c.lower_ == "going" or c.tag_ == "MD" for c in auxiliaries)  # "will be meeting": ahead
    )


EXPERIENCE_ADVERBS = {"before", "already", "ever", "never", "often", "once", "twice", "repeatedly", "previously",
                      "again", "times", "frequently", "regularly"}
LEDE_SENTENCES = 2
"""How many opening sentences form a report's lede: the news of the day, told in the present."""


def news_of_the_day(verb: Token, status: str, sentence_index: int) -> bool:
    """An undated event the lede tells in the present perfect or present ("has lowered rates",
    "are locked in talks") is the news of the day the report was published. Later on, the
    present perfect is background ("has met him twice"), so only the lede counts."""
    if sentence_index >= LEDE_SENTENCES or status not in {"held", "ongoing"}:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "MD" or a.lower_ == "going" for a in auxiliaries):
        return False
    if any(c.lower_ in EXPERIENCE_ADVERBS for c in verb.children if c.dep_ in {"advmod", "npadvmod"}):
        return False  # "have held talks before", "has met him twice": a record, not today's news
    return any(a.tag_ in {"VBZ", "VBP"} and a.lemma_.lower() in {"have", "be"} for a in auxiliaries)
