"""newswire_etl: news articles → raw DuckDB tables → dbt marts, validated at each stage.

Read this file as the pipeline's table of contents. Each task is one stage and
calls code in ``extract/`` (reading, NLP, loading, dbt) or ``expectations/`` (GX):

    operator_requests → extract → plan_tagging → tag (one mapped task per batch) → load_tags
                      → validate_raw → dbt_staging → validate_staging → dbt_marts
                      → validate_marts → publish → report

dbt_staging and dbt_marts are task groups with one task per dbt model and seed (astronomer-cosmos,
see extract/transform_tasks.py): each layer is one ``dbt build``, each model's task its outcome.

A bad article never stops the run: extract rejects unreadable files, and a row check that
fails on an article quarantines that article (``audit.quarantined_articles``); the rest is
published. Only a systemic failure (a batch-level share below its threshold, zero articles,
a broken dbt contract) stops the run, and then ``warehouse/published/newswire.duckdb``, the
file users and BI tools read, stays as it was.

The article-local marts (dim_articles, fct_temporal_expressions) are incremental: a run builds
the rows of its new and re-processed articles only. The marts that carry canonical entity and
event ids are rebuilt, because a new article can change those ids (see the README).

Trigger it from the Airflow UI with optional params: input folder(s), warehouse file, spaCy
model, the operator's requests (re-process quarantined articles, remove articles) by article
id or file name, and a full refresh of the incremental marts. Empty params fall back to the NEWSWIRE_* environment and then to
the embedded defaults (``seeds/`` into ``warehouse/newswire.duckdb``).
Heavy libraries are imported inside tasks so the DAG file parses fast.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pendulum
from airflow.sdk import Asset, Param, dag, task
from airflow.sdk.exceptions import AirflowFailException

from extract.config import Settings
from extract.errors import PermanentError
from extract.transform_tasks import MACROS, MARTS_EXCLUDE, STAGING_FLAGS, STAGING_SELECT, dbt_layer

log = logging.getLogger(__name__)

MARTS = sorted(p.stem for p in (Path(__file__).resolve().parents[1] / "dbt" / "models" / "marts").glob("*.sql"))
MART_ASSETS = [Asset(name=f"newswire.marts.{mart}", uri=f"newswire://published/marts/{mart}") for mart in MARTS]
"""Each published mart as an Airflow Asset: downstream DAGs can be scheduled on them (schedule=[...])."""


@contextmanager
def fail_fast() -> Iterator[None]:
    """A PermanentError (failed validation or dbt test, unknown target) fails the task without retries."""
    try:
        yield
    except PermanentError as err:
        raise AirflowFailException(str(err)) from err


@dag(
    dag_id="newswire_etl",
    schedule=None,
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,  # DuckDB allows one writer per file
    dagrun_timeout=timedelta(hours=6),  # a run stuck beyond any plausible load is failed, not left running
    default_args={  # transient: a killed worker, a lock
        "retries": 2, "retry_delay": timedelta(seconds=Settings.from_env().retry_delay_seconds),
    },
    tags=["newswire"],
    doc_md=__doc__,
    user_defined_macros=MACROS,  # the run's warehouse for the dbt tasks' templates
    params={
        "input_dir": Param(
            "", type="string", description="Folder of article files, or several joined by ':' (default: seeds/)."
        ),
        "warehouse_path": Param("", type="string", description="DuckDB file (default: warehouse/newswire.duckdb)."),
        "spacy_model": Param("", type="string", description="Installed spaCy model package name."),
        "reprocess_articles": Param(
            [],
            type="array",
            description="Article ids or file names to release from quarantine and process again"
            " ('quarantined' = all of them).",
        ),
        "remove_articles": Param(
            [], type="array", description="Article ids or file names to remove from every layer."
        ),
        "full_refresh": Param(
            False, type="boolean",
            description="Rebuild the incremental marts from every live article (dbt build --full-refresh),"
            " e.g. after an upgrade that changes their columns.",
        ),
    },
)
def newswire_etl():
    @task
    def operator_requests(params: dict | None = None, run_id: str | None = None) -> dict:
        """Apply the reprocess/remove params (logged in audit.operator_actions); nothing to do by default."""
        params = params or {}
        if not params.get("reprocess_articles") and not params.get("remove_articles"):
            return {"reprocessed": 0, "removed": 0}
        from extract.operations import apply_requests

        settings = Settings.from_params(params)
        with fail_fast():
            return apply_requests(
                settings.warehouse_path, params.get("reprocess_articles") or [], params.get("remove_articles") or [],
                run_id or "manual",
            ).as_dict()

    @task(task_id="extract")
    def extract_articles(requests: dict, params: dict | None = None, run_id: str | None = None) -> dict:
        """Read new and changed files into raw.articles; reject bad files into raw.rejected_articles."""
        from extract.pipeline import extract_articles

        with fail_fast():
            return extract_articles(Settings.from_params(params), run_id or "manual").as_dict()

    @task
    def plan_tagging(extracted: dict, params: dict | None = None, run_id: str | None = None) -> list[dict]:
        """Split the untagged articles into batches (NEWSWIRE_TAG_BATCH_ARTICLES each) for the mapped tag task."""
        from extract.tag_batches import plan_batches

        settings = Settings.from_params(params)
        with fail_fast():
            return plan_batches(settings, run_id or "manual", settings.tag_batch_articles)

    @task(task_id="tag", map_index_template="{{ batch_label }}")
    def tag_batch(batch: dict, params: dict | None = None, run_id: str | None = None) -> dict:
        """Tag one batch with spaCy and our extraction into Parquet shards; reads the warehouse, never writes it,
        so batches run at once on as many workers as the executor has."""
        from airflow.sdk import get_current_context

        from extract.tag_batches import tag_batch as tag_one

        get_current_context()["batch_label"] = batch["label"]  # the batch's name in the Grid view
        with fail_fast():
            return tag_one(Settings.from_params(params), batch, run_id or "manual")

    @task
    def load_tags(tagged: list[dict], params: dict | None = None, run_id: str | None = None) -> dict:
        """Commit every batch's shards into the raw tables (the one writer); quarantine articles that failed."""
        from extract.tag_batches import load_batches

        with fail_fast():
            return load_batches(Settings.from_params(params), list(tagged), run_id or "manual").as_dict()

    @task
    def validate_raw(tagged: dict, params: dict | None = None, run_id: str | None = None) -> dict:
        """GX suite expectations/suites/raw.yml: quarantine failing articles, stop on a systemic failure."""
        from expectations.runner import validate_stage

        with fail_fast():
            return validate_stage("raw", Settings.from_params(params), run_id).as_dict()

    @task
    def validate_staging(params: dict | None = None, run_id: str | None = None) -> dict:
        """GX suite expectations/suites/staging.yml: quarantine failing articles, stop on a systemic failure."""
        from expectations.runner import validate_stage

        with fail_fast():
            return validate_stage("staging", Settings.from_params(params), run_id).as_dict()

    @task
    def validate_marts(params: dict | None = None, run_id: str | None = None) -> dict:
        """GX suite expectations/suites/marts.yml; articles quarantined here leave the marts, which are rebuilt."""
        from expectations.runner import validate_stage
        from extract.transform import MARTS, build

        settings = Settings.from_params(params)
        with fail_fast():
            return validate_stage("marts", settings, run_id, rebuild=lambda: build(settings, *MARTS)).as_dict()

    @task(outlets=MART_ASSETS)
    def publish(validated: dict, params: dict | None = None, run_id: str | None = None) -> dict:
        """Copy the validated marts and the audit to the published warehouse file, atomically; then give the
        working file's free space back if rebuilds left much of it (NEWSWIRE_COMPACT_FREE_SHARE)."""
        from extract.compaction import compact_if_bloated
        from extract.publish import publish as publish_marts

        settings = Settings.from_params(params)
        published = publish_marts(settings, run_id or "manual").as_dict()
        compaction = compact_if_bloated(  # after publishing: readers use the published file
            settings.warehouse_path, settings.compact_free_share, settings.compact_min_mb * 2**20
        )
        return {**published, "working_file_compacted": compaction.compacted}

    @task
    def report(published: dict, params: dict | None = None) -> dict:
        """Log the run summary as users will find it in the warehouse."""
        from extract.report import summarise

        summary = summarise(Settings.from_params(params))
        for line in summary.lines():
            log.info(line)
        return summary.__dict__

    requests = operator_requests()
    extracted = extract_articles(requests)
    tagged = load_tags(tag_batch.expand(batch=plan_tagging(extracted)))
    raw_ok = validate_raw(tagged)
    # dbt in the Grid view: one task per model and seed; each layer is one `dbt build` (transform_tasks.py)
    staged = dbt_layer("dbt_staging", select=STAGING_SELECT, dbt_flags=STAGING_FLAGS)
    staging_ok = validate_staging()
    marts = dbt_layer("dbt_marts", exclude=MARTS_EXCLUDE, full_refresh="{{ params.full_refresh }}")
    marts_ok = validate_marts()
    raw_ok >> staged >> staging_ok >> marts >> marts_ok
    published = publish(marts_ok)
    report(published)


newswire_etl()
