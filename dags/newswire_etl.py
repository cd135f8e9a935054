"""newswire_etl: news articles → raw DuckDB tables → dbt marts, validated at each stage.

Read this file as the pipeline's table of contents. Each task is one stage and
calls code in ``extract/`` (reading, NLP, loading, dbt) or ``expectations/`` (GX):

    extract → tag → validate_raw → dbt_staging → validate_staging
            → dbt_marts → validate_marts → publish → report

Validation gates every layer (write-audit-publish): a critical expectation that fails
stops the run at that stage, and only a run whose marts pass is published to
``warehouse/published/newswire.duckdb``, the file users and BI tools read.

Trigger it from the Airflow UI with optional params (input folder, warehouse file,
spaCy model); empty params fall back to the NEWSWIRE_* environment and then to the
embedded defaults (``seeds/`` into ``warehouse/newswire.duckdb``).
Heavy libraries are imported inside tasks so the DAG file parses fast.
"""

from __future__ import annotations

import logging

import pendulum
from airflow.sdk import Param, dag, task

from extract.config import Settings

log = logging.getLogger(__name__)


@dag(
    dag_id="newswire_etl",
    schedule=None,
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,  # DuckDB allows one writer per file
    tags=["newswire"],
    doc_md=__doc__,
    params={
        "input_dir": Param("", type="string", description="Folder of article files (default: seeds/)."),
        "warehouse_path": Param("", type="string", description="DuckDB file (default: warehouse/newswire.duckdb)."),
        "spacy_model": Param("", type="string", description="Installed spaCy model package name."),
    },
)
def newswire_etl():
    @task(task_id="extract")
    def extract_articles(params: dict | None = None) -> dict:
        """Read article files into raw.articles; quarantine bad files in raw.rejected_articles."""
        from extract.pipeline import extract_articles

        return extract_articles(Settings.from_params(params)).as_dict()

    @task(task_id="tag")
    def tag_articles(extracted: dict, params: dict | None = None) -> dict:
        """Run spaCy over untagged articles into raw.sentences and raw.entity_mentions."""
        from extract.pipeline import tag_articles

        return tag_articles(Settings.from_params(params)).as_dict()

    @task
    def validate_raw(tagged: dict, params: dict | None = None, run_id: str | None = None) -> dict:
        """GX suite expectations/suites/raw.yml; a critical failure stops the run here."""
        from expectations.runner import validate_stage

        return validate_stage("raw", Settings.from_params(params), run_id).as_dict()

    @task
    def dbt_staging(validated: dict, params: dict | None = None) -> dict:
        """dbt build of the staging views and their tests."""
        from extract.transform import STAGING, build

        return build(Settings.from_params(params), *STAGING).as_dict()

    @task
    def validate_staging(built: dict, params: dict | None = None, run_id: str | None = None) -> dict:
        """GX suite expectations/suites/staging.yml; a critical failure stops the run before the marts."""
        from expectations.runner import validate_stage

        return validate_stage("staging", Settings.from_params(params), run_id).as_dict()

    @task
    def dbt_marts(validated: dict, params: dict | None = None) -> dict:
        """dbt build of the seeds, intermediate and mart models, with their tests and unit tests."""
        from extract.transform import MARTS, build

        return build(Settings.from_params(params), *MARTS).as_dict()

    @task
    def validate_marts(built: dict, params: dict | None = None, run_id: str | None = None) -> dict:
        """GX suite expectations/suites/marts.yml on what users and BI tools will read."""
        from expectations.runner import validate_stage

        return validate_stage("marts", Settings.from_params(params), run_id).as_dict()

    @task
    def publish(validated: dict, params: dict | None = None) -> dict:
        """Copy the validated marts to the published warehouse file, atomically."""
        from extract.publish import publish as publish_marts

        return publish_marts(Settings.from_params(params)).as_dict()

    @task
    def report(published: dict, params: dict | None = None) -> dict:
        """Log the run summary as users will find it in the warehouse."""
        from extract.report import summarise

        summary = summarise(Settings.from_params(params))
        for line in summary.lines():
            log.info(line)
        return summary.__dict__

    extracted = extract_articles()
    tagged = tag_articles(extracted)
    raw_ok = validate_raw(tagged)
    staged = dbt_staging(raw_ok)
    staging_ok = validate_staging(staged)
    built = dbt_marts(staging_ok)
    marts_ok = validate_marts(built)
    published = publish(marts_ok)
    report(published)


newswire_etl()
