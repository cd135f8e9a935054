"""In-article linking: which fuller name of the same article a short name stands for.

A news report introduces an entity once in full ("President Donald Trump", "the African
National Congress (ANC)") and then shortens it ("Trump", "the ANC", "Lula", "Joko"). For every
named-entity mention this module says which full name of the article it refers to
(``linked_name``) and by which rule (``link_rule``); dbt then clusters the names across
articles. It runs in the tag stage because the context it weighs (titles and honorifics in
front of a name, where each person was introduced) is in the text, not in the warehouse.

Rules, in order:

- **acronym_defined**: the article defines it: "the African National Congress (ANC)" or
  "ANC (African National Congress)".
- **acronym_initials**: an all-capital name whose letters are the initials of one multi-word
  name of the article ("CMA": Competition and Markets Authority; "BOJ": Bank of Japan).
- **person_part**: a one-word name that is a word of a person's full name in the article
  ("Trump", "Lula", "Joko", "Xi"). When two people share it (Donald and Melania Trump) the
  candidates are weighed: a title or honorific written with the short name that the article
  gave one of them ("President Trump", "first lady Trump", "Mrs. Trump"), then the person the
  article introduced first (the bare surname refers to the main person; the other is written
  with the first name). Never simply the longest name.
- **organisation_word**: "the" and one capitalised word of exactly one multi-word organisation
  of the article ("the Bank" after "the Bank of England", "the Commission" after "the European
  Commission"); "Head of State" has no "the" and stays apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from extract.doc_text import text_of
from extract.gazetteer import is_country_name, place_label, subdivision_kind

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
TITLES = re.compile(
    r"(?i)\b(?P<title>first\s+lady|president|vice\s+president|prime\s+minister|minister|chancellor|senator|sen\.|"
    r"governor|gov\.|mayor|king|queen|prince|princess|pope|general|gen\.|judge|secretary|chairman|chairwoman|ceo|"
    r"coach|captain|mr\.?|mrs\.?|ms\.?|miss|dr\.?|sir|dame|lady|lord)\s*$"
)
FEMALE_TITLES = {"first lady", "mrs", "ms", "miss", "queen", "princess", "dame", "lady", "chairwoman"}
MALE_TITLES = {"mr", "king", "prince", "sir", "lord"}
FUNCTION_WORDS = {"of", "and", "for", "the", "de", "du", "des", "la", "le", "on", "in", "&"}
DEFINITION = re.compile(
    r"(?P<long>[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|of|and|for|the|de|du|des|la|le|on|in|&))*)\s*"
    r"(?:\((?P<short>[A-Z][A-Za-z0-9&.]{1,9})\)"
    r"|,\s+(?:(?:also|better|commonly|widely)\s+)?(?:known|referred\s+to)\s+as\s+(?P<known>[A-Z][A-Za-z0-9&.]{1,9})\b)"
)
"""An acronym defined in the text: "Long Name (LN)", "LN (Long Name)", "Long Name, known as LN"."""
ACRONYM = re.compile(r"^(?=(?:.*[A-Z0-9]){2})[A-Z][A-Za-z0-9]{1,7}$")
"""A short form: starts with a capital, at least two capitals or digits in all ("ANC", "BoJ", "G7", "CMAs")."""
PARENTHETICAL_TAIL = re.compile(r"\s*\([^)]*$")
LEADING_THE = re.compile(r"^(?:the|The)\s+")
POSSESSIVE = re.compile(r"[’']s?$")


@dataclass(frozen=True)
class MentionLink:
    start_char: int
    end_char: int
    linked_name: str | None
    link_rule: str | None


def bare(text: str) -> str:
    """The name without a leading "the", a possessive or an unclosed parenthesis ("Democratic Alliance (DA")."""
    text = PARENTHETICAL_TAIL.sub("", text.strip())
    return POSSESSIVE.sub("", LEADING_THE.sub("", text)).strip()


def link_mentions(doc: Doc) -> list[MentionLink]:
    """A link (or none) for every named-entity mention of the document, in document order."""
    mentions = [e for e in doc.ents if e.label_ in NAME_LABELS]
    definitions = _definitions(text_of(doc))
    long_names = {bare(e.text) for e in mentions if len(bare(e.text).split()) >= 2}
    people = _people(doc, mentions)
    organisations = {bare(e.text) for e in mentions if e.label_ == "ORG" and len(bare(e.text).split()) >= 2}
    editions = {bare(e.text) for e in mentions if YEARLY_EDITION.match(bare(e.text))}
    links = []
    for ent in mentions:
        name = bare(ent.text)
        link, rule = None, None
        if name in definitions:
            link, rule = definitions[name], "acronym_defined"
        elif ACRONYM.match(name):
            link, rule = _by_initials(name, long_names), "acronym_initials"
        elif ent.label_ == "GPE" and (division := _division_meant(ent, name)) is not None:
            link, rule = division, "subdivision_in_context"
        elif (edition := _edition_of(name, editions)) is not None:
            link, rule = edition, "event_edition"
        elif len(name.split()) == 1 and ent.label_ in {"PERSON", "ORG"}:  # the small model tags some people ORG
            link, rule = _person_of(doc, ent, name, people), "person_part"
            if link is None and ent.label_ == "ORG" and _after_the(ent):
                link, rule = _organisation_of(name, organisations), "organisation_word"
        links.append(MentionLink(ent.start_char, ent.end_char, link, rule if link else None))
    return links


YEARLY_EDITION = re.compile(r"^(?:1[89]|20)\d\d\s+(?P<series>[A-Z].*)$")
"""A named event's edition: "2022 World Cup", "2024 Summer Olympics"."""


def _edition_of(name: str, editions: set[str]) -> str | None:
    """The one edition of a series the article names with its year, for the series named alone
    ("the World Cup" after "the 2022 World Cup"): a report on one edition means that one."""
    found = [e for e in editions if YEARLY_EDITION.match(e)["series"] == name]
    return found[0] if len(found) == 1 else None


def _division_meant(ent: Span, name: str) -> str | None:
    """A capital or city that is also the name of a state or province, read as the division where
    the text says so: "Washington state", or coordinated with another division ("staff in
    Washington and Oregon"). The division takes a distinct name ("Washington (state)") so it
    never merges with the city."""
    kind = subdivision_kind(name)
    if kind is None or not (place_label(name) == "GPE" and not is_country_name(name)):
        return None
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if following is not None and following.lower_ == kind:
        return f"{name} ({kind})"
    root = ent.root
    partners = [c for c in root.children if c.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
    for partner in partners:
        partner_name = LEADING_THE.sub("", partner.text)
        if subdivision_kind(partner_name) == kind and place_label(partner_name) is None:
            return f"{name} ({kind})"
    return None


def _after_the(ent: Span) -> bool:
    """The mention is written "the X" (the article inside the span or just before it)."""
    first = ent[0] if ent[0].lower_ == "the" else (ent.doc[ent.start - 1] if ent.start > 0 else None)
    return first is not None and first.lower_ == "the"


def _organisation_of(name: str, organisations: set[str]) -> str | None:
    """The one multi-word organisation of the article that has the word (not a function word)."""
    word = name.lower()
    if word in FUNCTION_WORDS:
        return None
    candidates = [o for o in organisations if word in o.lower().split() and o.lower() != word]
    return candidates[0] if len(candidates) == 1 else None


def _definitions(text: str) -> dict[str, str]:
    """Acronyms the article spells out, both ways round: "Long Name (LN)" and "LN (Long Name)"."""
    found: dict[str, str] = {}
    for match in DEFINITION.finditer(text):
        long_name, short = LEADING_THE.sub("", match["long"]).strip(), (match["short"] or match["known"]).rstrip(".")
        if ACRONYM.match(short) and (_initials_fit(short, long_name) or short[0] == long_name[:1]):
            found.setdefault(short, LEADING_THE.sub("", _trim_to_initials(short, long_name)))
        elif ACRONYM.match(long_name) and len(short) > len(long_name):  # "ANC (African National Congress)"
            found.setdefault(long_name, short)
    return found


def abbreviates(short: str, name: str) -> bool:
    """The short form is an acronym of the name ("CMA", "Competition and Markets Authority")."""
    return bool(ACRONYM.match(short)) and short.upper() != name.upper() and _initials_fit(short, name)


def _initials(words: list[str], keep_function_words: bool) -> str:
    return "".join(w[0] for w in words if w and (keep_function_words or w.lower() not in FUNCTION_WORDS)).upper()


def _initials_fit(acronym: str, name: str) -> bool:
    letters = acronym.upper().rstrip("S") if acronym.endswith("s") else acronym.upper()
    words = re.findall(r"[A-Za-z][\w’'-]*", name)
    return any(
        _initials(words[i:], keep) == letters for keep in (False, True) for i in range(len(words))
    )


def _trim_to_initials(acronym: str, name: str) -> str:
    """The part of the words before a parenthesis that the acronym spells ("… party, the National Union (NU)")."""
    words = name.split()
    letters = acronym.upper()
    for i in range(len(words)):
        tail = words[i:]
        if letters in (_initials(tail, False), _initials(tail, True)):
            return " ".join(tail)
    return name


def _by_initials(acronym: str, long_names: set[str]) -> str | None:
    matches = sorted(n for n in long_names if _initials_fit(acronym, n) and n.upper() != acronym)
    return matches[0] if len(matches) == 1 else None


@dataclass
class _Person:
    name: str
    first_at: int
    mentions: int
    titles: set[str]
    gender: str | None


def _people(doc: Doc, mentions: list[Span]) -> list[_Person]:
    """Multi-word person names of the article, with where each was introduced and how titled."""
    people: dict[str, _Person] = {}
    for ent in mentions:
        name = bare(ent.text)
        if ent.label_ != "PERSON" or len(name.split()) < 2:
            continue
        person = people.setdefault(name, _Person(name, ent.start_char, 0, set(), None))
        person.mentions += 1
        title = _title_before(text_of(doc), ent.start_char)
        if title:
            person.titles.add(title)
            person.gender = person.gender or _gender(title)
    return sorted(people.values(), key=lambda p: p.first_at)


def _title_before(text: str, position: int) -> str | None:
    found = TITLES.search(text[max(0, position - 30) : position])
    return " ".join(found["title"].lower().rstrip(".").split()) if found else None


def _gender(title: str) -> str | None:
    return "f" if title in FEMALE_TITLES else "m" if title in MALE_TITLES else None


DIMINUTIVES = {
    "bill": {"william"}, "will": {"william"}, "bob": {"robert"}, "rob": {"robert"}, "bobby": {"robert"},
    "dick": {"richard"}, "rick": {"richard"}, "jim": {"james"}, "jimmy": {"james"}, "jack": {"john"},
    "johnny": {"john"}, "ted": {"edward", "theodore"}, "ned": {"edward"}, "tony": {"anthony", "antonio"},
    "mike": {"michael"}, "joe": {"joseph"}, "tom": {"thomas"}, "dan": {"daniel"}, "dave": {"david"},
    "steve": {"stephen", "steven"}, "chris": {"christopher", "christine", "christina"}, "nick": {"nicholas"},
    "alex": {"alexander", "alexandra", "alexandre", "alejandro"}, "sasha": {"alexander", "alexandra"},
    "leo": {"leonardo", "leonard", "leopold", "lionel", "leon"}, "beto": {"alberto", "roberto"},
    "pepe": {"jose"}, "paco": {"francisco"}, "kate": {"katherine", "catherine"}, "liz": {"elizabeth"},
    "peggy": {"margaret"}, "meg": {"margaret"}, "sandy": {"alexandra", "sandra"}, "vlad": {"vladimir"},
}
"""Given names and the short forms a report may use alone ("Leo" for Lionel Messi, "Bill" for William)."""


def _diminutive_of(word: str, given_name: str) -> bool:
    """A short form of a given name: a listed one, or its first three or more letters ("Alex")."""
    given = given_name.lower()
    return given in DIMINUTIVES.get(word, ()) or (len(word) >= 3 and len(given) > len(word) + 1 and given.startswith(word))


def _person_of(doc: Doc, ent: Span, name: str, people: list[_Person]) -> str | None:
    """The person a one-word name stands for: the last word of a full name first, then any word,
    then a short form of one person's given name ("Leo" for Lionel Messi) when only one fits."""
    word = name.lower()
    for tier in (lambda p: p.name.split()[-1].lower() == word, lambda p: word in p.name.lower().split()):
        candidates = [p for p in people if tier(p) and p.name.lower() != word]
        if candidates:
            return _weigh(doc, ent, candidates).name
    short = [p for p in people if _diminutive_of(word, p.name.split()[0])]
    return short[0].name if len(short) == 1 else None


def _weigh(doc: Doc, ent: Span, candidates: list[_Person]) -> _Person:
    """Title or honorific written with the short name, then gender, then who was introduced first."""
    title = _title_before(text_of(doc), ent.start_char)
    gender = _gender(title) if title else None

    def score(person: _Person) -> tuple[int, int, int]:
        title_fit = 1 if title and title in person.titles else 0
        gender_fit = 0 if not gender or not person.gender else (1 if gender == person.gender else -1)
        return (title_fit, gender_fit, -person.first_at)

    return max(candidates, key=score)


JOINING_WORDS = {"and", "of", "for", "&"}


def refine_entities(doc: Doc) -> None:
    """Mend the NER spans the in-article linking depends on; offsets stay those of the text.

    spaCy's small model sometimes joins two names in one entity ("Trump’s White House",
    "Trump and Zelenskiy") and sometimes misses a short name it tagged in full elsewhere
    ("Lula met the prime minister" after "Luiz Inacio Lula da Silva"). A span with a possessive
    inside is the owner and the thing owned; two capitalised words joined by "and", one of them
    a word of a person named in the article, are two people; a proper noun outside any entity
    that is a word of a person's full name in the article is a mention of that person. A country
    or capital of the curated seeds tagged as an organisation ("will convene in Vilnius") is a
    place, so "the alliance" never refers back to it; a one-word name tagged as a place or an
    organisation that is the surname of a person named in full in the article ("Ueda" after
    "Kazuo Ueda") is that person. A name cut at a joining word ("… Machinists and" + "Aerospace
    Workers") is joined again. A linked headline taken for an organisation ("Zelenskiy Readies List
    of Promises") is a mention of the person whose surname leads it.
    """
    _people_tagged_as_organisations(doc)
    full_names = [e for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
    person_words = {t.lower_ for e in full_names for t in e if len(t) > 2}
    surnames = {e[-1].lower_ for e in full_names if e[-1].is_title}
    entities: list[Span] = []
    for ent in _widen_to_defined_names(doc, _join_broken_names(doc)):
        ent = _person_heading_a_headline(doc, ent, surnames)
        for part in _split(doc, ent, person_words):
            entities.append(_as_person_if_surname(_as_place_if_known(part), surnames))
    covered = {i for e in entities for i in range(e.start, e.end)}
    for token in doc:
        if (
            token.i not in covered and token.pos_ == "PROPN" and token.is_title and token.lower_ in person_words
            and not (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN")
        ):
            entities.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    doc.ents = sorted(entities, key=lambda e: e.start)


HEADLINE_LEADS_NOT = {"administration", "campaign", "government", "family", "cabinet", "camp", "team", "era"}
"""Words after a surname that make a name of its own ("Trump Administration", "Biden Campaign")."""


def _person_heading_a_headline(doc: Doc, ent: Span, surnames: set[str]) -> Span:
    """A linked headline the NER took for one organisation ("Earlier: Zelenskiy Readies List of
    Promises"): a span of three or more words led by the surname of a person named in full in the
    article, with no organisation's word in it, is a clause about that person; its first word is
    the person's mention and the rest is no name. Organisations named after a person keep their
    word ("Trump Organization", "Ford Motor Co", "Biden Administration")."""
    if ent.label_ not in {"ORG", "WORK_OF_ART"} or len(ent) < 3 or ent[0].lower_ not in surnames:
        return ent
    if any(t.lower_ in ORGANISATION_WORDS or t.lower_ in HEADLINE_LEADS_NOT for t in ent):
        return ent
    return Span(doc, ent.start, ent.start + 1, label="PERSON")


ORGANISATION_WORDS = {
    "inc", "corp", "co", "ltd", "llc", "plc", "ag", "sa", "group", "holdings", "partners", "capital", "bank", "fund",
    "foundation", "institute", "university", "college", "school", "hospital", "fc", "united", "club", "airlines",
    "airways", "motors", "energy", "technologies", "systems", "media", "news", "times", "post", "press", "labs",
    "party", "union", "council", "committee", "commission", "authority", "agency", "ministry", "department",
    "association", "federation", "league", "alliance", "front", "army", "court", "congress", "parliament", "assembly",
    "house", "office", "service", "services", "network", "studios", "pictures", "records", "games", "industries",
    "international", "global", "company", "corporation", "organisation", "organization", "board", "reserve",
}
"""Words that make a capitalised name an organisation's, not a person's."""


def _people_tagged_as_organisations(doc: Doc) -> None:
    """A person the small model tagged ORG in full ("Kyilian Mbappe") and then by surname alone
    ("Mbappe"): a name of two or three capitalised words, none of them an organisation's word or a
    known place, whose last word the article also writes alone, is a person. Organisations are
    shortened to their first or most distinctive word ("Goldman"), people to their last."""
    alone = {e.text.lower() for e in doc.ents if len(e) == 1 and e.label_ in {"ORG", "PERSON", "GPE", "NORP"}}
    relabelled = []
    for ent in doc.ents:
        words = [t for t in ent if t.lower_ != "the"]
        if (
            ent.label_ == "ORG" and 2 <= len(words) <= 3 and all(t.is_title and t.is_alpha for t in words)
            and not any(t.lower_ in ORGANISATION_WORDS or t.lower_ in FUNCTION_WORDS for t in words)
            and words[-1].lower_ in alone and not place_label(words[-1].text) and not place_label(words[0].text)
        ):
            ent = Span(doc, ent.start, ent.end, label="PERSON")
        relabelled.append(ent)
    doc.ents = relabelled


def _join_broken_names(doc: Doc) -> list[Span]:
    """Entities with a name the NER cut at a joining word mended: "International Association of
    Machinists and" + "Aerospace Workers" is one organisation. A span that ends in "and", "of",
    "for" or "&" and is followed at once by another name is one name with it."""
    joined: list[Span] = []
    for ent in doc.ents:
        previous = joined[-1] if joined else None
        if (
            previous is not None and previous.end == ent.start and previous[-1].lower_ in JOINING_WORDS
            and previous.label_ in {"ORG", "FAC", "LAW", "WORK_OF_ART"} and ent.label_ in NAME_LABELS | {"LAW"}
        ):
            joined[-1] = Span(doc, previous.start, ent.end, label=previous.label_)
        else:
            joined.append(ent)
    return joined


def _widen_to_defined_names(doc: Doc, entities: list[Span]) -> list[Span]:
    """An organisation the NER cut short of the name the text defines ("Islamic State of Iraq" in
    "the Islamic State of Iraq and Syria, known as ISIS") takes the whole defined name; entities
    inside the widened span are dropped."""
    long_names = set(_definitions(text_of(doc)).values())
    widened: list[Span] = []
    for ent in entities:
        if ent.label_ == "ORG" and widened and widened[-1].end > ent.start:
            continue  # inside the name just widened
        if ent.label_ == "ORG":
            rest = text_of(doc)[ent.start_char :]
            rest = LEADING_THE.sub("", rest) if ent.text.lower().startswith("the ") else rest
            offset = len(text_of(doc)[ent.start_char :]) - len(rest)
            for name in long_names:
                if len(name) > len(ent.text) - offset and rest.startswith(name) and name.startswith(bare(ent.text)):
                    span = doc.char_span(ent.start_char, ent.start_char + offset + len(name), label="ORG")
                    if span is not None:
                        ent = span
                        break
        if widened and widened[-1].end > ent.start:
            continue
        widened.append(ent)
    return widened


def _as_place_if_known(ent: Span) -> Span:
    """An ORG span naming a known place, relabelled GPE (a country or capital; metonyms too: a
    capital that speaks stands for its government, see ``is_agent``) or LOC (a continent)."""
    if ent.label_ != "ORG":
        return ent
    label = place_label(ent.text)
    return Span(ent.doc, ent.start, ent.end, label=label) if label else ent


def _as_person_if_surname(ent: Span, surnames: set[str]) -> Span:
    """A one-word ORG, GPE, LOC or NORP span that is the surname of a person named in the article,
    relabelled PERSON, unless it is a known place (a "Jordan" stays the country, an "Africa" the
    continent, even after an outlet named "Semafor Africa" the NER took for a person)."""
    if len(ent) != 1 or ent.label_ not in {"ORG", "GPE", "LOC", "NORP"} or ent[0].lower_ not in surnames:
        return ent
    if place_label(ent.text):
        return ent
    return Span(ent.doc, ent.start, ent.end, label="PERSON")


def _split(doc: Doc, ent: Span, person_words: set[str]) -> list[Span]:
    inner = [t for t in ent[1:-1]] if len(ent) > 2 else []
    for token in inner:
        if token.tag_ == "POS" and token.i + 1 < ent.end and doc[token.i + 1].is_title:
            owner_label = "PERSON" if all(t.lower_ in person_words for t in doc[ent.start : token.i]) else ent.label_
            return [Span(doc, ent.start, token.i, label=owner_label), Span(doc, token.i + 1, ent.end, label=ent.label_)]
        if token.lower_ == "and" and token.i - ent.start == 1 and ent.end - token.i == 2:
            left, right = doc[ent.start], doc[token.i + 1]
            if left.is_title and right.is_title and (left.lower_ in person_words or right.lower_ in person_words):
                return [Span(doc, ent.start, token.i, label="PERSON"), Span(doc, token.i + 1, ent.end, label="PERSON")]
    return [ent]


AGENT_DEPS = {"nsubj", "nsubjpass", "agent", "poss"}


def is_agent(ent: Span) -> bool:
    """The mention acts or speaks in its clause ("Teheran said", "Brasilia pursuing", "Beijing's
    decision"): the subject, the passive's agent, or the possessor. A capital in that role stands
    for its government (see dbt models/intermediate/int_mention_names.sql)."""
    root = ent.root
    if root.dep_ in AGENT_DEPS:
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent"
