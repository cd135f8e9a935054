"""The stage functions behind the Airflow tasks: extract and tag.

Each returns a small report (plain counts) that the DAG passes on through XCom
and that the logs show, so progress is visible while a large batch runs.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass

import pandas as pd

from extract import nlp, warehouse
from extract.articles import Article, Rejection, read_articles
from extract.config import Settings

log = logging.getLogger(__name__)

SENTENCE_COLUMNS = ["article_id", "sentence_index", "start_char", "end_char", "sentence_text"]
MENTION_COLUMNS = ["article_id", "sentence_index", "start_char", "end_char", "surface_text", "entity_label"]
TEMPORAL_COLUMNS = [
    "article_id", "sentence_index", "start_char", "end_char", "text", "timex_type", "value", "start_date",
    "end_date", "granularity", "anchor_kind", "anchor_date", "direction", "resolution_rule", "in_quote",
    "unresolved_reason",
]
QUOTE_COLUMNS = [c.strip() for c in warehouse.QUOTE_COLUMNS.split(",")]
EVENT_COLUMNS = [c.strip().split("::")[0] for c in warehouse.EVENT_COLUMNS.split(",")]
COREFERENCE_COLUMNS = ["article_id", "start_char", "end_char", "surface_text", "mention_kind", "refers_to_mention_id"]


@dataclass(frozen=True)
class ExtractReport:
    files_read: int
    articles_new: int
    duplicates: int
    rejected: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class TagReport:
    articles_tagged: int
    sentences: int
    mentions: int
    temporal_expressions: int
    quotes: int
    event_mentions: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def extract_articles(settings: Settings) -> ExtractReport:
    """Read every file in the input folder into raw.articles, quarantining the bad ones."""
    log.info("reading articles from %s", settings.input_dir)
    articles: dict[str, Article] = {}
    rejections: list[Rejection] = []
    duplicates = 0
    files = 0
    for outcome in read_articles(settings.input_dir):
        files += 1
        if isinstance(outcome, Rejection):
            rejections.append(outcome)
        elif outcome.article_id in articles:
            duplicates += 1
            log.info(
                "%s has the same content as %s; keeping one article",
                outcome.source_path,
                articles[outcome.article_id].source_path,
            )
        else:
            articles[outcome.article_id] = outcome
    with warehouse.connect(settings.warehouse_path) as con:
        new = warehouse.load_articles(con, list(articles.values()))
        warehouse.load_rejections(con, rejections)
    report = ExtractReport(files, new, duplicates, len(rejections))
    log.info(
        "extract: %d files, %d readable articles (%d new), %d duplicate, %d rejected",
        files, len(articles), new, duplicates, len(rejections),
    )
    return report


def tag_articles(settings: Settings, chunk_size: int = 500) -> TagReport:
    """NLP-tag every article the configured model has not tagged yet, a chunk at a time.

    Chunks bound memory for large batches and commit as they go, so an interrupted
    run resumes where it stopped.
    """
    model = nlp.load_pipeline(settings.spacy_model)
    signature = nlp.tagger_signature(settings.spacy_model)
    tagged = sentences = mentions = timexes = quotes = events = 0
    done: set[str] = set()
    with warehouse.connect(settings.warehouse_path) as con:
        while batch := warehouse.untagged_articles(con, signature, chunk_size):
            if done.intersection(article_id for article_id, _, _ in batch):
                raise RuntimeError("tagged articles were not recorded in raw.tagged_articles")
            done.update(article_id for article_id, _, _ in batch)
            results = list(
                nlp.tag_documents(
                    model, batch, batch_size=settings.spacy_batch_size, n_process=settings.spacy_processes
                )
            )
            sentence_rows = pd.DataFrame(
                [row for r in results for row in r.sentences], columns=SENTENCE_COLUMNS
            )
            mention_rows = pd.DataFrame([row for r in results for row in r.mentions], columns=MENTION_COLUMNS)
            temporal_rows = pd.DataFrame(
                [row for r in results for row in r.temporal_expressions], columns=TEMPORAL_COLUMNS
            )
            quote_rows = pd.DataFrame([row for r in results for row in r.quotes], columns=QUOTE_COLUMNS)
            coreference_rows = pd.DataFrame(
                [row for r in results for row in r.coreference_mentions], columns=COREFERENCE_COLUMNS
            )
            event_rows = pd.DataFrame([row for r in results for row in r.event_mentions], columns=EVENT_COLUMNS)
            warehouse.replace_nlp_output(
                con, [r.article_id for r in results], signature, sentence_rows, mention_rows, temporal_rows,
                quote_rows, coreference_rows, event_rows,
            )
            tagged += len(results)
            sentences += len(sentence_rows)
            mentions += len(mention_rows)
            timexes += len(temporal_rows)
            quotes += len(quote_rows)
            events += len(event_rows)
            log.info("tag: %d articles tagged so far (%d mentions, %d time expressions)", tagged, mentions, timexes)
    log.info(
        "tag: %d articles, %d sentences, %d mentions, %d time expressions, %d quotes, %d event mentions with %s",
        tagged, sentences, mentions, timexes, quotes, events, signature,
    )
    return TagReport(tagged, sentences, mentions, timexes, quotes, events)
