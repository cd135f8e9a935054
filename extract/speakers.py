"""Who a speaker phrase refers to, within one article.

A speaker is written as a name ("Trump", "Mr. Zelensky"), a pronoun ("he"), a
descriptor ("the president", "the Ukrainian leader") or an unnamed source ("an aide").
Names resolve to the fullest form of the same name in the article ("Donald Trump");
pronouns to the speaker of the quotation just before or the last person named;
descriptors to the person the article gave that title ("US President Donald Trump",
"Ukrainian President Volodymyr Zelenskiy"), matching the nationality when the
descriptor has one. Unnamed sources keep their description and no name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from extract.doc_text import text_of
from extract.mention_links import abbreviates, link_mentions
from extract.mention_links import bare as bare_entity_name
from extract.quote_spans import QuoteSpan, find_quotes

HONORIFICS = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Messrs|Sen|Rep|Gov|Gen|President|Prime Minister)\.?\s+")
POSSESSIVE = re.compile(r"[’']s$")
PRONOUNS = {"he", "she", "they", "him", "her", "his", "i", "we"}
PLURAL_PRONOUNS = {"they", "them", "their", "its"}
"""Pronouns for a group or an organisation ("they said", "its statement read"), never one person."""
TITLE_WORDS = {
    "president", "leader", "minister", "secretary", "chancellor", "premier", "spokesman", "spokeswoman",
    "spokesperson", "senator", "governor", "ambassador", "chief", "king", "queen", "pope", "general",
    "envoy", "official", "aide", "adviser", "advisor", "director", "chairman", "speaker", "mayor",
}
LEADER_TITLES = {"president", "premier", "chancellor", "king", "queen", "leader"}
PROMINENT_DEPS = {"nsubj", "nsubjpass", "poss"}
SALIENCE_SENTENCES = 3
"""Sentences (this one and two before) searched for the subject a pronoun refers back to."""
ORGANISATION_NOUNS = {
    "alliance", "bloc", "group", "grouping", "company", "firm", "bank", "ministry", "government", "union", "guild",
    "party", "agency", "regulator", "court", "council", "committee", "board", "exchange", "carmaker", "airline",
    "studio", "organisation", "organization", "authority", "commission", "department", "administration", "club",
    "federation", "association", "broadcaster", "network", "newspaper", "channel", "army", "military", "parliament",
}
"""Nouns a report uses to refer back to an organisation it named ("the alliance said")."""
MEMBER_NOUNS = {
    "bankers": "bank", "policymakers": "bank", "rate-setters": "bank", "workers": "union", "machinists": "union",
    "unionists": "union", "regulators": "regulator", "lawmakers": "parliament", "legislators": "parliament",
}
"""Plural nouns for the members of an organisation: "central bankers opted to hold" is the bank deciding."""
ORGANISATION_KIND_WORDS = {
    "union": {"union", "workers", "association", "guild", "federation", "brotherhood", "teamsters"},
    "bank": {"bank", "reserve", "fed"},
    "party": {"party", "congress", "alliance", "front", "movement"},
    "regulator": {"authority", "commission", "agency", "administration", "office"},
}
"""Words in an organisation's name that fit a referring noun that is not itself in the name
("the union" → the International Association of Machinists; "the central bank" → the Federal Reserve)."""
COMPANY_NOUNS = {"company", "firm", "carmaker", "airline", "studio", "exchange", "broadcaster"}
FALLBACK_NOUNS = COMPANY_NOUNS | {"alliance", "bloc", "grouping", "organisation", "organization", "regulator"}
"""Referring nouns general enough to take the last organisation named even when its name has no
word of theirs ("the company" after "Boeing"); others ("the court") need one named like them."""
NON_COMPANY_WORDS = {
    "union", "guild", "workers", "association", "federation", "ministry", "government", "parliament", "party",
    "council", "committee", "court", "commission", "authority", "agency", "department", "administration",
}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
APPOSED_NAME_LABELS = {"PERSON", "ORG", "GPE"}
"""A name in apposition that speaks for its head ("hosts Norway said"); a nationality there
("the president Colombian, …") only qualifies it."""
"""NER labels of things that can speak (a ministry, a country, a company) or be a speaker's name."""
HOME_NATIONALITY = "us"
NATIONALITY_ALIASES = {
    "american": {"us", "u.s.", "american", "united states"},
    "us": {"us", "u.s.", "american", "united states"},
    "u.s.": {"us", "u.s.", "american", "united states"},
    "russian": {"russian", "russia"},
    "ukrainian": {"ukrainian", "ukraine"},
    "british": {"british", "uk", "britain"},
    "french": {"french", "france"},
    "german": {"german", "germany"},
    "chinese": {"chinese", "china"},
    "indian": {"indian", "india"},
    "hungarian": {"hungarian", "hungary"},
}


@dataclass(frozen=True)
class Person:
    """A named person of the article: fullest name, where it was named, the titles it was given.

    ``titles`` holds (title word, nationality or None) pairs read before the name outside
    quotations: "Ukrainian President Volodymyr Zelenskiy" gives ("president", "ukrainian").
    """

    name: str
    mentions: tuple[tuple[int, int], ...]
    titles: frozenset[tuple[str, str | None]]
    quoted_titles: frozenset[tuple[str, str | None]] = frozenset()


@dataclass(frozen=True)
class Speaker:
    text: str
    start: int
    end: int
    kind: str  # name, pronoun, descriptor, organisation, group, unnamed
    name: str | None  # resolved full name within the article
    mention: tuple[int, int] | None  # offsets of the named mention the speaker resolves to


ANONYMOUS_GROUPS = {"sources", "people", "insiders"}
"""Plural nouns that keep a speaker anonymous ("sources told Reuters", "people familiar with the
talks said"): unnamed sources, not a group."""


def group_of(phrase: Span) -> Speaker | None:
    """A group that speaks: a plural common noun heading the subject ("prosecutors said", "Officials
    from Saudi Arabia had said", "Zhao's lawyers cited"). It names no entity, so it is its own kind,
    ``group``, named by the phrase as written (with its "from"/"in" phrase); a possessor ("Zhao's")
    only qualifies it and never speaks."""
    root = phrase.root
    if root.tag_ != "NNS" or root.pos_ != "NOUN" or root.lower_ in PRONOUNS or root.lower_ in ANONYMOUS_GROUPS:
        return None
    doc = root.doc
    right = root.i
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in {"from", "in", "at", "for", "of", "with"}:
            right = max(right, child.right_edge.i)
    left = min(phrase.start, root.left_edge.i)
    while left < root.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    words = doc[left : right + 1]
    if any(t.is_space and "\n" in t.text for t in words):
        words = doc[left : root.i + 1]
    name = words.text
    if words[0].lower_ in {"the", "a", "an", "some", "two", "several", "many"}:
        name = doc[words.start + 1 : words.end].text
    return Speaker(phrase.text, phrase.start_char, phrase.end_char, "group", name, None)


def bare_name(text: str) -> str:
    """'Mr. Zelensky' → 'Zelensky'; 'Trump’s' → 'Trump'."""
    return POSSESSIVE.sub("", HONORIFICS.sub("", text.strip())).strip()


def people(doc: Doc, quoted: list[tuple[int, int]]) -> list[Person]:
    """Named people of the article: each full name with the short forms that stand for it.

    Which full name a short form ("Trump", "Lula", an ORG-labelled "Zelenskiy") stands for is
    decided once, by the in-article linker (``extract.mention_links``: titles, honorifics, who
    was introduced first), so quotes, coreference and events agree with the entity marts.
    """
    full_names: dict[str, list[Span]] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(bare_name(ent.text).split()) >= 2:
            full_names.setdefault(bare_name(ent.text), []).append(ent)
    grouped: dict[str, list[Span]] = {name: list(spans) for name, spans in full_names.items()}
    links = {(link.start_char, link.end_char): link.linked_name for link in link_mentions(doc)}
    for ent in doc.ents:
        name = bare_name(ent.text)
        linked = links.get((ent.start_char, ent.end_char))
        if len(name.split()) != 1 or ent.label_ not in {"PERSON", "ORG"}:
            continue
        if linked in grouped:
            grouped[linked].append(ent)
        elif ent.label_ == "PERSON":
            grouped.setdefault(name, []).append(ent)
    return [
        Person(
            name,
            tuple(sorted((s.start_char, s.end_char) for s in spans)),
            frozenset(titles_of(doc, [s for s in spans if not _inside(s, quoted)])),
            frozenset(titles_of(doc, [s for s in spans if _inside(s, quoted)])),
        )
        for name, spans in grouped.items()
    ]


def _inside(span: Span, quoted: list[tuple[int, int]]) -> bool:
    return any(s <= span.start_char and span.end_char <= e for s, e in quoted)


def titles_of(doc: Doc, spans: list[Span]) -> set[tuple[str, str | None]]:
    """Titles written just before a person's name, with the nationality word before the title."""
    titles = set()
    for span in spans:
        before = [t.text.lower() for t in doc[max(0, span.start - 4) : span.start]]
        for i, word in enumerate(before):
            if word in TITLE_WORDS:
                nationality = next((w for w in before[:i] if w in NATIONALITY_ALIASES), None)
                titles.add((word, nationality))
    return titles


class SpeakerResolver:
    """Resolves speaker phrases of one article to the people it names.

    Built once per document (``for_doc``) and shared by the quote, coreference and event
    extraction, which all need the same quotation spans and people.
    """

    def __init__(self, doc: Doc, quote_spans: Sequence[QuoteSpan]) -> None:
        self.doc = doc
        self.quote_spans = list(quote_spans)
        self.quoted = [(q.start, q.end) for q in self.quote_spans]
        self.people = people(doc, self.quoted)
        self._starts: list[int] | None = None

    @classmethod
    def for_doc(cls, doc: Doc) -> SpeakerResolver:
        return cls(doc, find_quotes(text_of(doc)))

    def person_at(self, start: int, end: int) -> Person | None:
        for person in self.people:
            if any(s < end and start < e for s, e in person.mentions):
                return person
        return None

    def last_person_before(self, position: int, persons: list[Person] | None = None) -> Person | None:
        """The person named last before position, outside quotations (a name inside a quote is not the speaker)."""
        best, best_at = None, -1
        for person in persons if persons is not None else self.people:
            for s, e in person.mentions:
                if best_at < s < position and not any(qs <= s and e <= qe for qs, qe in self.quoted):
                    best, best_at = person, s
        return best

    def salient_person_before(self, phrase: Span, persons: list[Person] | None = None) -> Person | None:
        """Whom "he", "she" or "his office" refers back to: the last person that is a main-clause
        subject earlier in the same sentence ("with Chile's President Soto set to meet President
        Vega …, her office said" is Soto's office), else in the sentence or two before (a report
        keeps its subject in focus; a name inside a relative clause is a side remark), else the
        person named last before it."""
        persons = persons if persons is not None else self.people
        starts = self._sentence_starts()
        current = bisect_right(starts, phrase.start) - 1
        for index in range(current, max(current - SALIENCE_SENTENCES, -1), -1):
            window_start = self.doc[starts[index]].idx
            subjects = [
                person for person in persons for s, e in person.mentions
                if window_start <= s and e <= phrase.start_char and self._is_prominent(s, e)
            ]
            if subjects:
                return self.last_person_before(phrase.start_char, subjects)
        outside_side_remarks = [
            person for person in persons for s, e in person.mentions
            if s < phrase.start_char and not self._in_relative_clause(s, e)
        ]
        return self.last_person_before(phrase.start_char, outside_side_remarks or persons)

    def _sentence_starts(self) -> list[int]:
        """Token index where each sentence starts (doc.sents is rebuilt on every access: read it once)."""
        if self._starts is None:
            self._starts = [sentence.start for sentence in self.doc.sents]
        return self._starts

    def _is_prominent(self, start: int, end: int) -> bool:
        """The mention is a subject (or a possessor: "Lula's trip") outside any relative clause ("where X was sworn in")."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.root.dep_ not in PROMINENT_DEPS:
            return False
        return not self._in_relative_clause(start, end)

    def _in_relative_clause(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and any(a.dep_ == "relcl" for a in span.root.ancestors)

    def resolve(self, phrase: Span, previous: Speaker | None, exclude: frozenset[str] = frozenset()) -> Speaker:
        """Classify the phrase and resolve it to a person or organisation where the article makes it clear.

        ``exclude`` names people the quotation itself speaks of ("President Zelenskyy and I will be
        meeting", said the president): a descriptor or pronoun does not resolve to them.
        """
        text = phrase.text
        start, end = phrase.start_char, phrase.end_char
        office = self.office_of(phrase, previous)
        if office is not None:
            return office
        group = group_of(phrase)
        if group is not None:  # "prosecutors said", "Zhao's lawyers cited": a group, not its possessor
            return group
        person = self.person_at(start, end)
        if person is not None:  # the speaker's own mention: its entity is the one the linker chose
            own = next(((s, e) for s, e in person.mentions if s < end and start < e), None)
            return Speaker(text, start, end, "name", person.name, own or self.mention_near(person, start))
        entity = self.entity_heading(phrase)
        if entity is not None:  # an organisation or a country that speaks: "NASA said", "Qatar suggested"
            return Speaker(text, start, end, "name", bare_entity_name(entity.text), (entity.start_char, entity.end_char))
        lowered = text.lower()
        if lowered in PLURAL_PRONOUNS:
            return self._plural_pronoun(phrase, previous)
        if lowered in PRONOUNS:
            if previous is not None and previous.name is not None and previous.name not in exclude:
                return Speaker(text, start, end, "pronoun", previous.name, previous.mention)
            candidates = [p for p in self.people if not _named_as(p, exclude)]
            found = self.salient_person_before(phrase, candidates)
            return Speaker(text, start, end, "pronoun", found.name if found else None, self.mention_near(found, start))
        if phrase.root.pos_ == "PROPN" and phrase[0].lower_ not in {"the", "this", "a", "an"} and (
            phrase.root.lower_ not in TITLE_WORDS
        ):  # a name the NER missed: match a person by surname, else keep it
            surname = bare_name(text).split()[-1].lower() if bare_name(text) else ""
            found = next((p for p in self.people if p.name.split()[-1].lower() == surname), None)
            if found is not None:
                return Speaker(text, start, end, "name", found.name, self.mention_near(found, start))
            named = self.entity_ending_in(surname, start)  # "Danilov" after "Oleksiy Danilov" (tagged ORG)
            if named is not None:
                return Speaker(text, start, end, "name", bare_name(named.text), (named.start_char, named.end_char))
            return Speaker(text, start, end, "name", bare_name(text), None)
        if phrase[0].lower_ in {"the", "this"} and any(t.lower_ in TITLE_WORDS for t in phrase):
            found = self.by_title(phrase, exclude)
            return Speaker(text, start, end, "descriptor", found.name if found else None, self.mention_near(found, start))
        if phrase[0].lower_ in {"the", "this", "its"} and phrase.root.lemma_.lower() in ORGANISATION_NOUNS:
            # "the country's foreign ministry": an organ of someone named; only one named like it, never
            # whichever organisation came last
            owned = any(c.dep_ == "poss" for c in phrase.root.children)
            organisation = self.organisation_before(phrase, strict=owned)
            if organisation is not None:  # "the alliance said", "the central bank said"
                span = (organisation.start_char, organisation.end_char)
                return Speaker(text, start, end, "descriptor", bare_entity_name(organisation.text), span)
        return Speaker(text, start, end, "unnamed", None, None)

    def _plural_pronoun(self, phrase: Span, previous: Speaker | None) -> Speaker:
        """"They said": a group or an organisation, never one person. The speaker before when that
        was no person; else an organisation that is a subject of this sentence or the one before;
        else unnamed (a plural description such as "prosecutors" names no entity)."""
        text, start, end = phrase.text, phrase.start_char, phrase.end_char
        people_names = {p.name for p in self.people}
        if previous is not None and previous.name is not None and previous.name not in people_names:
            return Speaker(text, start, end, "pronoun", previous.name, previous.mention)
        found = self.organisation_in_focus(phrase)
        if found is not None:
            return Speaker(text, start, end, "pronoun", bare_entity_name(found.text), (found.start_char, found.end_char))
        group = self.group_in_focus(phrase)
        if group is not None:  # "Prosecutors asked for three years. [...] They said ...": the prosecutors
            return Speaker(text, start, end, "pronoun", group.name, None)
        return Speaker(text, start, end, "pronoun", None, None)

    def group_in_focus(self, phrase: Span) -> Speaker | None:
        """The group "they" refers back to when no organisation is in focus: the last plural common-noun
        subject of this sentence (before the phrase) or of the two before, outside quotations and
        relative clauses ("a truce that the rebels rejected" is a side remark)."""
        window = self._sentence_starts()
        current = bisect_right(window, phrase.start) - 1
        opens = window[max(current - 2, 0)]
        subjects = [
            t for t in self.doc[opens : phrase.start]
            if t.dep_ in {"nsubj", "nsubjpass"} and t.tag_ == "NNS" and t.pos_ == "NOUN" and t.head.dep_ != "relcl"
            and not any(s <= t.idx < q for s, q in self.quoted)
        ]
        for subject in reversed(subjects):
            group = group_of(self.doc[subject.left_edge.i : subject.i + 1])
            if group is not None:
                return group
        return None

    def organisation_in_focus(self, phrase: Span) -> Span | None:
        """What "they" or "its" refers back to when it is an organisation: the last organisation that
        is a subject in this sentence (before the phrase) or the one before, outside quotations."""
        window = self._sentence_starts()
        current = bisect_right(window, phrase.start) - 1
        opens = window[max(current - 1, 0)]
        organisations = [
            e for e in self.doc.ents
            if e.label_ == "ORG" and opens <= e.start and e.end <= phrase.start and e.root.dep_ in {"nsubj", "nsubjpass"}
            and not _inside(e, self.quoted)
        ]
        return organisations[-1] if organisations else None

    def office_of(self, phrase: Span, previous: Speaker | None) -> Speaker | None:
        """"Netanyahu's office said", "his office said": the office of that person, an organisation."""
        root = phrase.root
        if root.lemma_.lower() != "office":
            return None
        owner = next((c for c in root.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        if owner.lower_ in {"his", "her"}:
            person = None
            if previous is not None and previous.name is not None:
                person = next((p for p in self.people if p.name == previous.name), None)
            person = person or self.salient_person_before(phrase)
        else:
            person = self.person_at(owner.idx, owner.idx + len(owner.text))
        if person is None:
            return None
        return Speaker(phrase.text, phrase.start_char, phrase.end_char, "organisation", f"Office of {person.name}", None)

    def organisation_before(self, phrase: Span, strict: bool = False, noun: str | None = None) -> Span | None:
        """The organisation an org noun refers back to: the last organisation named before it whose name
        has the same noun ("the bank": the Bank of Japan), else the last organisation named. ``noun``
        reads the phrase as that organisation noun ("central bankers" as "bank")."""
        noun = noun or phrase.root.lemma_.lower()
        before = [e for e in self.doc.ents if e.label_ == "ORG" and e.end_char <= phrase.start_char
                  and not _inside(e, self.quoted)]
        owners = {c.i for c in phrase.root.children if c.dep_ == "poss"}
        before = [e for e in before if e.root.i not in owners]  # "Acme's union" is not Acme
        same = [e for e in before if noun in e.text.lower()]
        kind_words = ORGANISATION_KIND_WORDS.get(noun)
        if kind_words is not None and not same:  # "the regulator": an organisation named like one, if any
            alike = [e for e in before if kind_words & {t.lower_ for t in e}]
            if alike:  # of several, the one the article names most ("the UK regulator" after five "CMA"s)
                return max(reversed(alike), key=lambda e: self._times_named(bare_entity_name(e.text)))
        elif noun in COMPANY_NOUNS:  # "the company" is no union, ministry or parliament
            before = [e for e in before if not NON_COMPANY_WORDS & {t.lower_ for t in e}]
        if strict and noun not in FALLBACK_NOUNS:
            before = []  # "the court", "the ministry": only one named like it
        chosen = same or before
        return chosen[-1] if chosen else None

    def organisation_after(self, phrase: Span) -> Span | None:
        """The organisation a lede's description names ahead of its name ("Widodo said the regional bloc
        had failed ... at a meeting of ASEAN leaders"): only in the article's first sentence, where a
        report often describes before it names; the first organisation named in the next two sentences
        and named like the noun ("the bank" → "… Bank …"; "the bloc", "the company" take any)."""
        starts = self._sentence_starts()
        if len(starts) < 2 or phrase.start >= starts[1]:
            return None
        until = starts[3] if len(starts) > 3 else len(self.doc)
        noun = phrase.root.lemma_.lower()
        after = [e for e in self.doc.ents if e.label_ == "ORG" and phrase.end <= e.start < until
                 and not _inside(e, self.quoted)]
        kind_words = ORGANISATION_KIND_WORDS.get(noun, set())
        fitting = [e for e in after if noun in e.text.lower() or kind_words & {t.lower_ for t in e}]
        if noun in FALLBACK_NOUNS:
            fitting = fitting or after
        return fitting[0] if fitting else None

    def _times_named(self, name: str) -> int:
        """How often the article names an organisation, by its name or an acronym of it."""
        return sum(
            1 for e in self.doc.ents
            if e.label_ == "ORG" and (bare_entity_name(e.text) == name or abbreviates(e.text, name))
        )

    def entity_heading(self, phrase: Span) -> Span | None:
        """The named entity mention holding the phrase's head word, if any.

        "NASA" is a speaking entity; in "the Ukrainian leader" the entity (Ukrainian) only
        modifies the head (leader), so the phrase is a descriptor, not the entity.
        """
        head = phrase.root.i
        own = next((e for e in self.doc.ents if e.label_ in NAME_LABELS and e.start <= head < e.end), None)
        if own is not None and own.label_ == "NORP":  # "the president Chilean, Rosa Valdivia,": no demonym speaks
            return self._named_in_apposition(phrase.root)
        return own or self._named_in_apposition(phrase.root)

    def _named_in_apposition(self, head: Token) -> Span | None:
        """The name a common-noun head is followed by in apposition: "hosts Norway said", "the
        regulator, Ofcom, said". Only after the head: in "the Kremlin spokesman" the name qualifies."""
        for child in head.rights:
            if child.dep_ in {"appos", "npadvmod"} and child.pos_ == "PROPN":
                return next((e for e in self.doc.ents if e.label_ in APPOSED_NAME_LABELS and e.start <= child.i < e.end), None)
        return None

    def entity_ending_in(self, word: str, position: int) -> Span | None:
        """The last named entity before the position whose last word is ``word`` (a surname used alone)."""
        if not word:
            return None
        found = [
            e for e in self.doc.ents
            if e.label_ in NAME_LABELS and e.start_char < position and e[-1].lower_ == word
        ]
        return found[-1] if found else None

    def by_title(self, phrase: Span, exclude: frozenset[str] = frozenset(), title: str | None = None) -> Person | None:
        """The person the article titled like the descriptor.

        "the Ukrainian leader" needs a Ukrainian title; an unqualified "the president" means
        a president named without a foreign nationality (HOME_NATIONALITY: US news style).
        Of several, the one in focus ("Trump says he and Putin agreed … The president said"
        is Trump: the subject before, not the last president named).
        """
        words = [t.lower_ for t in phrase]
        title = title or next((w for w in reversed(words) if w in TITLE_WORDS), None)
        nationality = next((w for w in words if w in NATIONALITY_ALIASES), None)
        accepted = LEADER_TITLES if title in LEADER_TITLES else {title}
        home = NATIONALITY_ALIASES[HOME_NATIONALITY]
        candidates = []
        for person in self.people:
            titled = [mark for word, mark in person.titles if word in accepted]
            marks = {mark for mark in titled if mark is not None}
            if not titled:
                continue
            if nationality is not None and nationality not in home:
                if marks & NATIONALITY_ALIASES[nationality]:
                    candidates.append(person)
            elif marks <= home:  # no foreign nationality: a home-country title may omit it
                candidates.append(person)
        candidates = [p for p in candidates if not _named_as(p, exclude)] or candidates
        subject = self.subject_of_clause(phrase)
        if len(candidates) > 1 and any(p not in subject for p in candidates):
            candidates = [p for p in candidates if p not in subject]
        others = self.named_in_clause(phrase)
        if len(candidates) > 1 and any(p not in others for p in candidates):
            candidates = [p for p in candidates if p not in others]
        return (self.salient_person_before(phrase, candidates) or candidates[0]) if candidates else None

    def subject_of_clause(self, phrase: Span) -> list[Person]:
        """The people who are the subject of the clause the descriptor sits in, below it: "Zelensky is
        landing … for a meeting with the American president" cannot mean Zelensky (a description in
        a clause's predicate does not refer to that clause's own subject)."""
        verb = phrase.root
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        if verb.i in {t.i for t in phrase}:
            return []  # the descriptor is the subject itself
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return [
            person for person in self.people
            if any(s <= t.idx < e for t in subjects for s, e in person.mentions)
        ]

    def named_in_clause(self, phrase: Span) -> list[Person]:
        """People named earlier in the descriptor's sentence, apart from an apposition ("Trump, the
        president,"): "Zelensky is landing … for a meeting with the American president" names
        someone other than the president meant."""
        sentence = phrase.sent
        named = []
        for person in self.people:
            for start, end in person.mentions:
                if not (sentence.start_char <= start and end <= phrase.start_char):
                    continue  # only names written before the descriptor, in its sentence
                if text_of(self.doc)[end : phrase.start_char].strip() in {",", ""}:
                    continue  # "Trump, the American president"
                named.append(person)
                break
        return named

    @staticmethod
    def mention_near(person: Person | None, position: int) -> tuple[int, int] | None:
        """The person's named mention nearest before the position (or the first one)."""
        if person is None:
            return None
        before = [m for m in person.mentions if m[0] <= position]
        return before[-1] if before else person.mentions[0]


def _named_as(person: Person, names: frozenset[str]) -> bool:
    """The person is one of the names, spelling aside ("Zelensky" and "Zelenskyy")."""
    last = person.name.split()[-1].lower()
    return any(fuzz.ratio(last, name.split()[-1].lower()) >= 85 for name in names)


def descriptor_mentions(doc: Doc, resolver: SpeakerResolver, taken: set[tuple[int, int]]) -> list[Speaker]:
    """Definite descriptions outside quotations that refer back to someone the article named:
    a titled person ("the American president") or an organisation ("the union", "the central bank").

    A person: only singular "the [nationality] title" phrases, when the article titled a matching
    person. An organisation: a singular "the [modifier] noun" for an organisation, resolved to an
    organisation named before and named like it ("the union" → "… Machinists and Aerospace
    Workers"); only the most general nouns ("the company") take the last organisation named
    without that. In the lede, a description may come before the name: then it is the organisation
    named next (``organisation_after``). Spans in ``taken`` are skipped.
    """
    found = []
    for chunk in doc.noun_chunks:
        words = [t.lower_ for t in chunk]
        if (
            len(words) < 2 or words[0] != "the"
            or (chunk.start_char, chunk.end_char) in taken
            or any(s <= chunk.start_char and chunk.end_char <= e for s, e in resolver.quoted)
        ):
            continue
        office = _head_of_office(chunk)
        if office is not None:  # "the head of state": the leader in focus
            person = resolver.by_title(office, title="leader")
            if person is not None:
                mention = resolver.mention_near(person, office.start_char)
                found.append(Speaker(office.text, office.start_char, office.end_char, "descriptor", person.name, mention))
            continue
        if words[-1] in TITLE_WORDS and (
            len(words) == 2 or (len(words) == 3 and words[1] in NATIONALITY_ALIASES) or _titled_by_a_name(chunk)
        ):
            person = resolver.by_title(chunk)
            if person is not None:
                mention = resolver.mention_near(person, chunk.start_char)
                found.append(Speaker(chunk.text, chunk.start_char, chunk.end_char, "descriptor", person.name, mention))
        elif len(words) <= 3 and _names_an_organisation_by_kind(chunk):
            organisation = resolver.organisation_before(chunk, strict=True) or resolver.organisation_after(chunk)
            if organisation is not None:
                found.append(Speaker(
                    chunk.text, chunk.start_char, chunk.end_char, "descriptor", bare_entity_name(organisation.text),
                    (organisation.start_char, organisation.end_char),
                ))
    return found


OFFICES = {"state", "government"}


def _head_of_office(chunk: Span) -> Span | None:
    """"the head of state", "the head of government": a leader's title written as a description."""
    doc, end = chunk.doc, chunk.end
    if [t.lower_ for t in chunk] != ["the", "head"] or end + 1 >= len(doc):
        return None
    if doc[end].lower_ == "of" and doc[end + 1].lower_ in OFFICES:
        return doc[chunk.start : end + 2]
    return None


def _titled_by_a_name(chunk: Span) -> bool:
    """"the African National Congress leader", "the Kremlin spokesman": between "the" and the title,
    one organisation's or country's name, the way a nationality qualifies "the Russian president"."""
    inner = chunk[1:-1]
    ents = {t.ent_type_ for t in inner}
    return len(inner) >= 1 and ents <= {"ORG", "GPE", "NORP"} and "" not in ents and all(
        t.ent_iob_ != "B" for t in inner[1:]
    )


def _names_an_organisation_by_kind(chunk: Span) -> bool:
    """"the union", "the central bank", "the UK regulator": a singular organisation noun, no name
    inside the phrase but a country's."""
    root = chunk.root
    return (
        root.lemma_.lower() in ORGANISATION_NOUNS and not root.ent_type_
        and (root.tag_ == "NN" or (root.tag_ == "NNP" and root.is_lower))  # a lower-case "bloc" the tagger called NNP
        and all(t.ent_type_ in {"", "GPE", "NORP"} for t in chunk)  # "the UK regulator" still describes one
    )
