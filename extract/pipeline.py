"""The stage functions behind the Airflow tasks: extract and tag.

Each returns a small report (plain counts) that the DAG passes on through XCom
and that the logs show, so progress is visible while a large batch runs.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import asdict, dataclass

import pandas as pd

from extract import nlp, warehouse
from extract.articles import Article, Rejection, read_articles
from extract.config import Settings

log = logging.getLogger(__name__)

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
    tagged = 0
    written: Counter[str] = Counter()
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
            frames = {
                table: pd.DataFrame([row for r in results for row in r.rows[table]], columns=list(columns))
                for table, columns in warehouse.NLP_COLUMNS.items()
            }
            warehouse.replace_nlp_output(con, [r.article_id for r in results], signature, frames)
            tagged += len(results)
            written.update({table: len(frame) for table, frame in frames.items()})
            log.info(
                "tag: %d articles tagged so far (%d mentions, %d time expressions)",
                tagged, written["raw.entity_mentions"], written["raw.temporal_expressions"],
            )
    log.info("tag: %d articles with %s: %s", tagged, signature, dict(written))
    return TagReport(
        tagged,
        written["raw.sentences"],
        written["raw.entity_mentions"],
        written["raw.temporal_expressions"],
        written["raw.quotes"],
        written["raw.event_mentions"],
    )
