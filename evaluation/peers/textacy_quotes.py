"""textacy's direct-quotation extractor as a peer to newswire's quotes.

textacy 0.13 ``textacy.extract.triples.direct_quotations`` pairs quotation marks, keeps
quotations of four tokens or more that are not all title-case, and attributes each to the
nearest reporting verb (textacy's own list) outside any quotation in the neighbouring
sentences whose active subject becomes the speaker. It finds direct quotations only (no
partial or indirect speech) and does not resolve pronouns.

It runs on the same spaCy parse as newswire (``extract.nlp.load_pipeline`` with the
project's model), so differences come from the method, not the parser.

One documented deviation is opt-in: textacy refuses a whole document whose quotation-mark
count is odd (an unclosed quotation, common when a quote runs over paragraphs). By default
that document yields no quotes and ``PeerQuotes.skipped`` says why, which is textacy as
shipped; ``unbalanced="paragraphs"`` instead runs textacy on each paragraph (a line of the
text) whose marks balance, keeping the parse and shifting offsets back into the document.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from evaluation.peers import PeerUnavailableError

try:
    from textacy import constants as textacy_constants
    from textacy.extract.triples import direct_quotations
except ImportError as err:  # the eval extra is optional; say how to get it
    raise PeerUnavailableError(
        "textacy is not installed: .venv/bin/uv pip install --python .venv/bin/python -e '.[dev,eval]'"
    ) from err

Unbalanced = Literal["skip", "paragraphs"]


@dataclass(frozen=True)
class PeerQuote:
    """One direct quotation; offsets index the document text (``text[start:end]``).

    ``start``/``end`` cover the quoted words without the quotation marks, as newswire's
    ``raw.quotes`` does. The speaker span runs from textacy's first to last speaker token
    (conjoined speakers included); ``cue_text`` lists textacy's cue tokens (verb, auxiliaries,
    negation) in order and ``cue_lemma`` is the reporting verb's lemma.
    """

    start: int
    end: int
    quote_text: str
    speaker_text: str
    speaker_start: int
    speaker_end: int
    cue_text: str
    cue_lemma: str
    kind: str = "direct"


@dataclass
class PeerQuotes:
    """textacy's quotes for one document, or why textacy gave none for (part of) it."""

    quotes: list[PeerQuote] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _span_of(tokens: Sequence[Token]) -> Span:
    doc = tokens[0].doc
    return doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]


def _cue_lemma(cue: Sequence[Token], lang: str) -> str:
    verbs = textacy_constants.REPORTING_VERBS.get(lang, set())
    verb = next((t for t in cue if t.pos_ == "VERB" and t.lemma_ in verbs), cue[-1])
    return verb.lemma_


def _quotes(doc: Doc, offset: int = 0) -> list[PeerQuote]:
    """textacy's triples of ``doc`` as PeerQuotes, shifting character offsets by ``offset``."""
    found = []
    for triple in direct_quotations(doc):
        inner = triple.content[1:-1]
        speaker = _span_of(triple.speaker)
        found.append(
            PeerQuote(
                start=inner.start_char + offset,
                end=inner.end_char + offset,
                quote_text=inner.text,
                speaker_text=speaker.text,
                speaker_start=speaker.start_char + offset,
                speaker_end=speaker.end_char + offset,
                cue_text=" ".join(t.text for t in triple.cue),
                cue_lemma=_cue_lemma(triple.cue, doc.lang_),
            )
        )
    return found


def _paragraphs(doc: Doc) -> Iterable[Span]:
    """Spans of the non-blank lines of ``doc`` (the article format puts one paragraph per line)."""
    start = 0
    for token in doc:
        if "\n" in token.text or "\n" in token.whitespace_:
            end = token.i if token.is_space else token.i + 1
            if end > start:
                yield doc[start:end]
            start = token.i + 1
    if start < len(doc):
        yield doc[start:]


def quotes_in(doc: Doc, unbalanced: Unbalanced = "skip") -> PeerQuotes:
    """textacy's direct quotations in one parsed document."""
    try:
        return PeerQuotes(_quotes(doc))
    except ValueError as err:  # textacy's refusal of unbalanced quotation marks
        if unbalanced == "skip":
            return PeerQuotes([], [str(err)])
    result = PeerQuotes()
    for paragraph in _paragraphs(doc):
        try:
            result.quotes.extend(_quotes(paragraph.as_doc(), offset=paragraph.start_char))
        except ValueError as err:
            result.skipped.append(f"paragraph at character {paragraph.start_char}: {err}")
    return result


def quote_corpus(
    documents: Iterable[tuple[str, str]],
    model_name: str | None = None,
    nlp: Language | None = None,
    unbalanced: Unbalanced = "skip",
) -> dict[str, PeerQuotes]:
    """textacy's quotes per (doc_id, text), parsed with the project's spaCy model (or ``nlp``)."""
    if nlp is None:
        from extract.config import DEFAULT_SPACY_MODEL
        from extract.nlp import load_pipeline

        nlp = load_pipeline(model_name or DEFAULT_SPACY_MODEL)
    pairs = list(documents)
    ids = [doc_id for doc_id, _ in pairs]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate document ids")
    return {
        doc_id: quotes_in(doc, unbalanced)
        for doc_id, doc in zip(ids, nlp.pipe(text for _, text in pairs))
    }
