"""The stage functions behind the Airflow tasks: extract and tag.

Each returns a small report (plain counts) that the DAG passes on through XCom
and that the logs show, so progress is visible while a large batch runs.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import asdict, astuple, dataclass
from datetime import date

import pandas as pd

from extract import nlp, warehouse
from extract.articles import Article, Rejection, SourceFile, read_source, scan
from extract.config import Settings

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class ExtractReport:
    files_read: int
    files_unchanged: int
    articles_new: int
    duplicates: int
    superseded: int
    skipped_removed: int
    rejected: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class TagReport:
    articles_tagged: int
    articles_failed: int
    sentences: int
    mentions: int
    temporal_expressions: int
    quotes: int
    event_mentions: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def combine(cls, reports: list[TagReport]) -> TagReport:
        columns = list(zip(*(astuple(r) for r in reports), strict=True))
        return cls(*(sum(c) for c in columns)) if columns else cls(0, 0, 0, 0, 0, 0, 0)

    @classmethod
    def from_counts(cls, tagged: int, failed: int, written: Counter[str]) -> TagReport:
        """The report from the rows written per raw table."""
        return cls(
            tagged,
            failed,
            written["raw.sentences"],
            written["raw.entity_mentions"],
            written["raw.temporal_expressions"],
            written["raw.quotes"],
            written["raw.event_mentions"],
        )


def extract_articles(settings: Settings, run_id: str = "manual") -> ExtractReport:
    """Read new and changed files of the input folders into raw.articles; reject the bad ones with a reason.

    Files already loaded with the same size and modification time are not read again, so a
    large folder that grows by a few files a run costs a directory listing, not a re-read.
    """
    with warehouse.connect(settings.warehouse_path) as con:
        known = warehouse.known_sources(con)
        removed = warehouse.removed_articles(con)
    readable: list[tuple[Article, SourceFile]] = []
    rejections: list[Rejection] = []
    seen: dict[str, str] = {}
    files = unchanged = duplicates = skipped_removed = 0
    for folder in settings.input_dirs:
        log.info("reading articles from %s", folder)
        for source in scan(folder):
            files += 1
            if known.get(str(source.path)) == (source.size, source.modified_ns) and source.problem is None:
                unchanged += 1
                continue
            outcome = read_source(source, settings.limits)
            if isinstance(outcome, Rejection):
                log.warning("rejected %s: %s", source.path, outcome.reason)
                rejections.append(outcome)
            elif outcome.article_id in removed:
                skipped_removed += 1
                log.info(
                    "skipped %s: article %s was removed by an operator at %s (reprocess it to bring it back)",
                    source.path, outcome.article_id, removed[outcome.article_id],
                )
            else:
                if outcome.article_id in seen:
                    duplicates += 1
                    log.info("%s has the same content as %s; keeping one article", source.path, seen[outcome.article_id])
                seen.setdefault(outcome.article_id, str(source.path))
                readable.append((outcome, source))
            if files % 1000 == 0:
                log.info("extract: %d files listed so far (%d unchanged)", files, unchanged)
    with warehouse.connect(settings.warehouse_path) as con:
        loaded = warehouse.load_articles(con, readable)
        warehouse.load_rejections(con, rejections, run_id)
    report = ExtractReport(
        files, unchanged, loaded.new, duplicates, loaded.superseded, skipped_removed, len(rejections)
    )
    log.info(
        "extract: %d files (%d unchanged, not re-read), %d new articles, %d duplicate, %d superseded versions,"
        " %d removed by an operator, %d rejected",
        files, unchanged, loaded.new, duplicates, loaded.superseded, skipped_removed, len(rejections),
    )
    return report


def tag_articles(settings: Settings, run_id: str = "manual", chunk_size: int = 500) -> TagReport:
    """NLP-tag every article the configured model has not tagged yet, a batch at a time, in this process.

    The same batches, shards and loader as the DAG's mapped ``tag`` tasks
    (``extract/tag_batches.py``), one after another, each batch committed before the next
    starts, so an interrupted run resumes with the untagged articles. An article the NLP
    stage cannot process is quarantined with the error (and recorded as tagged, so it is
    not retried on every run); its batch goes on without it.
    """
    from extract import tag_batches  # it builds on this module's tag_chunk

    reports = []
    for batch in tag_batches.plan_batches(settings, run_id, chunk_size):
        tagged = tag_batches.tag_batch(settings, batch, run_id)
        reports.append(tag_batches.load_batches(settings, [tagged], run_id))
    return TagReport.combine(reports)


def results_to_frames(results: list[nlp.TaggedArticle | nlp.TaggingFailure]) -> dict[str, pd.DataFrame]:
    """One frame per raw table (warehouse.NLP_COLUMNS) from the tagged articles' row dicts."""
    return {
        table: pd.DataFrame(
            [row for r in results if isinstance(r, nlp.TaggedArticle) for row in r.rows[table]],
            columns=list(columns),
        )
        for table, columns in warehouse.NLP_COLUMNS.items()
    }


def tag_chunk(
    model, batch: list[tuple[str, str, date]], settings: Settings
) -> list[nlp.TaggedArticle | nlp.TaggingFailure]:
    """Tag a chunk with ``nlp.pipe``; if spaCy itself fails on the chunk, tag its articles one by one
    so only the article that breaks it is set aside."""
    try:
        return list(
            nlp.tag_documents(model, batch, batch_size=settings.spacy_batch_size, n_process=settings.spacy_processes)
        )
    except Exception as err:  # noqa: BLE001 - any spaCy failure: isolate the article that causes it
        log.warning("tag: the chunk failed in spaCy (%s); tagging its %d articles one by one", err, len(batch))
    results: list[nlp.TaggedArticle | nlp.TaggingFailure] = []
    for article in batch:
        try:
            results.extend(nlp.tag_documents(model, [article], batch_size=1, n_process=1))
        except Exception as err:  # noqa: BLE001
            results.append(nlp.TaggingFailure(article[0], f"{type(err).__name__}: {err}"))
    return results
