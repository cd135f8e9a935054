"""Write, audit, publish: users and BI tools read a published copy made only after validation passed;
a systemic failure stops the run and leaves that copy byte for byte as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.integration.conftest import copy_of_run, query

pytestmark = pytest.mark.integration


def published_of(warehouse: Path) -> Path:
    return warehouse.parent / "published" / warehouse.name


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def run_copy(seed_run, tmp_path) -> Path:
    """A private copy of the seed run's folder: working warehouse and published file."""
    return copy_of_run(seed_run, tmp_path / "run")


def test_published_file_holds_what_readers_are_told_to_query(seed_run) -> None:
    published = published_of(seed_run.warehouse)
    schemas = {r[0] for r in query(published, "select distinct table_schema from information_schema.tables")}
    tables = {f"{s}.{t}" for s, t in query(published, "select table_schema, table_name from information_schema.tables")}
    assert schemas == {"marts", "reference", "audit"}
    assert {
        "marts.fct_scheduled_events", "marts.fct_temporal_expressions", "audit.rejected_articles",
        "audit.quarantined_articles", "audit.validation_results", "audit.publications",
    } <= tables
    assert query(published, "select count(*) from marts.fct_scheduled_events")[0][0] == seed_run.query(
        "select count(*) from marts.fct_scheduled_events"
    )[0][0] > 0
    assert query(published, "select newswire_name_key('Mr. Zelensky')") == [("zelensky",)]
    publications = query(published, "select run_id, articles from audit.publications order by published_at")
    assert publications[0] == (seed_run.run_id, 2)  # later tests may publish the same warehouse again


def test_systemic_failure_stops_the_run_and_keeps_the_published_file(run_copy, run_dag, monkeypatch) -> None:
    """A resolution share below its threshold is systemic: validate_raw fails, nothing is published."""
    monkeypatch.setenv("NEWSWIRE_MIN_RESOLVED_SHARE", "0.99")
    monkeypatch.setenv("NEWSWIRE_MIN_ARTICLES_FOR_SHARES", "1")
    published = published_of(run_copy)
    before = digest(published)

    run = run_dag(run_copy)

    assert run.state == "failed"
    assert run.task_states["validate_raw"] == "failed"
    for task in ["dbt_staging", "validate_staging", "dbt_marts", "validate_marts", "publish"]:
        assert run.stage_states[task] == "upstream_failed"
    assert digest(published) == before
    failed = run.query(
        "select check_name, severity from audit.validation_results where run_id = ? and not success", [run.run_id]
    )
    assert ("resolved_share_of_stage", "critical") in failed


def test_data_docs_written_per_stage(seed_run) -> None:
    docs = seed_run.warehouse.parent / "data_docs"
    for stage, check in [("raw", "entity_coverage"), ("staging", "entity_coverage_share"), ("marts", "named_mentions_linked")]:
        assert (docs / stage / "index.html").exists()
        pages = list((docs / stage / "validations" / stage / check).rglob("*.html"))
        assert pages, f"no Data Docs page for {stage}.{check}"
