"""Scheduled events: meetings, summits, talks, calls, visits, votes, with participants, place, time, status.

Built on spaCy's parse, per trigger word:

- **Triggers**: event nouns (meeting, summit, talks, negotiations, call, visit, vote,
  conference, sit-down) and verbs (meet, visit, vote, negotiate, "sit down"). A trigger
  inside another trigger's span ("hold talks") is the same event.
- **Clause**: the subtree of the verb that governs the trigger, minus other triggers'
  subtrees, relative clauses and side clauses with a subject of their own ("as Kyiv
  presses …"). Participants, place and time are read from it.
- **Participants**: PERSON, ORG, GPE and NORP-free entity mentions of the clause that are
  not the place; "he/she" resolve through the speaker resolver; "the two leaders",
  "their", "leaders summit" take the last two people named.
- **Place**: a GPE, FAC or LOC mention after "in"/"at", or compounded with the trigger
  ("White House meeting", "Oval Office meeting").
- **Time**: a temporal expression of the clause (a resolved one is preferred), or "to be
  determined" when the text says so.
- **Status**: cancelled (never took place, called off, cancelled, postponed), held (past
  tense), proposed (ready to, may, might, could, proposed, pushed for, floated, wants),
  else scheduled (will, agreed to, expected, due, present tense).
- **Anaphora**: "the meeting", "those meetings", "the summit" with no participants of
  their own take those of the nearest earlier event of the same family; dbt then merges
  them with it (and the same event across articles) into one scheduled event.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from extract.speakers import LEADER_TITLES, TITLE_WORDS, SpeakerResolver
from extract.temporal.resolver import TemporalExpression

NOUN_TRIGGERS = {
    "meeting": "meeting", "summit": "summit", "talks": "talks", "negotiations": "talks",
    "call": "call", "visit": "visit", "vote": "vote", "conference": "conference", "sit-down": "meeting",
}
VERB_TRIGGERS = {"meet": "meeting", "visit": "visit", "vote": "vote", "negotiate": "talks"}
FAMILY = {"meeting": "meeting", "summit": "meeting", "talks": "meeting", "visit": "meeting", "call": "call",
          "vote": "vote", "conference": "conference"}
PLACE_LABELS = {"GPE", "FAC", "LOC"}
PARTICIPANT_LABELS = {"PERSON", "ORG", "GPE"}
PLACE_WORDS = re.compile(r"\b(?:House|Office|Palace|Kremlin|Hall|Building|Capitol|Center|Centre)\b")
CANCELLED = re.compile(r"\bnever took place\b|\bdid not (?:take place|happen)\b|\bcalled off\b|\bcancel+ed\b|\bpostponed\b|\bscrapped\b", re.I)
PROPOSED_WORDS = {"ready", "may", "might", "could", "propose", "push", "float", "want", "suggest", "offer", "seek", "hope", "consider"}
SCHEDULED_WORDS = {"will", "'ll", "shall", "agree", "expect", "due", "schedule", "plan", "set", "would", "prepare", "announce"}
TO_BE_DETERMINED = re.compile(r"to[- ]be[- ](?:determined|decided|announced|confirmed)|no date (?:has been|was) set|date (?:has not|hasn't) been set", re.I)
ADVOCACY_VERBS = {
    "push", "urge", "call", "propose", "want", "seek", "discuss", "plan", "announce", "say", "suggest", "float",
    "demand", "hope", "ask", "welcome", "praise", "criticise", "criticize", "prepare",
}
LIGHT_VERBS = {"hold", "have", "attend", "host", "join", "convene", "stage", "chair"}


@dataclass(frozen=True)
class EventMention:
    """One row of raw.event_mentions."""

    start_char: int
    end_char: int
    trigger: str
    kind: str
    sentence_index: int
    participant_mention_ids: tuple[str, ...]
    vague_participant_ids: tuple[str, ...]
    location_mention_id: str | None
    location_text: str | None
    timex_id: str | None
    time_status: str  # resolved, to be determined, unknown
    status: str
    evidence: str
    anaphoric: bool = False


@dataclass
class _Context:
    doc: Doc
    article_id: str
    resolver: SpeakerResolver
    expressions: Sequence[TemporalExpression]
    published: date
    quote_speakers: list[tuple[int, int, str | None]] = field(default_factory=list)  # quote span → speaker mention id
    sentences: list[Span] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)

    def sentence_of(self, token: Token) -> tuple[int, Span]:
        """Index and span of the token's sentence (doc.sents is rebuilt on every access: read it once)."""
        index = bisect_right(self.sentence_starts, token.i) - 1
        return index, self.sentences[index]


def _trigger_kind(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN":
        if token.lower_ in NOUN_TRIGGERS:
            return NOUN_TRIGGERS[token.lower_]
        if lemma in NOUN_TRIGGERS and lemma != "talk":
            return NOUN_TRIGGERS[lemma]
        if lemma == "conversation" and any(c.lower_ in {"face-to-face", "in-person"} or "face" in c.lower_ for c in token.children):
            return "meeting"
    if token.pos_ == "VERB":
        if lemma in VERB_TRIGGERS:
            return VERB_TRIGGERS[lemma]
        if lemma == "sit" and any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
            return "meeting"
        if token.lower_ == "meeting" and token.dep_ in {"pcomp", "pobj"}:
            return "meeting"
    return None


def governing_verb(token: Token) -> Token:
    current = token
    for _ in range(5):
        if current.pos_ in {"VERB", "AUX"} and current is not token:
            return current
        if current.head is current:
            return current
        current = current.head
    return current


def _ent(doc: Doc, token: Token) -> Span | None:
    return next((e for e in doc.ents if e.start <= token.i < e.end), None)


def clause_tokens(trigger: Token, verb: Token, other_triggers: set[int]) -> list[Token]:
    """Tokens describing this event: the verb's subtree minus other events and side clauses."""
    cut: set[int] = set()
    for token in verb.subtree:
        if token.i in other_triggers and token.i != trigger.i and not _is_ancestor(token, trigger):
            cut.update(t.i for t in token.subtree)
        side_clause = token.dep_ in {"advcl", "ccomp", "conj", "xcomp"} and token is not trigger and not _is_ancestor(
            token, trigger
        )
        has_subject = any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children)
        purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        if token.dep_ == "relcl" or (side_clause and (has_subject or purpose)):
            cut.update(t.i for t in token.subtree)
    return [t for t in verb.subtree if t.i not in cut]


def _is_ancestor(candidate: Token, token: Token) -> bool:
    return any(a.i == candidate.i for a in token.ancestors)


def extract_events(
    doc: Doc,
    article_id: str,
    resolver: SpeakerResolver,
    expressions: Sequence[TemporalExpression],
    published: date,
    quote_speakers: Sequence[tuple[int, int, str | None]] = (),
) -> list[EventMention]:
    """Event mentions of one article; ``quote_speakers`` (start, end, speaker mention id) resolve "I" in quotes."""
    sentences = list(doc.sents)
    ctx = _Context(
        doc, article_id, resolver, expressions, published, list(quote_speakers),
        sentences, [s.start for s in sentences],
    )
    triggers = [(t, kind) for t in doc if (kind := _trigger_kind(t))]
    trigger_ids = {t.i for t, _ in triggers}
    mentions: list[EventMention] = []
    for trigger, kind in triggers:
        if any(a.i in trigger_ids for a in list(trigger.ancestors)[:2]):
            continue  # nested in another event ("meeting one-on-one to negotiate"): the outer one covers it
        mention = _mention(ctx, trigger, kind, trigger_ids)
        if mention is not None:
            mentions.append(mention)
    return _resolve_anaphora(mentions)


def _mention(ctx: _Context, trigger: Token, kind: str, trigger_ids: set[int]) -> EventMention | None:
    doc = ctx.doc
    verb = trigger if trigger.pos_ == "VERB" else governing_verb(trigger)
    tokens = clause_tokens(trigger, verb, trigger_ids)
    if trigger.pos_ == "NOUN" and verb.lemma_.lower() in ADVOCACY_VERBS:
        # "Berg pushed for a meeting of Lopez and Petrov": who asks for an event need not attend it
        subject = {t.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
        tokens = [t for t in tokens if t.i not in subject]
    token_ids = {t.i for t in tokens}
    participants: list[str] = []
    location = None
    for ent in doc.ents:
        if ent.start not in token_ids or ent.label_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "NORP"}:
            continue
        if ent.root.head.lower_ == "of" and ent.root.head.head.lower_ in TITLE_WORDS:
            continue  # "State" in "Secretary of State" is part of a title
        is_place = ent.label_ in PLACE_LABELS or bool(PLACE_WORDS.search(ent.text))
        placed = _after_in_or_at(ent) or (ent.root.head.i == trigger.i and ent.root.dep_ == "compound")
        if is_place and (placed or ent.label_ == "FAC" or PLACE_WORDS.search(ent.text)) and location is None:
            if "’s" in ent.text or "'s" in ent.text:  # "Trump’s White House": the owner is a participant
                participants.extend(_owner_mentions(ctx, ent))
            location = ent
            continue
        if location is not None and ent.label_ == "GPE" and doc[location.end : ent.start].text.strip() == ",":
            continue  # "Budapest, Hungary": the country names the place, it does not take part
        if ent.label_ in PARTICIPANT_LABELS and not PLACE_WORDS.search(ent.text):
            participants.append(f"{ctx.article_id}:{ent.start_char}-{ent.end_char}")
    token_ids_with_controller = {t.i for t in _with_controller_subject(trigger, tokens)}
    for ent in doc.ents:
        if ent.start in token_ids_with_controller and ent.start not in token_ids and ent.label_ in PARTICIPANT_LABELS:
            participants.append(f"{ctx.article_id}:{ent.start_char}-{ent.end_char}")
    explicit, vague = _pronoun_participants(ctx, tokens, trigger)
    participants.extend(explicit)
    timex, time_status = _time(ctx, trigger, token_ids)
    sentence_index, sentence = ctx.sentence_of(trigger)
    status = _status(trigger, verb, sentence.text)
    dated = next((e for e in ctx.expressions if timex == f"{ctx.article_id}:{e.start_char}-{e.end_char}"), None)
    if status == "held" and dated is not None and dated.start_date is not None and dated.start_date > ctx.published:
        status = "scheduled"  # a date after publication has not happened yet
    vague = [v for v in vague if v not in participants]
    if not participants and not vague and location is None and timex is None and (
        time_status != "to be determined" and not _anaphoric(trigger)
    ):
        return None
    return EventMention(
        start_char=trigger.idx,
        end_char=trigger.idx + len(trigger.text),
        trigger=trigger.text,
        kind=kind,
        sentence_index=sentence_index,
        participant_mention_ids=tuple(dict.fromkeys(participants)),
        vague_participant_ids=tuple(dict.fromkeys(vague)),
        location_mention_id=f"{ctx.article_id}:{location.start_char}-{location.end_char}" if location is not None else None,
        location_text=location.text if location is not None else None,
        timex_id=timex,
        time_status=time_status,
        status=status,
        evidence=sentence.text.strip(),
        anaphoric=_anaphoric(trigger) and not participants and not vague,
    )


def _after_in_or_at(ent: Span) -> bool:
    """The mention hangs from an 'in'/'at' phrase ("in Budapest", "in an agreed location, Budapest")."""
    token = ent.root
    for _ in range(3):
        if token.dep_ == "pobj" and token.head.lower_ in {"in", "at"}:
            return True
        if token.head is token:
            return False
        token = token.head
    return False


def _inside_quote(ctx: _Context, position: int) -> bool:
    return any(s <= position < e for s, e in ctx.resolver.quoted)


def _owner_mentions(ctx: _Context, ent: Span) -> list[str]:
    owner = ctx.resolver.person_at(ent.start_char, ent.start_char + 1)
    mention = ctx.resolver.mention_near(owner, ent.start_char) if owner else None
    return [f"{ctx.article_id}:{mention[0]}-{mention[1]}"] if mention else []


def _pronoun_participants(ctx: _Context, tokens: list[Token], trigger: Token) -> tuple[list[str], list[str]]:
    """'he' → the person it refers to (explicit); 'the two leaders', 'their' → the last two people (vague)."""
    explicit: list[str] = []
    vague: list[str] = []
    for token in _with_controller_subject(trigger, tokens):
        lowered = token.lower_
        if lowered in {"i", "me"} and _inside_quote(ctx, token.idx):
            speaker = next((m for s, e, m in ctx.quote_speakers if s <= token.idx < e and m), None)
            if speaker:
                explicit.append(speaker)
        elif lowered in {"we", "our"} and _inside_quote(ctx, token.idx):
            speaker = next((m for s, e, m in ctx.quote_speakers if s <= token.idx < e and m), None)
            if speaker:
                vague.append(speaker)
        elif lowered in {"he", "she"} and token.dep_ in {"nsubj", "nsubjpass"}:
            speaker = ctx.resolver.resolve(token.doc[token.i : token.i + 1], None)
            if speaker.mention:
                explicit.append(f"{ctx.article_id}:{speaker.mention[0]}-{speaker.mention[1]}")
        elif lowered in {"leaders", "leaders’", "leaders'"}:
            vague.extend(_last_two_people(ctx, token.idx, leaders_only=True))
        elif lowered in {"their", "they", "both"} and not _inside_quote(ctx, token.idx):
            vague.extend(_last_two_people(ctx, token.idx, leaders_only=False))
    return explicit, vague


def _with_controller_subject(trigger: Token, tokens: list[Token]) -> list[Token]:
    """Add the subject that controls a subjectless verb: 'Trump and Putin agreed to meet',
    'Thune is ready to hold a vote' (the participants are the controlling clause's subject)."""
    verb = trigger if trigger.pos_ == "VERB" else governing_verb(trigger)
    if trigger.pos_ != "VERB" and verb.lemma_.lower() not in LIGHT_VERBS:
        return tokens  # "(the US and Russia) … to prepare a summit": who prepares need not take part
    current = verb
    for _ in range(3):
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            if current is verb:
                return tokens
            return tokens + [t for s in subjects for t in s.subtree]
        if current.dep_ not in {"xcomp", "advcl", "acomp", "pcomp", "prep"} or current.head is current:
            return tokens
        current = current.head
    return tokens


def _last_two_people(ctx: _Context, position: int, leaders_only: bool) -> list[str]:
    seen: list[tuple[int, str]] = []
    for person in ctx.resolver.people:
        titles = {word for word, _ in person.titles | person.quoted_titles}
        if leaders_only and not titles & LEADER_TITLES:
            continue
        before = [m for m in person.mentions if m[0] < position and not _inside_quote(ctx, m[0])]
        if before:
            seen.append((before[-1][0], f"{ctx.article_id}:{before[-1][0]}-{before[-1][1]}"))
    return [mention for _, mention in sorted(seen, reverse=True)[:2]]


def _time(ctx: _Context, trigger: Token, token_ids: set[int]) -> tuple[str | None, str]:
    """The clause's temporal expression (dates before durations), or 'to be determined'."""
    candidates = []
    for e in ctx.expressions:
        span = ctx.doc.char_span(e.start_char, e.end_char, alignment_mode="expand")
        if span is None or span.root.i not in token_ids:
            continue
        if e.timex_type == "DURATION" and e.start_date is None:
            continue  # "two-hour": how long, not when
        if e.anchor_kind == "expression" and not _relation_dates(span, trigger):
            continue  # "a day before X" dates X, not the event of the clause
        candidates.append((e.start_date is None, abs(span.root.i - trigger.i), e))
    if candidates:
        _, _, best = min(candidates, key=lambda c: (c[0], c[1]))
        return f"{ctx.article_id}:{best.start_char}-{best.end_char}", "resolved" if best.start_date else "unknown"
    if TO_BE_DETERMINED.search(ctx.sentence_of(trigger)[1].text):
        return None, "to be determined"
    return None, "unknown"


def _relation_dates(span: Span, trigger: Token) -> bool:
    """'a day before [Trump’s White House meeting]': the relation's preposition governs the trigger."""
    return any(t.lower_ in {"before", "after"} and trigger.head.i == t.i for t in span)


def _status(trigger: Token, verb: Token, sentence: str) -> str:
    """cancelled, proposed, scheduled or held, from negation, modality and tense around the trigger."""
    if CANCELLED.search(sentence):
        return "cancelled"
    own = [verb, *verb.children, *trigger.children]
    chain = list(verb.ancestors)
    lexical = {t.lemma_.lower() for t in own + chain if t.pos_ in {"VERB", "AUX", "ADJ"}} | {
        t.lower_ for t in own + chain if t.pos_ in {"VERB", "AUX", "ADJ"}
    }
    if lexical & PROPOSED_WORDS:
        return "proposed"
    past = verb.tag_ == "VBD" or any(c.dep_ == "aux" and (c.tag_ == "VBD" or c.lemma_ == "have") for c in verb.children)
    attached_to_past_verb = trigger is not verb and past and trigger.head.dep_ == "prep"
    if lexical & SCHEDULED_WORDS and not attached_to_past_verb:
        return "scheduled"
    return "held" if past else "scheduled"


def _anaphoric(trigger: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"the", "those", "that", "this", "these"} for c in trigger.children)


def _resolve_anaphora(mentions: list[EventMention]) -> list[EventMention]:
    """A definite event with no participants takes those of the nearest earlier event of its family."""
    resolved: list[EventMention] = []
    for mention in mentions:
        if mention.anaphoric and not mention.participant_mention_ids and not mention.vague_participant_ids:
            antecedent = next(
                (m for m in reversed(resolved) if FAMILY[m.kind] == FAMILY[mention.kind]
                 and (m.participant_mention_ids or m.vague_participant_ids)
                 and 0 <= mention.sentence_index - m.sentence_index <= 2),
                None,
            )
            if antecedent is not None:
                mention = replace(
                    mention,
                    kind=antecedent.kind if mention.kind == "meeting" else mention.kind,
                    participant_mention_ids=antecedent.participant_mention_ids,
                    vague_participant_ids=antecedent.vague_participant_ids,
                    location_mention_id=mention.location_mention_id or antecedent.location_mention_id,
                    location_text=mention.location_text or antecedent.location_text,
                )
        resolved.append(mention)
    return [
        m for m in resolved
        if m.participant_mention_ids or m.vague_participant_ids or m.location_mention_id or m.timex_id
        or m.time_status == "to be determined"
    ]
