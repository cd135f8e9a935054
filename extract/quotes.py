"""Quotations: who said what, with which verb, in which words, and when.

The approach follows textacy's direct-quotation extraction, built on spaCy's parse:

1. **Direct and partial quotes** are the spans between quotation marks
   (``quote_spans.find_quotes``: curly or straight, over several paragraphs, with nested
   single quotes and bracketed insertions such as "[Putin]" kept as written). A
   multi-paragraph quotation yields one row per paragraph, sharing its attribution.
2. **Attribution** is a reporting verb (say, add, post, write, announce, warn, tell, ...)
   outside the quote, looked for in this order: right after the closing mark in the same
   sentence (“…,” Trump posted Thursday), in an introducing clause ending in ":" or ","
   (Trump said: “…”), or earlier in the same sentence, which makes the quote *partial*
   (Putin has warned that supplying Tomahawks “would signal …”). A quote with no
   attribution of its own continues the quote before it (“…,” he added. “…”).
3. **Indirect speech** is a reporting verb outside quotes whose clausal complement
   (spaCy ``ccomp``) is the reported content: "Trump said he would meet Putin"; an
   attribution inserted after the clause it reports (``parataxis``, or a comma-joined
   conjunct with its own subject): "They met in Quito, Santiago said, ..."; a reported
   demand ("urged staff to accept the offer"); a statement sourced "according to" someone.
   Short quoted words nobody is said to speak are names or scare quotes, not quotations.
4. **Speaker**: the verb's subject, resolved within the article by ``speakers.py``
   (name, pronoun, descriptor or unnamed source); **medium** from the attribution's
   words (Truth Social, X, social media, reporters, a phone call, a statement, ...).
5. **Utterance date**: for quotes, the date ``temporal.anchors`` found in the
   attribution (the same date relative times inside the quote were resolved against);
   for indirect speech, a day-level date attached to the reporting verb.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from extract.absolute import absolute_subject
from extract.doc_text import text_of
from extract.quote_spans import QuoteSpan, sentence_start
from extract.speakers import Speaker, SpeakerResolver
from extract.temporal.anchors import attribution_windows, own_utterance_date, referred_event_date

REPORTING_VERBS = {
    "say", "add", "post", "write", "announce", "warn", "tell", "state", "claim", "argue", "insist",
    "note", "explain", "declare", "suggest", "report", "confirm", "deny", "acknowledge", "admit",
    "predict", "promise", "vow", "pledge", "threaten", "urge", "reply", "respond", "tweet",
    "continue", "stress", "emphasise", "emphasize", "caution", "contend", "maintain", "assert",
    "recall", "conclude", "comment", "remark", "ask", "answer", "complain", "boast", "allege",
}
DIRECTIVE_VERBS = {"urge", "encourage", "implore", "exhort", "instruct", "advise"}
"""Verbs that report a demand ("urged staff to accept the offer"): the addressee and what they were
asked to do are the reported speech."""
STANCE_VERBS = {"express", "voice"}
STANCE_NOUNS = {"confidence", "hope", "concern", "belief", "fear", "doubt", "optimism", "view", "conviction", "regret"}
"""'expressed his confidence that S': a stance put in words, whose clause is the reported speech."""
REPORTING_VERBS |= DIRECTIVE_VERBS | STANCE_VERBS
INDIRECT_EXCLUDED = {"ask", "continue", "answer"}
SOURCE_NOUNS = {"statement", "report", "letter", "release", "filing", "memo", "note", "post", "message"}
DOCUMENT_VERBS = {
    "statement": "state", "post": "post", "tweet": "tweet", "letter": "write", "message": "write",
    "note": "write", "memo": "write", "release": "state", "communique": "state", "readout": "state",
}
"""The reporting verb a document stands for when it "reads" the quoted words."""
"""Nouns for what a source put out: "according to a statement from X" is X's."""
MEDIA = [
    (re.compile(r"Truth Social"), "Truth Social"),
    (re.compile(r"\bon X\b|\bX post\b"), "X"),
    (re.compile(r"\b(?:Twitter|Facebook|Instagram|Telegram|TikTok|YouTube)\b"), None),
    (re.compile(r"social media", re.IGNORECASE), "social media"),
    (re.compile(r"\b(?:phone|telephone) call\b|\bon a call\b", re.IGNORECASE), "phone call"),
    (re.compile(r"\breporters\b|\bnews conference\b|\bpress conference\b", re.IGNORECASE), "reporters"),
    (re.compile(r"\binterview\b", re.IGNORECASE), "interview"),
    (re.compile(r"\bstatement\b", re.IGNORECASE), "statement"),
    (re.compile(r"\bspeech\b", re.IGNORECASE), "speech"),
]
SOCIAL_VERBS = {"post", "tweet"}
FRONTED_DEPS = {"prep", "advcl", "punct", "cc", "mark"}
MAX_GAP_TO_ATTRIBUTION = 80
MAX_TERM_WORDS = 4
CHARACTERISING_VERBS = {
    "call", "dismiss", "describe", "brand", "label", "term", "cite", "praise", "criticise", "criticize",
    "hail", "condemn", "slam", "decry", "implore", "welcome", "thank", "accuse", "blame", "commend",
}
"""Verbs whose subject puts quoted words on something ("dismissed the plan as “outsized”",
"cited his “steadfast” acceptance"): the quoted words are that subject's."""
SPEAKING_OF_VERBS = {"speak", "talk", "refer"}
"""Verbs that report words only through their object ("spoke of “a new chapter”", "referred to
“a misunderstanding”"): the quoted words inside are the subject's, and the verb is theirs."""
QUOTING_VERBS = REPORTING_VERBS | CHARACTERISING_VERBS | SPEAKING_OF_VERBS
"""Verbs that quoted words in their clause can hang from (see ``governing_verb_before``)."""


@dataclass(frozen=True)
class Quote:
    """One row of raw.quotes."""

    start_char: int
    end_char: int
    kind: str  # direct, partial, indirect
    quote_text: str
    speaker: Speaker | None
    verb_lemma: str | None
    verb_start: int | None
    medium: str | None
    utterance_date: date | None


@dataclass(frozen=True)
class _Attribution:
    verb: Token
    kind: str
    window: tuple[int, int]


def reporting_verbs_in(doc: Doc, start: int, end: int, quoted: Sequence[QuoteSpan]) -> list[Token]:
    """Reporting verbs whose token lies in [start, end) and outside every quotation."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    return [
        t for t in span
        if (t.lemma_.lower() in REPORTING_VERBS or _document_reads(t)) and t.pos_ in {"VERB", "AUX"}
        and not any(q.start <= t.idx < q.end for q in quoted)
    ]


def _document_reads(verb: Token) -> bool:
    """“…,” read a post on his X account / “…,” the statement read: a document that says it."""
    return verb.lemma_.lower() == "read" and _read_document(verb) is not None


def _read_document(verb: Token) -> Token | None:
    return next(
        (c for c in verb.children if c.dep_ in {"nsubj", "dobj"} and c.lemma_.lower() in DOCUMENT_VERBS), None
    )


def _author_phrase(document: Token) -> Span | None:
    """Who put out a document: its owner ("his post", "Acme's statement", "a post on his account"),
    a name compounded with it ("the White House press statement"), or "from"/"by" X."""
    for token in document.subtree:
        if token.dep_ == "poss":
            return token.doc[token.i : token.i + 1] if token.pos_ == "PRON" else _phrase(token)
    for child in document.children:
        if child.dep_ == "compound" and child.ent_type_:
            return _phrase(child)
        if child.lower_ in {"from", "by"}:
            source = next((c for c in child.children if c.dep_ == "pobj"), None)
            if source is not None:
                return _phrase(source)
    return None


def find_attribution(doc: Doc, quote: QuoteSpan, quotes: Sequence[QuoteSpan]) -> _Attribution | None:
    text = text_of(doc)
    governing = governing_verb_before(doc, quote)
    if governing is not None:
        return _Attribution(governing, "partial", (sentence_start(text, quote.start), quote.start))
    after, *before = attribution_windows(text, quote)
    verbs = reporting_verbs_in(doc, *after, quotes)
    if verbs and verbs[0].idx - quote.end <= MAX_GAP_TO_ATTRIBUTION:
        return _Attribution(verbs[0], "direct", after)
    if before:
        verbs = reporting_verbs_in(doc, *before[0], quotes)
        if verbs:
            return _Attribution(verbs[-1], "direct", before[0])
    own_sentence = (sentence_start(text, quote.start), quote.start)
    verbs = reporting_verbs_in(doc, *own_sentence, quotes)
    if verbs:
        return _Attribution(verbs[-1], "partial", own_sentence)
    return None


def governing_verb_before(doc: Doc, quote: QuoteSpan) -> Token | None:
    """The verb that quoted words inside a clause hang from, when it comes before them, says or
    characterises, and has a subject: "ISS dismissed the plan as “outsized,” while X wrote ..."
    is ISS's, whatever reporting verb follows."""
    words = doc.char_span(quote.start, quote.end, alignment_mode="contract")
    if words is None or len(words) == 0 or words.start_char <= sentence_start(text_of(doc), quote.start):
        return None
    if text_of(doc)[: quote.start].rstrip(" \t\"“‘'").endswith((":", ",")):
        return None  # 'said: “They told me …”', 'said, “…”': a whole utterance, the usual attribution
    inside = {t.i for t in words}
    token = next((t for t in words if t.head.i not in inside), words.root)
    for _ in range(6):
        token = token.head
        if token.i in inside:
            continue
        if token.pos_ in {"VERB", "AUX"}:
            lemma = token.lemma_.lower()
            if lemma in SPEAKING_OF_VERBS and _inside_reported_content(token):
                return None  # "X posted that he and Y had spoken about “…”": X's post holds the words
            if token.idx < quote.start and lemma in QUOTING_VERBS and subject_of(token):
                return token
            return None
        if token.head.i == token.i:
            return None
    return None


def _inside_reported_content(verb: Token) -> bool:
    """The verb's clause is what another verb reports ("posted that they had spoken of …"); a
    clause set against the report ("said that …, while a statement had spoken of …") is not."""
    token = verb
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "ccomp" and token.head.lemma_.lower() in REPORTING_VERBS


def subject_of(verb: Token) -> Span | None:
    """The speaker phrase: the verb's subject; for a conjoined verb, its head's; for a participle
    with no subject of its own, the clause it hangs from ("X responded, telling Reuters, “…”",
    "The company said …, adding, “…”"), or the object of "cited X as saying"."""
    candidates = [verb]
    absolute = _absolute_subject(verb)
    if absolute is not None:
        return _phrase(absolute)
    own = _own_subject(verb)
    if own is not None:  # "with the chair, Ana Ruiz, imploring staff …": the gerund has its own subject
        return _phrase(own)
    if verb.dep_ == "conj" or (verb.tag_ in {"VBG", "VBN"} and verb.dep_ in {"advcl", "xcomp", "conj", "pcomp", "acl"}):
        head = verb.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "as":  # "cited X as saying": the preposition's head
            head = head.head
            cited = next((c for c in head.children if c.dep_ == "dobj"), None)
            if cited is not None:
                return _phrase(cited)
        candidates.append(head)
    for candidate in candidates[1:]:
        if (subject := _own_subject(candidate)) is not None:
            return _phrase(subject)
    return None


def _own_subject(verb: Token) -> Token | None:
    """The verb's own subject word, if it has one that can be a speaker (not "it", "that", "which").

    A verb has one subject; where the parser gives two ("Calling for “all parties to talk”, the bloc
    said"), the one next to the verb is taken: the other is a misparsed word of a fronted clause."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in {"it", "that", "which"}]
    return min(subjects, key=lambda c: abs(verb.i - c.i), default=None)


def _absolute_subject(verb: Token) -> Token | None:
    """The noun of an absolute "with" phrase that a gerund completes ("…, with the chair, Ana Ruiz,
    telling staff: “…”")."""
    return absolute_subject(verb) if verb.tag_ == "VBG" else None


def _phrase(head: Token) -> Span:
    """The noun phrase around a head word, widened to the entity it is part of."""
    doc = head.doc
    ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
    # a fronted phrase the parser hung on the subject ("With talks under way, hosts Norway said") is no part of it
    modifiers = [c.left_edge.i for c in head.lefts if c.dep_ not in FRONTED_DEPS]
    left = min([head.i, *modifiers, *([ent.start] if ent is not None else [])])
    while left < head.i and any(t.is_space and "\n" in t.text for t in doc[left : head.i]):
        left += 1  # a phrase never runs across a paragraph break (the parser may join them)
    return doc[left : max(head.i, ent.end - 1 if ent is not None else head.i) + 1]


def according_to(doc: Doc, start: int, end: int) -> Span | None:
    """The source of "According to X, …" in [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for token in span:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            if source is not None:
                return _phrase(source)
    return None


def medium_of(text: str, verb: Token | None) -> str | None:
    for pattern, name in MEDIA:
        found = pattern.search(text)
        if found:
            return name or found.group(0)
    if verb is not None and verb.lemma_.lower() in SOCIAL_VERBS:
        return "social media"
    return None


def _quotes_a_fragment(text: str, quote: QuoteSpan) -> bool:
    """Quoted words that begin in lower case are part of the writer's sentence, not a whole
    utterance: a partial quote, wherever its attribution stands."""
    first = next((c for c in text[quote.inner_start : quote.inner_end] if c.isalpha()), "")
    return first.islower()


def _marks_a_name_or_term(text: str, quote: QuoteSpan, quotes: Sequence[QuoteSpan]) -> bool:
    """Short quoted words inside a running sentence with no one saying them: a title, a nickname or
    a scare quote (the "Orion" capsule, a so-called "peace plan"), not a quotation. A fragment
    after another quotation of its sentence continues that one's words ("thanked X for “…” and
    “…”")."""
    inner = text[quote.inner_start : quote.inner_end].strip()
    if len(inner.split()) > MAX_TERM_WORDS or inner[-1:] in {".", "!", "?", ","}:
        return False
    opens = sentence_start(text, quote.start)
    if any(opens <= other.start < quote.start for other in quotes):
        return False
    before = text[opens : quote.start]
    return any(c.isalpha() for c in before) or text[quote.end : quote.end + 2].strip()[:1].isalpha()


def pieces(text: str, quote: QuoteSpan) -> list[tuple[int, int]]:
    """Inner spans of a quotation, one per paragraph, without the quotation marks."""
    result = []
    for match in re.finditer(r"[^\n]+", text[quote.start : quote.end]):
        start, end = quote.start + match.start(), quote.start + match.end()
        while start < end and text[start] in f"{quote.opening}\" \t":
            start += 1
        while end > start and text[end - 1] in f"{quote.closing}\" \t":
            end -= 1
        if start < end:
            result.append((start, end))
    return result


def _attribution_clause(text: str, attribution: _Attribution) -> str:
    verb_at = attribution.verb.idx
    start = sentence_start(text, verb_at)
    line_end = text.find("\n", verb_at)
    return text[start : line_end if line_end >= 0 else len(text)]


def reported_speech_before(doc: Doc, quote: QuoteSpan, quotes: Sequence[QuoteSpan]) -> Token | None:
    """The last reporting verb of the paragraph just before a quotation that opens its own paragraph."""
    text = text_of(doc)
    paragraph_start = text.rfind("\n", 0, quote.start) + 1
    if text[paragraph_start : quote.start].strip():
        return None  # the quotation does not open its paragraph
    previous_start = text.rfind("\n", 0, max(paragraph_start - 2, 0)) + 1
    verbs = reporting_verbs_in(doc, previous_start, paragraph_start, quotes)
    return verbs[-1] if verbs else None


def extract_quotes(
    doc: Doc, resolver: SpeakerResolver, dated: Sequence[tuple[int, int, date]]
) -> tuple[list[Quote], dict[QuoteSpan, date]]:
    """Direct, partial and indirect quotes of one article in text order, and each quotation's utterance date.

    ``dated`` holds the day-level dates resolved outside quotations. A quotation takes the
    date of its own attribution; one without a date continues the utterance of the
    quotation just before (same or next paragraph) when the speaker is the same person,
    or when it has no attribution at all (“…,” he added. “…”); failing both, the day of
    an event it calls today's ("today's conversation" after "a call on Thursday").
    """
    text = text_of(doc)
    quotes = resolver.quote_spans
    found: list[Quote] = []
    spoken: dict[QuoteSpan, date] = {}
    used_verbs: set[int] = set()
    previous: Quote | None = None
    previous_span: QuoteSpan | None = None
    for quote in quotes:
        consecutive = previous is not None and previous_span is not None and (
            quote.first_paragraph - previous_span.last_paragraph <= 1
        )
        attribution = find_attribution(doc, quote, quotes)
        sourced = according_to(doc, sentence_start(text, quote.start), quote.start) is not None
        if attribution is None and not sourced and _marks_a_name_or_term(text, quote, quotes):
            continue  # The "Orion" capsule: a name or scare quote, nobody's words
        if attribution is not None:
            used_verbs.add(attribution.verb.i)
            phrase = subject_of(attribution.verb)
            document = _read_document(attribution.verb) if attribution.verb.lemma_.lower() == "read" else None
            if document is not None:
                phrase = _author_phrase(document)  # “…,” read a post on his X account: the account's owner
            spoken_of = frozenset(p.name for p in resolver.people if any(quote.start <= s < quote.end for s, _ in p.mentions))
            # "he added" goes on from the quote before; "his post" is the author's in focus, whoever quoted last
            before = previous.speaker if previous is not None and document is None else None
            speaker = resolver.resolve(phrase, before, spoken_of) if phrase is not None else None
            clause = _attribution_clause(text, attribution)
            medium = medium_of(clause, attribution.verb)
            if medium is None and "same post" in clause:
                medium = next((q.medium for q in reversed(found) if q.medium), None)
            kind, verb_lemma, verb_start = attribution.kind, attribution.verb.lemma_.lower(), attribution.verb.idx
            if document is not None:
                verb_lemma = DOCUMENT_VERBS[document.lemma_.lower()]  # "read a post" reports a post
            if kind == "direct" and _quotes_a_fragment(text, quote):
                kind = "partial"  # X and Y “held talks and traded views”, the ministry said
            same_speaker = consecutive and speaker is not None and (
                speaker.kind == "pronoun"
                or (speaker.name is not None and previous.speaker is not None and previous.speaker.name == speaker.name)
            )
            when = own_utterance_date(text, quote, dated) or (previous.utterance_date if same_speaker else None)
        elif consecutive:
            kind, speaker, verb_lemma, verb_start, medium = "direct", previous.speaker, previous.verb_lemma, previous.verb_start, previous.medium
            when = previous.utterance_date
        else:
            kind, speaker, verb_lemma, verb_start, medium, when = "direct", None, None, None, None, None
            source = according_to(doc, sentence_start(text, quote.start), quote.start)
            if source is not None:  # "According to X, the government would “lean towards the centre”"
                kind, speaker, verb_lemma = "partial", resolver.resolve(source, None), "according to"
            else:  # a quotation opening a paragraph after "X said …": X goes on speaking
                reported = reported_speech_before(doc, quote, quotes)
                if reported is not None and (phrase := subject_of(reported)) is not None:
                    speaker = resolver.resolve(phrase, None)
                    verb_lemma, verb_start = reported.lemma_.lower(), reported.idx
        when = when or referred_event_date(doc, quote, dated)
        if when is not None:
            spoken[quote] = when
        for start, end in pieces(text, quote):
            row = Quote(start, end, kind, text[start:end], speaker, verb_lemma, verb_start, medium, when)
            found.append(row)
            previous = row
        previous_span = quote
    found.extend(indirect_quotes(doc, quotes, used_verbs, resolver, dated))
    return _one_row_per_report(text, sorted(found, key=lambda q: q.start_char)), spoken


def _one_row_per_report(text: str, rows: list[Quote]) -> list[Quote]:
    """One row per act of reporting: quoted words inside a report's own content ("sources told X
    that the effort to form a “unity government” had stalled") are part of that indirect row, and
    a single quoted word after another fragment of the same verb ("settled on a “skeleton”, while
    the “flesh” still needed work") is a term within that report: one partial row, from the first
    fragment to the last as written. A quoted phrase of its own ("thanked Norway for “its work” and
    “value the support” of Chile") stays its own row."""
    reports = [r for r in rows if r.kind == "indirect" and r.verb_start is not None]
    kept: list[Quote] = []
    for row in rows:
        if row.kind == "partial" and any(
            r.verb_start == row.verb_start and r.start_char <= row.start_char and row.end_char <= r.end_char
            for r in reports
        ):
            continue
        last = kept[-1] if kept else None
        if (
            last is not None and row.kind == last.kind == "partial" and row.verb_start is not None
            and row.verb_start == last.verb_start and row.speaker == last.speaker and len(row.quote_text.split()) == 1
        ):
            kept[-1] = replace(last, end_char=row.end_char, quote_text=text[last.start_char : row.end_char])
            continue
        kept.append(row)
    return kept


def indirect_quotes(
    doc: Doc,
    quotes: Sequence[QuoteSpan],
    used_verbs: set[int],
    resolver: SpeakerResolver,
    dated: Sequence[tuple[int, int, date]],
) -> list[Quote]:
    """Reported speech: a reporting verb outside quotes with a clausal complement and a subject."""
    rows = []
    for verb in reporting_verbs_in(doc, 0, len(text_of(doc)), quotes):
        if verb.lemma_.lower() in INDIRECT_EXCLUDED:
            continue
        content = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if verb.i in used_verbs and content is None:
            continue  # the verb of a direct quote; with a report of its own ("said this raised the stakes: “…”") it has two
        phrase = subject_of(verb)
        inserted = _attribution_after_apposed_name(verb) if phrase is None else None
        if inserted is not None:
            phrase, span = inserted
        elif phrase is None:
            continue
        elif content is not None:
            left = content.left_edge.i + (1 if content.left_edge.lower_ == "that" else 0)
            span = _without_edge_punctuation(doc[left : content.right_edge.i + 1])  # not a closing mark before it
        elif (
            span := _reported_before_inserted_attribution(verb) or _reported_directive(verb) or _reported_stance(verb)
        ) is None:
            continue
        span = _before_quotations(span, quotes, verb.idx)
        if span is None:
            continue
        speaker = resolver.resolve(phrase, None)
        rows.append(
            Quote(
                span.start_char, span.end_char, "indirect", span.text, speaker, verb.lemma_.lower(), verb.idx,
                medium_of(_words_around_verb(verb), verb), _date_attached_to(verb, span, dated),
            )
        )
    rows.extend(_according_to_reports(doc, quotes, resolver, dated))
    return rows


def _before_quotations(span: Span, quotes: Sequence[QuoteSpan], source_at: int) -> Span | None:
    """The report without the quotations it holds, where what is left still reports something:

    - up to a quotation its source introduces with a colon ("X said this raised the stakes: “…”");
    - a whole clause whose adverbial clause or second predicate quotes someone's words ("reported
      that the ministers had met in Beijing to “talk about the deal”": the clause, without the
      purpose quoted);
    None when the quotation is the report's own content ('warned that selling the jets "would open a
    new chapter"', or 'Holm warned that …, the agency said'): the quotation is its own row then."""
    overlapping = [q for q in quotes if q.start < span.end_char and span.start_char < q.end]
    if not overlapping:
        return span
    first = min(q.start for q in overlapping)
    if first <= span.start_char or source_at > first:
        return None
    if text_of(span.doc)[:first].rstrip().endswith(":"):
        end = next((t.i for t in span if t.idx >= first), span.end)
    else:
        end = _clause_without_quoted_modifier(span, first)
        if end is None:
            return span if _quotes_only_inside_the_subject(span, overlapping) else None
    cut = _without_edge_punctuation(span.doc[span.start : end])
    return cut if len(cut) >= 3 else None


def _quotes_only_inside_the_subject(span: Span, quotes: Sequence[QuoteSpan]) -> bool:
    """The report quotes a label inside its subject ("that the effort to form a “broad coalition” had
    stalled", "Acme, which ran an “anything-goes” desk, failed to report"): what it asserts, the
    predicate, is the writer's paraphrase, so the clause is a report of its own beside the quoted
    words. A quotation in the predicate ('warned that selling the jets "would open a new chapter"',
    "had settled on a “skeleton”") carries the report itself and is its own row instead."""
    subject = next((c for c in span.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return False
    first, last = subject.left_edge, subject.right_edge
    start, end = first.idx, last.idx + len(last.text)
    return all(start <= q.start and q.end <= end + 1 for q in quotes)


def _clause_without_quoted_modifier(span: Span, first_quote: int) -> int | None:
    """Where a clause ends once the adverbial clause holding a quotation is left out: its verb and
    subject come before the quotation, and the quotation lies in an adverbial clause after them."""
    root = span.root
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}), None)
    if root.idx >= first_quote or subject is None or subject.idx >= first_quote:
        return None
    holder = next(
        (c for c in root.rights if c.left_edge.idx <= first_quote < c.right_edge.idx + len(c.right_edge.text) + 2),
        None,
    )
    if holder is None or holder.dep_ not in {"advcl", "conj"}:  # not an argument ("would mean “…”")
        return None
    end = holder.left_edge.i
    while end > root.i and span.doc[end - 1].dep_ in {"cc", "punct"}:
        end -= 1  # "would match the scale and signal “…”": without the "and"
    return end


ACCORDING_TO = re.compile(r"(?i)\baccording to\b")


def _according_to_reports(
    doc: Doc, quotes: Sequence[QuoteSpan], resolver: SpeakerResolver, dated: Sequence[tuple[int, int, date]]
) -> list[Quote]:
    """Statements sourced with "according to": "The plant will close in May, according to the
    company." and "According to the ministry, the plant will close." The report is the rest of the
    sentence on the other side of the comma."""
    rows = []
    for match in ACCORDING_TO.finditer(text_of(doc)):  # the text, not every token: most articles have none
        words = doc.char_span(match.start(), match.end())
        if words is None or len(words) != 2:
            continue
        token = words[0]
        source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
        if source is None:
            continue
        sentence = token.sent
        phrase_end = max(token.i + 1, source.right_edge.i) + 1
        comma = phrase_end - 1 if doc[phrase_end - 1].text == "," else phrase_end  # the parser may hang it on the source
        if token.i > sentence.start and doc[token.i - 1].text == ",":
            span = doc[sentence.start : token.i - 1]
        elif token.i == sentence.start and comma < sentence.end and doc[comma].text == ",":
            span = doc[comma + 1 : sentence.end]
        else:
            continue
        span = _before_quotations(_without_edge_punctuation(span), quotes, token.idx)
        if span is None or len(span) < 3 or any(_reports_on_its_own(t) for t in span):
            continue  # "X said …, according to Y": X's report, which Y passes on
        speaker = resolver.resolve(_source_of(source), None)
        rows.append(Quote(span.start_char, span.end_char, "indirect", span.text, speaker, "according to",
                          token.idx, medium_of(doc[token.i : phrase_end].text, None), None))
    return rows


def _reports_on_its_own(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_VERBS and _own_subject(token) is not None


def _source_of(source: Token) -> Span:
    """The one behind a document: "a statement from the ministry" is the ministry's."""
    if source.lemma_.lower() in SOURCE_NOUNS:
        for preposition in source.children:
            if preposition.lower_ in {"from", "by", "of"}:
                owner = next((c for c in preposition.children if c.dep_ == "pobj"), None)
                if owner is not None:
                    return _phrase(owner)
    return _phrase(source)


def _without_edge_punctuation(span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_punct or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end]


def _reported_stance(verb: Token) -> Span | None:
    """"Modi expressed his confidence that the summit would open a new direction": the that-clause."""
    if verb.lemma_.lower() not in STANCE_VERBS:
        return None
    stance = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in STANCE_NOUNS), None)
    clause = next(
        (c for c in stance.children if c.dep_ in {"acl", "ccomp"} and any(m.lower_ == "that" for m in c.children)),
        None,
    ) if stance is not None else None
    if clause is None:
        return None
    start = clause.left_edge.i + (1 if clause.left_edge.lower_ == "that" else 0)
    return verb.doc[start : clause.right_edge.i + 1]


def _reported_directive(verb: Token) -> Span | None:
    """"The chief urged staff to accept the offer": the addressee and the act asked of them."""
    if verb.lemma_.lower() not in DIRECTIVE_VERBS:
        return None
    addressee = next((c for c in verb.children if c.dep_ == "dobj"), None)
    act = next((c for c in verb.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
    if addressee is None or act is None or act.i < addressee.i:
        return None
    return verb.doc[addressee.left_edge.i : act.right_edge.i + 1]


def _attribution_after_apposed_name(verb: Token) -> tuple[Span, Span] | None:
    """"X will attend the summit in person, Marco Paz, the council's secretary, confirmed on Friday":
    the parser takes the name for an apposition inside the report and the reporting verb for a
    subjectless adverbial clause. The name set off by commas just before the verb speaks, and the
    report is the clause before the name. Returns (speaker phrase, report)."""
    if verb.dep_ not in {"advcl", "parataxis", "conj"} or _own_subject(verb) is not None:
        return None
    head, doc = verb.head, verb.doc
    if head.i > verb.i:
        return None
    before = verb.left_edge.i - 1
    while before > head.i and doc[before].is_punct:
        before -= 1
    if before <= head.i:
        return None
    name = None
    for token in [doc[before], *doc[before].ancestors]:
        if token == head:
            break
        if token.dep_ == "appos" and token.pos_ == "PROPN" and token.ent_type_ in {"PERSON", "ORG"}:  # small model: people as ORG
            name = token  # the outermost name on the way up ("Marco Paz", not his title)
    if name is None or name.left_edge.i == 0 or doc[name.left_edge.i - 1].text != ",":
        return None
    end = name.left_edge.i - 1
    while end > head.left_edge.i and doc[end - 1].is_punct:
        end -= 1
    report = doc[head.left_edge.i : end]
    return (_phrase(name), report) if len(report) >= 3 else None


def _reported_before_inserted_attribution(verb: Token) -> Span | None:
    """"The ministers met in Quito on Monday, Santiago said, ...": an attribution inserted after the
    clause it reports (the parser hangs it from that clause as parataxis, or as a comma-joined
    conjunct with a subject of its own: "X will attend, Ana Ruiz, the council's secretary,
    confirmed"); the report is the clause up to the attribution."""
    head = verb.head
    if head.i >= verb.i:
        return None
    if verb.dep_ == "conj":
        joined_by_comma = not any(c.dep_ == "cc" for c in head.children) and not any(c.dep_ == "cc" for c in verb.children)
        if not joined_by_comma or _own_subject(verb) is None:
            return None
    elif verb.dep_ != "parataxis":
        return None
    end = verb.left_edge.i
    while end > head.left_edge.i and verb.doc[end - 1].is_punct:
        end -= 1
    span = verb.doc[head.left_edge.i : end]
    return span if len(span) >= 3 else None


def _words_around_verb(verb: Token) -> str:
    """The verb with its own modifiers ("said on Truth Social"), not the reported clause or side clauses."""
    kept = [verb]
    for child in verb.children:
        if child.dep_ not in {"ccomp", "advcl", "conj", "punct", "cc", "parataxis"}:
            kept.extend(child.subtree)
    return " ".join(t.text for t in sorted(kept, key=lambda t: t.i))


def _date_attached_to(verb: Token, content: Span, dated: Sequence[tuple[int, int, date]]) -> date | None:
    """A day-level date modifying the reporting verb itself, not the reported content."""
    inside_content = (content.start_char, content.end_char)
    for start, end, day in dated:
        if inside_content[0] <= start < inside_content[1]:
            continue
        span = verb.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and (span.root.head == verb or span.root.head.head == verb):
            return day
    return None
