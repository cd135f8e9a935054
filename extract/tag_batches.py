"""Tagging as batches that can run at the same time: plan them, tag each to Parquet shards, load once.

DuckDB has one writer per file, but tagging is CPU work that needs no writer. So the DAG
splits the untagged articles into batches (``plan_batches``), tags each batch as its own
mapped Airflow task that only reads the warehouse and writes its rows as Parquet shards
(``tag_batch``: one file per raw table, in a folder per batch, renamed into place only
when complete), and one task commits the shards (``load_batches``), batch by batch, in
transactions. With Airflow's LocalExecutor or CeleryExecutor, N workers tag N batches at
once; ``n_process`` still splits a batch across the cores of one worker.

Re-runs are safe: a killed batch leaves no shard folder (only a ``.partial`` one, cleared
at the next plan), a retried batch replaces its shards, and loading a batch twice
replaces the same rows. Shards of a run that never loaded are cleared at the next plan:
their articles are still untagged, so they are planned again.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pandas as pd

from extract import nlp, quarantine, warehouse
from extract.config import Settings
from extract.pipeline import TagReport, results_to_frames, tag_chunk
from extract.quarantine import QuarantineEntry

log = logging.getLogger(__name__)

FAILURES = "failures"
BATCH_IDS = "articles"


def shard_root(settings: Settings) -> Path:
    """Where a warehouse's shards live: beside the file, never inside the published folder."""
    return settings.warehouse_path.parent / "tag_shards" / settings.warehouse_path.stem


def run_folder(settings: Settings, run_id: str) -> Path:
    return shard_root(settings) / re.sub(r"[^A-Za-z0-9_.-]+", "_", run_id)


def plan_batches(settings: Settings, run_id: str, batch_size: int) -> list[dict]:
    """Split the articles this tagger has not tagged into batches; clear shards no run will load.

    Always returns at least one batch (possibly empty), so the mapped task and the loader
    after it run, and report zero, when there is nothing new."""
    if shard_root(settings).exists():
        for stale in shard_root(settings).iterdir():
            log.info("plan: clearing shards of an earlier run that never loaded: %s", stale)
            shutil.rmtree(stale, ignore_errors=True)
    signature = nlp.tagger_signature(settings.spacy_model)
    with warehouse.connect(settings.warehouse_path, read_only=True) as con:
        ids = warehouse.untagged_article_ids(con, signature)
    batches = [ids[i : i + batch_size] for i in range(0, len(ids), batch_size)] or [[]]
    log.info("plan: %d untagged articles in %d batches of up to %d", len(ids), len(batches), batch_size)
    return [
        {"batch": number, "article_ids": batch, "label": f"batch {number + 1}/{len(batches)} ({len(batch)} articles)"}
        for number, batch in enumerate(batches)
    ]


def tag_batch(settings: Settings, batch: dict, run_id: str) -> dict:
    """Tag one batch into ``<run folder>/batch-NNNNN/<table>.parquet``; returns its counts and folder."""
    target = run_folder(settings, run_id) / f"batch-{batch['batch']:05d}"
    ids = batch["article_ids"]
    if not ids:
        return {"batch": batch["batch"], "folder": None, "articles": 0, "failed": 0}
    with warehouse.connect(settings.warehouse_path, read_only=True) as con:
        articles = warehouse.articles_by_id(con, ids)
    model = nlp.load_pipeline(settings.spacy_model)
    results = tag_chunk(model, articles, settings)
    frames = results_to_frames(results)
    failures = pd.DataFrame(
        [(r.article_id, r.error) for r in results if isinstance(r, nlp.TaggingFailure)], columns=["article_id", "error"]
    )
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    _write(partial / f"{BATCH_IDS}.parquet", pd.DataFrame({"article_id": [r.article_id for r in results]}))
    _write(partial / f"{FAILURES}.parquet", failures)
    for table, frame in frames.items():
        _write(partial / f"{table}.parquet", frame)
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)  # the batch appears whole or not at all
    log.info("tag %s: %d articles tagged, %d failed, shards in %s", batch["label"], len(results) - len(failures),
             len(failures), target)
    return {"batch": batch["batch"], "folder": str(target), "articles": len(results), "failed": len(failures)}


def load_batches(settings: Settings, tagged: list[dict], run_id: str) -> TagReport:
    """Commit every batch's shards (one transaction per batch) and quarantine the articles that failed."""
    signature = nlp.tagger_signature(settings.spacy_model)
    written: Counter[str] = Counter()
    tagged_count = failed = 0
    folders = sorted(Path(t["folder"]) for t in tagged if t.get("folder"))
    with warehouse.connect(settings.warehouse_path) as con:
        for folder in folders:
            if not folder.is_dir():
                log.info("load: %s is gone (loaded by an earlier try)", folder)
                continue
            ids = _read(folder / f"{BATCH_IDS}.parquet", ("article_id",))["article_id"].tolist()
            failures = _read(folder / f"{FAILURES}.parquet", ("article_id", "error"))
            frames = {table: _read(folder / f"{table}.parquet", columns) for table, columns in warehouse.NLP_COLUMNS.items()}
            warehouse.replace_nlp_output(con, ids, signature, frames, run_id)
            quarantine.quarantine(
                con, [QuarantineEntry(r.article_id, "tag", "tagging_error", r.error) for r in failures.itertuples()], run_id
            )
            tagged_count += len(ids) - len(failures)
            failed += len(failures)
            written.update({table: len(frame) for table, frame in frames.items()})
            shutil.rmtree(folder)
            log.info("load: %s committed (%d articles tagged so far, %d quarantined)", folder.name, tagged_count, failed)
    shutil.rmtree(run_folder(settings, run_id), ignore_errors=True)
    log.info("load: %d articles with %s, %d quarantined: %s", tagged_count, signature, failed, dict(written))
    return TagReport.from_counts(tagged_count, failed, written)


def _write(path: Path, frame: pd.DataFrame) -> None:
    """Parquet through DuckDB (no extra dependency); an empty frame writes no file."""
    if frame.empty:
        return
    with duckdb.connect() as con:
        con.register("frame", frame)
        con.execute(f"copy frame to '{warehouse.sql_path(path)}' (format parquet)")


def _read(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame(columns=list(columns))
    with duckdb.connect() as con:
        return con.execute(f"select {', '.join(columns)} from read_parquet(?)", [str(path)]).df()
