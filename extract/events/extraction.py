"""Event mentions: any scheduled or reported happening, with participants, roles, place, time, status.

Built on spaCy's parse, per trigger (``extract/events/taxonomy.py``, the words of
``dbt/seeds/event_kinds.csv``):

- **Clause**: the subtree of the verb that governs the trigger, minus other triggers'
  subtrees, relative clauses and side clauses with a subject of their own ("as Kyiv
  presses …"). Participants, place and time are read from it.
- **Participants**: PERSON, ORG and GPE mentions of the clause that are not the place;
  a nationality that qualifies a group ("an Israeli delegation") stands for its country;
  "he/she" resolve through the speaker resolver; "the two leaders", "the pair of
  ministers", "their" take the last two people named; a subjectless verb takes its
  controller's subject ("X and Y agreed to meet"). **Roles**: host (subject of "host", agent of "hosted by", owner of the place),
  subject (who a trial, sentencing, hearing or vote is about), attendee otherwise.
- **Place**: a GPE, FAC or LOC mention after "in", "at" or "to", or compounded with the
  trigger ("White House meeting"). Cities, regions and buildings never take part; a country
  does, except where it only qualifies a named person ("Brazil's President Lula"); the
  country a visit goes to is its host (``extract/events/places.py``).
- **Time**: a temporal expression of the clause (a resolved one is preferred), or "to be
  determined" when the text says so.
- **Status** (``extract/events/status.py``): cancelled, postponed, proposed, ongoing,
  scheduled or held, from the words of the trigger's own clause; a held event dated after
  publication is scheduled.
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
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from extract.absolute import PREDICATE_LINKS, absolute_phrase, absolute_subject
from extract.doc_text import text_of
from extract.gazetteer import country_key
from extract.events.places import (
    PLACE_PREPOSITIONS,
    dateline_end,
    describes_a_person,
    is_country,
    spatial_preposition,
    spatial_preposition_token,
)
from extract.events.status import event_status, news_of_the_day, rescheduled
from extract.events.taxonomy import Taxonomy, TriggerMatch, acts_as_verb, load_taxonomy
from extract.speakers import LEADER_TITLES, MEMBER_NOUNS, ORGANISATION_NOUNS, TITLE_WORDS, Person, SpeakerResolver
from extract.temporal.resolver import TemporalExpression

if TYPE_CHECKING:
    from extract.quotes import Quote

PLACE_LABELS = {"GPE", "FAC", "LOC"}
PARTICIPANT_LABELS = {"PERSON", "ORG", "GPE"}
PLACE_WORDS = re.compile(r"\b(?:House|Office|Palace|Kremlin|Hall|Building|Capitol|Center|Centre|Stadium|Arena|Airport|Square)\b")
TO_BE_DETERMINED = re.compile(r"to[- ]be[- ](?:determined|decided|announced|confirmed)|no date (?:has been|was) set|date (?:has not|hasn't) been set", re.IGNORECASE)
ADVOCACY_VERBS = {
    "push", "urge", "call", "propose", "want", "seek", "discuss", "plan", "announce", "say", "suggest", "float",
    "demand", "hope", "ask", "welcome", "praise", "criticise", "criticize", "prepare",
}
LIGHT_VERBS = {"hold", "have", "attend", "host", "join", "convene", "stage", "chair", "take"}
# Nouns for a country's or side's representatives: "an Israeli delegation" takes part as Israel.
GROUP_NOUNS = {
    "delegation", "team", "government", "officials", "negotiators", "side", "authorities", "mediators",
    "envoys", "diplomats", "lawmakers", "counterparts", "troops", "forces", "leaders", "ministers",
    "delegates", "representatives",
}
GROUP_WORDS = GROUP_NOUNS | {g.rstrip("s") for g in GROUP_NOUNS}  # "delegation" and "delegations"
# Kinds whose participants include whom they are about: the defendant, the candidate voted on.
ABOUT_SOMEONE = {"court", "vote"}
ROLE_RANK = {"host": 0, "subject": 1, "attendee": 2}
PERSONAL_FAMILIES = {"meeting", "call", "media"}
GENERIC_KIND = "meeting"
"""The kind of "meet", "convene", "sit down": any more specific event noun they govern names the event."""
"""Event families where a titled person acts alone, not the body in their title."""


@dataclass(frozen=True)
class EventMention:
    """One row of raw.event_mentions."""

    start_char: int
    end_char: int
    trigger: str
    kind: str
    sentence_index: int
    participant_mention_ids: tuple[str, ...]
    participant_roles: tuple[str, ...]  # host, subject or attendee, one per participant mention
    vague_participant_ids: tuple[str, ...]
    location_mention_id: str | None
    location_text: str | None
    timex_id: str | None
    time_status: str  # resolved, to be determined, publication day (the lede's news of the day), unknown
    status: str
    evidence: str
    anaphoric: bool = False
    definite: bool = False  # "the talks", "the initial round of talks": may refer back (not stored)
    plural: bool = False  # "those meetings": may refer back to several (not stored)
    rescheduled: bool = False  # "pushed the deadline back to October 18": the earlier date is off (not stored)


@dataclass
class _Context:
    doc: Doc
    article_id: str
    resolver: SpeakerResolver
    expressions: Sequence[TemporalExpression]
    published: date
    taxonomy: Taxonomy
    quote_speakers: list[tuple[int, int, str | None]] = field(default_factory=list)  # quote span → speaker mention id
    reported: list[tuple[int, int]] = field(default_factory=list)  # what speakers said, direct or indirect (chars)
    sentences: list[Span] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    dateline_end: int = 0  # the opening "LOS ANGELES –": where the report was filed, no event's place or side

    def sentence_of(self, token: Token) -> tuple[int, Span]:
        """Index and span of the token's sentence (doc.sents is rebuilt on every access: read it once)."""
        index = bisect_right(self.sentence_starts, token.i) - 1
        return index, self.sentences[index]


def governing_verb(token: Token) -> Token:
    current = token
    for _ in range(5):
        if current.pos_ in {"VERB", "AUX"} and current.i != token.i:
            return current
        if current.head.i == current.i:
            return current
        current = current.head
    return current


def _ent(doc: Doc, token: Token) -> Span | None:
    return next((e for e in doc.ents if e.start <= token.i < e.end), None)


SIDE_CLAUSE_DEPS = {"advcl", "ccomp", "conj", "xcomp", "parataxis"}


def clause_tokens(trigger: Token, verb: Token, other_triggers: set[int]) -> list[Token]:
    """Tokens describing this event: the verb's subtree minus other events and side clauses."""
    cut: set[int] = set()
    for token in verb.subtree:
        if token.i in other_triggers and token.i != trigger.i and not _is_ancestor(token, trigger):
            cut.update(t.i for t in token.subtree)
        # "parataxis": an inserted attribution ("met in Quito, Santiago said"): the source is no side
        side_clause = token.dep_ in SIDE_CLAUSE_DEPS and token.i != trigger.i and not _is_ancestor(token, trigger)
        has_subject = any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children)
        purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        # a relative clause on another noun tells of that noun; one on the trigger of the event itself
        # ("the summit that took place in December 2022")
        own_relative = token.dep_ == "relcl" and token.head.i == trigger.i
        if (token.dep_ == "relcl" and not own_relative) or (side_clause and (has_subject or purpose)):
            cut.update(t.i for t in token.subtree)
        if token.i != trigger.i and not _is_ancestor(token, trigger) and _predicates_apart(token):
            # "left rates unchanged, with the governor due to speak later": a small clause of its own
            phrase = {t.i for t in absolute_phrase(token)}
            if trigger.i not in phrase:  # "with meetings planned with X": the event's own phrase
                cut.update(phrase)
    return [t for t in verb.subtree if t.i not in cut]


def _predicates_apart(token: Token) -> bool:
    """An absolute phrase's predicate that tells of another doing ("with X due to speak", "with X
    pursuing …"), as against a role in this event ("with Biden as his host")."""
    return token.pos_ in {"VERB", "AUX"} or token.lower_ in PREDICATE_LINKS


def _is_ancestor(candidate: Token, token: Token) -> bool:
    return any(a.i == candidate.i for a in token.ancestors)


def extract_events(
    doc: Doc,
    article_id: str,
    resolver: SpeakerResolver,
    expressions: Sequence[TemporalExpression],
    published: date,
    quote_speakers: Sequence[tuple[int, int, str | None]] = (),
    taxonomy: Taxonomy | None = None,
    reported: Sequence[tuple[int, int]] = (),
) -> list[EventMention]:
    """Event mentions of one article; ``quote_speakers`` (start, end, speaker mention id) resolve "I" in
    quotes; ``reported`` (start, end) are the contents of direct and indirect quotes."""
    sentences = list(doc.sents)
    ctx = _Context(
        doc, article_id, resolver, expressions, published, taxonomy or load_taxonomy(), list(quote_speakers),
        list(reported), sentences, [s.start for s in sentences], dateline_end(text_of(doc)),
    )
    # "40% of the vote", "a majority of the vote": votes counted, not a vote held
    triggers = [(t, match) for t in doc if (match := ctx.taxonomy.match(t)) and not _share_of(t)]
    trigger_ids = {t.i for t, _ in triggers}
    mentions: list[EventMention] = []
    for trigger, match in triggers:
        if _nested(trigger, trigger_ids):
            continue  # nested in another event ("meeting one-on-one to negotiate"): the outer one covers it
        mention = _mention(ctx, trigger, _most_specific(trigger, match, triggers), trigger_ids)
        if mention is not None:
            mentions.append(mention)
    return _resolve_anaphora(_postpone_earlier_dates(_join_definite_descriptions(mentions, ctx)), ctx.taxonomy)


SHARE_WORDS = {"share", "majority", "half", "third", "quarter", "percent", "%", "bulk", "most"}


def _share_of(trigger: Token) -> bool:
    """The trigger counts a share of something ("won 40% of the vote"), not an event."""
    if trigger.dep_ != "pobj" or trigger.head.lower_ != "of":
        return False
    measure = trigger.head.head
    return measure.lower_ in SHARE_WORDS or measure.ent_type_ == "PERCENT" or measure.like_num


def _nested(trigger: Token, trigger_ids: set[int]) -> bool:
    """Another trigger governs this one within two steps, and no absolute phrase ("with the chief
    due to hold a briefing") gives this one a doer of its own on the way."""
    for ancestor in list(trigger.ancestors)[:2]:
        if ancestor.i in trigger_ids:
            return True
        if absolute_subject(ancestor) is not None:
            return False
    return False


def _most_specific(trigger: Token, match: TriggerMatch, triggers: list[tuple[Token, TriggerMatch]]) -> TriggerMatch:
    """A generic verb of meeting takes the kind of the event noun it governs: "will convene … for
    their next summit" is a summit, "meet … in the final" a match, "met for talks" talks."""
    if match.kind != GENERIC_KIND or not acts_as_verb(trigger):
        return match
    inner = [m for t, m in triggers if t.i != trigger.i and _names_the_meeting(t, trigger)]
    specific = next((m for m in inner if m.kind != GENERIC_KIND), None)
    return replace(match, kind=specific.kind) if specific is not None else match


def _mention(ctx: _Context, trigger: Token, match: TriggerMatch, trigger_ids: set[int]) -> EventMention | None:
    doc = ctx.doc
    kind = "summit" if match.kind == GENERIC_KIND and _leaders_meet(trigger) else match.kind
    verb = trigger if acts_as_verb(trigger) else governing_verb(trigger)
    tokens = _within_report(ctx, trigger, clause_tokens(trigger, verb, trigger_ids))
    if not acts_as_verb(trigger) and verb.lemma_.lower() in ADVOCACY_VERBS:
        # "Berg pushed for a meeting of Lopez and Petrov": who asks for an event need not attend it
        subject = {t.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
        tokens = [t for t in tokens if t.i not in subject]
    token_ids = {t.i for t in tokens}
    setting = _journey_setting(verb, token_ids)  # "flies to Lima on Monday to meet X": Lima, Monday
    participants: dict[str, str] = {}  # mention id -> role
    location = None
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    for ent in _ents_after_dateline(ctx):
        if ent.start in setting and ent.label_ in PLACE_LABELS | {"PERSON"} and location is None:
            if spatial_preposition(ent) in {"to", "in", "at"} and (ent.label_ != "PERSON" or _place_tagged_person(ent)):
                location = ent  # the journey's destination is where the event happens
            continue
        if ent.start not in token_ids or ent.label_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"}:
            continue
        if ent.start <= trigger.i < ent.end or match.start_char <= ent.start_char < match.end_char:
            continue  # the event's own name, or a word of its trigger phrase ("State" in "a State visit")
        holder = _role_holder(ctx, ent) if ent.label_ in {"GPE", "NORP"} else None
        if holder is not None:  # "the foreign ministers of Iran and Chile met": the two ministers
            participants.setdefault(holder, "attendee")
            continue
        if ent.label_ == "NORP":
            if _names_a_group(ent):
                participants.setdefault(_mention_id(ctx, ent), "attendee")  # "an Israeli delegation"
            continue
        if ent.root.head.lower_ == "of" and ent.root.head.head.lower_ in TITLE_WORDS:
            continue  # "State" in "Secretary of State" is part of a title
        is_place = (ent.label_ in PLACE_LABELS and not _numbered_group(ent)) or bool(PLACE_WORDS.search(ent.text)) or (
            _place_tagged_person(ent)
        )
        preposition = spatial_preposition(ent) if is_place else None
        placed = preposition in PLACE_PREPOSITIONS or (ent.root.head.i == trigger.i and ent.root.dep_ == "compound")
        candidate = is_place and (placed or ent.label_ == "FAC" or PLACE_WORDS.search(ent.text))
        if candidate and (location is None or _place_rank(ent, trigger, verb) > _place_rank(location, trigger, verb)):
            if "’s" in ent.text or "'s" in ent.text:  # "Trump’s White House": the owner hosts
                for owner in _owner_mentions(ctx, ent):
                    participants.setdefault(owner, "host")
            location = ent
            if preposition == "to" and ent.label_ == "GPE" and is_country(ent):
                participants.setdefault(_mention_id(ctx, ent), "host")  # "a visit to China": the visited country
            continue
        if location is not None and ent.label_ == "GPE" and doc[location.end : ent.start].text.strip() == ",":
            continue  # "Budapest, Hungary": the country names the place, it does not take part
        if ent.label_ in PLACE_LABELS and (preposition or ent.label_ != "GPE") and not is_country(ent):
            continue  # a city, region or building is where things happen, not who takes part
        if _origin_of_a_group(ent):
            participants.setdefault(_mention_id(ctx, ent), "attendee")  # "delegates from Chile and Peru"
            continue
        if preposition is not None and preposition != "to":
            continue  # "talks in Egypt", "the war in Ukraine": a country after "in" is a place, not a side
        if _only_titles_a_person(ctx, ent, people, kind):
            continue  # "Brazil's President Lula", "Fed Governor Waller": the named person takes part
        if ent.label_ in PARTICIPANT_LABELS and not PLACE_WORDS.search(ent.text):
            participants.setdefault(_mention_id(ctx, ent), _role(ctx, ent, trigger, verb, kind))
    token_ids_with_controller = {t.i for t in _within_report(ctx, trigger, _with_controller_subject(trigger, tokens))}
    for ent in _ents_after_dateline(ctx):
        if ent.start not in token_ids_with_controller or ent.start in token_ids:
            continue
        if _names_a_group(ent):  # "a Chilean delegation is to travel to Lima to negotiate"
            participants.setdefault(_mention_id(ctx, ent), "attendee")
        elif ent.label_ in PARTICIPANT_LABELS and not _only_titles_a_person(ctx, ent, people, kind):
            participants.setdefault(_mention_id(ctx, ent), "attendee")  # not "Chile's" in "Chile's President Soto"
    if not participants:  # "the teams of X and Y announced that the talks will restart": X and Y hold them
        for ent in _announcing_group(verb):
            participants.setdefault(_mention_id(ctx, ent), "attendee")
    explicit, vague = _pronoun_participants(ctx, tokens, trigger)
    for mention_id in explicit:
        participants.setdefault(mention_id, "attendee")
    timex, time_status = _time(ctx, trigger, token_ids)
    if timex is None and setting:
        timex, time_status = _time(ctx, trigger, token_ids | setting)
    sentence_index, sentence = ctx.sentence_of(trigger)
    status = event_status(trigger, verb)
    dated = next((e for e in ctx.expressions if timex == f"{ctx.article_id}:{e.start_char}-{e.end_char}"), None)
    if dated is not None and dated.start_date is not None and dated.start_date > ctx.published and status in {"held", "ongoing"}:
        status = "scheduled"  # a date after publication has not happened yet
    elif _dated_before(dated, ctx.published) and status == "scheduled":
        status = "held"  # "the June rate decision", "the 2022 final": over by the time of writing
    if status == "scheduled" and timex is None and _process_in_progress(trigger, kind):
        status = "ongoing"
    if timex is None and time_status == "unknown" and not _inside_quote(ctx, trigger.idx) and news_of_the_day(
        verb, status, sentence_index
    ):
        time_status = "publication day"  # dated in dbt: the article's publication date
    vague = [v for v in vague if v not in participants]
    if not participants and not vague and location is None and timex is None and (
        time_status != "to be determined" and not _anaphoric(trigger)
    ):
        return None
    return EventMention(
        start_char=match.start_char,
        end_char=match.end_char,
        trigger=text_of(doc)[match.start_char : match.end_char],
        kind=kind,
        sentence_index=sentence_index,
        participant_mention_ids=tuple(participants),
        participant_roles=tuple(participants.values()),
        vague_participant_ids=tuple(dict.fromkeys(vague)),
        location_mention_id=_mention_id(ctx, location) if location is not None else None,
        location_text=location.text if location is not None else None,
        timex_id=timex,
        time_status=time_status,
        status=status,
        evidence=sentence.text.strip(),
        anaphoric=_anaphoric(trigger) and not participants and not vague,
        definite=_definite(trigger),
        plural=trigger.tag_ in {"NNS", "NNPS"},
        rescheduled=timex is not None and rescheduled(trigger, verb),
    )


def _leaders_meet(trigger: Token) -> bool:
    """ "NATO leaders met in Vilnius", "the bloc's leaders will sit down": a meeting of an
    organisation's or countries' leaders is a summit (the taxonomy's own definition). Only for a
    verb: a noun names its kind itself ("a meeting of ASEAN leaders")."""
    if not acts_as_verb(trigger):
        return False
    subjects = [c for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ == "leaders"]
    return any(_names_a_grouping(c) for s in subjects for c in s.children if c.dep_ in {"poss", "compound", "amod"})


GROUPING_NOUNS = {"alliance", "bloc", "grouping"}
"""Common nouns for a grouping of countries ("the bloc's leaders"), as against a party's or a union's."""


def _names_a_grouping(qualifier: Token) -> bool:
    """A name ("NATO", "G20", "European") or a grouping noun qualifies the leaders, not "opposition"."""
    named = qualifier.ent_type_ in {"ORG", "GPE", "NORP"} or qualifier.pos_ == "PROPN"
    return named or qualifier.lemma_.lower() in GROUPING_NOUNS


def _only_titles_a_person(ctx: _Context, ent: Span, people: list[Span], kind: str) -> bool:
    """A country or organisation that only qualifies a named person ("Brazil's President Lula",
    "Fed Governor Waller") does not take part: the person does. An organisation still does in
    what it holds as a body (a vote, a hearing, a rate decision: "Senate Majority Leader Thune
    will hold a vote"); in a meeting, call or interview the person acts alone."""
    if ent.label_ == "GPE":
        return describes_a_person(ent, people)
    if ent.label_ == "ORG":
        return ctx.taxonomy.family(kind) in PERSONAL_FAMILIES and describes_a_person(ent, people)
    return False


def _dated_before(dated, published: date) -> bool:
    """The event's date lies wholly before the publication date, read against the article's own
    time (a date in a quotation, read against when it was said, may have been ahead then)."""
    return (
        dated is not None and dated.end_date is not None and dated.end_date < published
        and dated.anchor_kind != "utterance" and not dated.in_quote
    )


def _ents_after_dateline(ctx: _Context) -> list[Span]:
    return [e for e in ctx.doc.ents if e.start_char >= ctx.dateline_end]


JOURNEY_VERBS = {"travel", "fly", "head", "go", "come", "arrive", "return", "journey", "sail", "drive", "jet"}


def _journey_setting(verb: Token, token_ids: set[int]) -> set[int]:
    """Where and when of a journey whose purpose the event is: in "will fly to Lima on Monday to meet
    X" the meeting is in Lima on Monday. The tokens of the journey verb's own modifiers, for a
    purpose clause ("to" + verb) of a verb of travel; empty otherwise."""
    journey = verb.head
    is_purpose = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if not is_purpose or journey.i == verb.i or journey.lemma_.lower() not in JOURNEY_VERBS:
        return set()
    modifiers = [c for c in journey.children if c.dep_ in {"prep", "npadvmod", "advmod"} and c.i not in token_ids]
    return {t.i for c in modifiers for t in c.subtree}


def _announcing_group(verb: Token) -> list[Span]:
    """The parties behind a group that announces the event ("the negotiating teams of the Government
    of Peru and the Shining Path announced that the talks will restart"): the organisations, people
    and countries of a group-noun subject of the verb the event's clause complements."""
    if verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return []
    subjects = [c for c in verb.head.children if c.dep_ == "nsubj" and c.lemma_.lower() in GROUP_WORDS]
    if not subjects:
        return []
    inside = {t.i for s in subjects for t in s.subtree}
    return [
        e for e in verb.doc.ents
        if e.root.i in inside and e.label_ in PARTICIPANT_LABELS and e.label_ not in PLACE_LABELS and not is_country(e)
    ] or [e for e in verb.doc.ents if e.root.i in inside and e.label_ == "GPE" and is_country(e)]


def _names_a_group(ent: Span) -> bool:
    """A nationality qualifying a group that acts: "an Israeli delegation", "Chilean negotiators";
    not one qualifying a person named with it ("his Peruvian counterpart Luis Vega": Vega takes part)."""
    head = ent.root.head
    if ent.label_ != "NORP" or ent.root.dep_ not in {"amod", "compound"} or head.lemma_.lower() not in GROUP_WORDS:
        return False
    return not any(
        e.label_ == "PERSON" and (e.root.head.i == head.i or e.start <= head.head.i < e.end) for e in ent.doc.ents
    )


def _origin_of_a_group(ent: Span) -> bool:
    """The country a group comes from takes part: "delegates from Chile and Peru will hold talks"."""
    token = ent.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    preposition = token.head
    return (
        token.dep_ == "pobj" and preposition.lower_ == "from"
        and preposition.head.lemma_.lower() in GROUP_WORDS
    )


def _place_rank(place: Span, trigger: Token, verb: Token) -> tuple[bool, int]:
    """Which of two places in the clause is where the event happens.

    First the one whose preposition hangs from the event's trigger or verb ("met on Thursday in
    Lima", "talks in Cairo"), not from a word inside a participant ("the ministers, long rivals
    in South America, met in Lima"); then the narrower one: a venue over a city, a city over a
    country ("in Spain today, X and Y meet at the Metropolitano Stadium")."""
    preposition = spatial_preposition_token(place)
    on_the_event = preposition is not None and preposition.head.i in {trigger.i, verb.i}
    if place.label_ == "FAC" or PLACE_WORDS.search(place.text):
        narrowness = 2
    else:
        narrowness = 0 if is_country(place) else 1
    return on_the_event, narrowness


def _numbered_group(ent: Span) -> bool:
    """A "place" with a number in its name is a group of countries the tagger took for one ("the G7
    summit", "G20 leaders"): it takes part, it is not where the event happens."""
    return ent.label_ == "GPE" and any(ch.isdigit() for ch in ent.text)


def _place_tagged_person(ent: Span) -> bool:
    """A "person" one is in or at ("in the fishing town of Pulau Banda"): the small model tags some
    unfamiliar place names PERSON; nobody meets in a person."""
    return ent.label_ == "PERSON" and spatial_preposition(ent) in {"in", "at"}


def _process_in_progress(trigger: Token, kind: str) -> bool:
    """'will help in the negotiations', 'progress in the talks': undated talks named as the setting
    of something else are a process already going on, not one being scheduled."""
    in_phrase = trigger.dep_ == "pobj" and trigger.head.lower_ in {"in", "into"}
    return in_phrase and kind == "talks"


def _role_holder(ctx: _Context, ent: Span) -> str | None:
    """The mention of the person the article gives the role a country's name qualifies: in "the
    foreign ministers of Iran and Chile" or "the Iranian and Chilean ministers", Iran stands for
    "Iranian Foreign Minister X" (or "his Iranian counterpart X") named anywhere in the article;
    None when nobody is titled so."""
    root = ent.root
    while root.dep_ == "conj":
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        role = root.head.head  # "the ministers of Iran"
    elif root.dep_ in {"amod", "compound"}:
        role = root.head  # "the Iranian and Chilean ministers"
    else:
        return None
    if role.tag_ != "NNS" or role.lemma_.lower() not in TITLE_WORDS:
        return None
    country = country_key(ent.text)
    return next(
        (mention for person in ctx.resolver.people if (mention := _titled_mention(ctx, person, role.lemma_.lower(), country))),
        None,
    )


def _titled_mention(ctx: _Context, person: Person, role: str, country: str | None = None) -> str | None:
    """The first mention of ``person`` written after the role ("Foreign Minister X", "his counterpart
    X"), and after a nationality or country of ``country`` when one is asked for."""
    for start, end in person.mentions:
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        before = ctx.doc[max(0, span.start - 4) : span.start]
        titled = any(t.lower_ in {role, "counterpart"} for t in before)
        if titled and (country is None or any(country_key(t.text) == country for t in before)):
            return f"{ctx.article_id}:{start}-{end}"
    return None


def _role_plural(token: Token) -> bool:
    """ "the ministers", "the envoys": a definite plural title with no count and no "of" phrase of
    its own, which refers back to the people the article gave that title."""
    return (
        token.tag_ == "NNS" and token.lemma_.lower() in TITLE_WORDS
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and not any(c.dep_ in {"nummod", "prep"} for c in token.children)
    )


def _last_two_titled(ctx: _Context, token: Token) -> list[str]:
    """Of the people named before ``token`` with its title (or as a counterpart), the two the article
    introduced last (the resolver keeps people in the order they first appear), if two were."""
    seen = []
    for person in ctx.resolver.people:
        mention = _titled_mention(ctx, person, token.lemma_.lower())
        if mention is not None and _offsets(mention)[0] < token.idx:
            seen.append(mention)
    return seen[-2:] if len(seen) >= 2 else []


def _mention_id(ctx: _Context, ent: Span) -> str:
    return f"{ctx.article_id}:{ent.start_char}-{ent.end_char}"


def _role(ctx: _Context, ent: Span, trigger: Token, verb: Token, kind: str) -> str:
    """host, subject or attendee, as the syntax around the trigger says."""
    root = ent.root
    if root.dep_ == "nsubj" and root.head.lemma_.lower() == "host":
        return "host"
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.lemma_.lower() == "host":
        return "host"
    if ctx.taxonomy.family(kind) in ABOUT_SOMEONE:
        about = root.dep_ == "pobj" and root.head.lower_ in {"of", "on", "against", "over"} and root.head.head.i == trigger.i
        defendant = root.dep_ in {"nsubjpass", "poss"} and root.head.i in {trigger.i, verb.i}
        if about or defendant:
            return "subject"
    return "attendee"


def reported_spans(quotes: Sequence[Quote]) -> list[tuple[int, int]]:
    """What speakers said, as character spans: direct and indirect quotes, not a partial quote's
    fragment (an event around "called the talks 'productive'" is the writer's sentence)."""
    return [(q.start_char, q.end_char) for q in quotes if q.kind in {"direct", "indirect"}]


def _within_report(ctx: _Context, trigger: Token, tokens: list[Token]) -> list[Token]:
    """An event told in what someone said keeps to what they said: the attribution around it ("…,
    Gomez, the council's secretary, confirmed on Friday") tells who reported it and when, not who
    takes part or when it happens, however the parser hung it on the event's verb."""
    content = next(((s, e) for s, e in ctx.reported if s <= trigger.idx < e), None)
    if content is None:
        return tokens
    return [t for t in tokens if content[0] <= t.idx < content[1]]


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
        elif _role_plural(token) and not _inside_quote(ctx, token.idx) and (titled := _last_two_titled(ctx, token)):
            vague.extend(titled)  # "the ministers" after "Minister X … his counterpart Y"
        elif _counted_pair(token) or lowered in {"their", "they", "both"} and not _inside_quote(ctx, token.idx):
            vague.extend(_last_two_people(ctx, token.idx, leaders_only=False))
        elif (referent := _referent_of(ctx, token)) is not None:
            explicit.append(referent)
    return explicit, vague


def _referent_of(ctx: _Context, token: Token) -> str | None:
    """Who a possessive or a description in the clause refers back to: "his press conference" (the
    person in focus), "its outlook report" (the organisation in focus), "the alliance's leaders
    met" (the organisation named before and named like it). Outside quotations only."""
    if _inside_quote(ctx, token.idx):
        return None
    phrase = token.doc[token.i : token.i + 1]
    if token.lower_ in {"his", "her"} and token.dep_ == "poss":
        fronted = _subject_after_fronted_phrase(ctx, token)  # "At his news conference, Ivo Maric said"
        if fronted is not None:
            return _mention_id(ctx, fronted)
        person = ctx.resolver.salient_person_before(phrase)
        mention = ctx.resolver.mention_near(person, token.idx)
        return f"{ctx.article_id}:{mention[0]}-{mention[1]}" if mention else None
    if token.lower_ == "its" and token.dep_ == "poss":
        organisation = ctx.resolver.organisation_in_focus(phrase)
    elif _describes_an_organisation(token):
        start = min(c.i for c in token.children if c.dep_ in {"det", "amod", "compound"})
        organisation = ctx.resolver.organisation_before(token.doc[start : token.i + 1], strict=True)
    elif token.lower_ in MEMBER_NOUNS and token.dep_ in {"nsubj", "nsubjpass"} and not token.ent_type_:
        # "Central bankers last opted to hold": the members act for the organisation they belong to
        organisation = ctx.resolver.organisation_before(phrase, strict=True, noun=MEMBER_NOUNS[token.lower_])
    else:
        return None
    return _mention_id(ctx, organisation) if organisation is not None else None


def _subject_after_fronted_phrase(ctx: _Context, token: Token) -> Span | None:
    """The person subject of the main clause when the possessive sits in a phrase fronted before it."""
    root = token.sent.root
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.i < token.i or not any(a.i == root.i for a in token.ancestors):
        return None
    fronted = next((a for a in token.ancestors if a.head.i == root.i), None)
    if fronted is None or fronted.i > subject.i:
        return None
    return next((e for e in ctx.doc.ents if e.label_ == "PERSON" and e.start <= subject.i < e.end), None)


def _names_the_meeting(noun: Token, verb: Token) -> bool:
    """The event noun says what the meeting is ("for their summit", "in the final", "at talks"),
    not when it happens ("during a phone call", "after the summit")."""
    preposition = noun.head
    return noun.dep_ == "pobj" and preposition.lower_ in {"for", "in", "at"} and preposition.head.i == verb.i


def _describes_an_organisation(token: Token) -> bool:
    """ "the alliance", "the central bank": a definite singular organisation noun outside any name."""
    return (
        token.lemma_.lower() in ORGANISATION_NOUNS and token.tag_ == "NN" and not token.ent_type_
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    )


def _with_controller_subject(trigger: Token, tokens: list[Token]) -> list[Token]:
    """Add the subject that controls a subjectless verb: 'Trump and Putin agreed to meet',
    'Thune is ready to hold a vote' (the participants are the controlling clause's subject)."""
    verb = trigger if acts_as_verb(trigger) else governing_verb(trigger)
    if not acts_as_verb(trigger) and not _acts_on_event(trigger, verb):
        return tokens  # "(the US and Russia) … to prepare a summit": who prepares need not take part
    current = verb
    for _ in range(5):  # "X made up for losing the final by beating Y": beating → by → losing → for → made
        absolute = absolute_subject(current) if current.dep_ != "ROOT" else None
        if absolute is not None:  # "with the governor due to hold a briefing": the governor holds it
            return tokens + list(absolute.subtree)
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            if current.i == verb.i:
                return tokens
            return tokens + [t for s in subjects for t in s.subtree]
        if current.dep_ not in {"xcomp", "advcl", "acomp", "pcomp", "prep"} or current.head.i == current.i:
            return tokens
        current = current.head
    return tokens


PAIR_NOUNS = {"ministers", "officials", "envoys", "presidents", "counterparts", "leaders", "men", "women", "sides"}


def _counted_pair(token: Token) -> bool:
    """'the pair of ministers', 'the two ministers', 'both sides': two people named before."""
    if token.lower_ == "pair" and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return True
    counted = any(c.lower_ in {"two", "both"} for c in token.children if c.dep_ in {"nummod", "det", "predet"})
    return token.lower_ in PAIR_NOUNS and counted


def _acts_on_event(trigger: Token, verb: Token) -> bool:
    """The verb's doer is the event's participant: a light verb ("hold a vote"), or a verb that
    takes the event as its object and is not a call for it ("failed to meet the deadline",
    "agreed to push the deadline back"), as against "urged a meeting"."""
    lemma = verb.lemma_.lower()
    if lemma in LIGHT_VERBS:
        return True
    moved = any(c.dep_ == "prt" for c in verb.children)  # "push back", "put off", "call off"
    return trigger.dep_ == "dobj" and trigger.head.i == verb.i and (lemma not in ADVOCACY_VERBS or moved)


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
        if e.anchor_kind == "expression" and _measured_from_another(span) and not _relation_dates(span, trigger):
            continue  # "a day before X" is read off the article's last date, which need not be X's
        if span.root.dep_ == "pobj" and span.root.head.lower_ == "since":
            continue  # "the first cut since 2020": where a span of time starts, not when the event is
        # the event's own clause before a relative clause on its trigger, which can tell its history:
        # "the talks that opened on November 21 will restart on February 13"
        in_relative = any(a.dep_ == "relcl" and a.head.i == trigger.i for a in span.root.ancestors)
        candidates.append((e.start_date is None, in_relative, abs(span.root.i - trigger.i), e))
    if candidates:
        best = min(candidates, key=lambda c: c[:3])[3]
        return f"{ctx.article_id}:{best.start_char}-{best.end_char}", "resolved" if best.start_date else "unknown"
    if TO_BE_DETERMINED.search(ctx.sentence_of(trigger)[1].text):
        return None, "to be determined"
    return None, "unknown"


def _measured_from_another(span: Span) -> bool:
    """ "a day before the meeting", "two weeks after the vote": a time measured from something else
    (as against "later in the day", "the next day", "two days later", read off the date the
    article last gave, which dates the clause's own event)."""
    relation = [t for t in (*span, span.root.head) if t.lower_ in {"before", "after"}]
    return any(c.dep_ in {"pobj", "pcomp"} for t in relation for c in t.children)


def _relation_dates(span: Span, trigger: Token) -> bool:
    """'a day before [Trump’s White House meeting]': the relation's preposition governs the trigger."""
    return any(t.lower_ in {"before", "after"} and trigger.head.i == t.i for t in span)


def _anaphoric(trigger: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"the", "those", "that", "this", "these"} for c in trigger.children)


def _join_definite_descriptions(mentions: list[EventMention], ctx: _Context) -> list[EventMention]:
    """A definite event with participants of its own ("Rubio will represent the US at the initial
    round of talks") is the event of its family named just before with a participant in common
    ("the US and Russia will hold talks next week"): it adds its participants to that one's."""
    text = text_of(ctx.doc)

    def names(mention: EventMention) -> set[str]:
        return {_bare(text, mention_id) for mention_id in mention.participant_mention_ids}

    joined: list[EventMention] = []
    for mention in mentions:
        if mention.definite and mention.participant_mention_ids:
            antecedent = next(
                (m for m in reversed(joined) if ctx.taxonomy.family(m.kind) == ctx.taxonomy.family(mention.kind)
                 and 0 < mention.sentence_index - m.sentence_index <= 2 and names(m) & names(mention)),
                None,
            )
            if antecedent is not None:
                own = dict(zip(mention.participant_mention_ids, mention.participant_roles, strict=True))
                for mention_id, role in zip(antecedent.participant_mention_ids, antecedent.participant_roles, strict=True):
                    if _bare(text, mention_id) not in names(mention):
                        own[mention_id] = role
                mention = replace(mention, participant_mention_ids=tuple(own), participant_roles=tuple(own.values()))
        joined.append(mention)
    return joined


def _bare(text: str, mention_id: str) -> str:
    start, end = _offsets(mention_id)
    return text[start:end].lower().removeprefix("the ").strip()


def _offsets(mention_id: str) -> tuple[int, int]:
    """The characters of a mention id ("article:start-end")."""
    start, end = mention_id.rsplit(":", 1)[1].split("-")
    return int(start), int(end)


def _definite(trigger: Token) -> bool:
    """ "the talks", and "the first round of talks": a definite noun the trigger is "of" to."""
    if _anaphoric(trigger):
        return True
    return trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and _anaphoric(trigger.head.head)


def _postpone_earlier_dates(mentions: list[EventMention]) -> list[EventMention]:
    """ "Microsoft missed the July 18 deadline. Activision agreed to push the deadline back to October
    18": a definite event moved to a new day was set for another day before, and that occurrence,
    the nearest earlier one of its kind dated otherwise (within two sentences), is postponed."""
    result = list(mentions)
    for index, mention in enumerate(result):
        if not (mention.rescheduled and mention.definite):
            continue
        earlier = next(
            (j for j in range(index - 1, -1, -1)
             if result[j].kind == mention.kind and result[j].timex_id not in {None, mention.timex_id}
             and 0 <= mention.sentence_index - result[j].sentence_index <= 2),
            None,
        )
        if earlier is not None:
            result[earlier] = replace(result[earlier], status="postponed")
    return result


def _resolve_anaphora(mentions: list[EventMention], taxonomy: Taxonomy) -> list[EventMention]:
    """A definite event with no participants takes those of the nearest earlier event of its family.

    A plural one ("Those meetings never took place") is about every event of its family in the
    sentence that event is in: the others take its status too (the nearest keeps the mention)."""
    resolved: list[EventMention] = []
    for mention in mentions:
        if mention.anaphoric and not mention.participant_mention_ids and not mention.vague_participant_ids:
            antecedent = next(
                (m for m in reversed(resolved) if taxonomy.family(m.kind) == taxonomy.family(mention.kind)
                 and (m.participant_mention_ids or m.vague_participant_ids)
                 and 0 <= mention.sentence_index - m.sentence_index <= 2),
                None,
            )
            if antecedent is not None and mention.plural:
                resolved = [
                    replace(m, status=mention.status)
                    if m is not antecedent and m.sentence_index == antecedent.sentence_index
                    and taxonomy.family(m.kind) == taxonomy.family(mention.kind)
                    and (m.participant_mention_ids or m.vague_participant_ids) else m
                    for m in resolved
                ]
            if antecedent is not None:
                mention = replace(
                    mention,
                    kind=antecedent.kind if mention.kind == "meeting" else mention.kind,
                    participant_mention_ids=antecedent.participant_mention_ids,
                    participant_roles=antecedent.participant_roles,
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
