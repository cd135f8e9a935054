"""Validation at every stage: broken data fails the right expectation, stops the right task,
and the published warehouse (what users and BI tools read) stays as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from expectations.runner import ValidationFailed, validate_stage
from tests.integration.damage import damage, settings_for

pytestmark = pytest.mark.integration


def published_of(warehouse: Path) -> Path:
    return warehouse.parent / "published" / warehouse.name


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()



@pytest.fixture
def run_copy(seed_run, tmp_path) -> Path:
    """A private copy of the seed run's folder: working warehouse and published file."""
    folder = tmp_path / "run"
    shutil.copytree(seed_run.warehouse.parent, folder, ignore=shutil.ignore_patterns("dbt_target", "data_docs"))
    return folder / seed_run.warehouse.name



def test_published_file_holds_only_validated_marts(seed_run) -> None:
    published = published_of(seed_run.warehouse)
    con = duckdb.connect(str(published), read_only=True)
    schemas = {r[0] for r in con.execute("select distinct table_schema from information_schema.tables").fetchall()}
    events = con.execute("select count(*) from marts.fct_scheduled_events").fetchall()[0][0]
    con.close()
    assert schemas == {"marts", "reference", "audit"}
    assert events == seed_run.query("select count(*) from marts.fct_scheduled_events")[0][0] > 0


def test_unresolved_date_stops_raw_validation(run_copy) -> None:
    damage(run_copy, "update raw.temporal_expressions set start_date = null, end_date = null where expression_text = 'next week'")
    with pytest.raises(ValidationFailed) as failed:
        validate_stage("raw", settings_for(run_copy), "test-unresolved")
    assert "calendar_expressions_resolved: expect_column_values_to_not_be_null(column=start_date)" in str(failed.value)


def test_unresolved_date_stops_staging_validation(run_copy) -> None:
    damage(run_copy, "update raw.temporal_expressions set start_date = null, end_date = null where expression_text = 'next week'")
    with pytest.raises(ValidationFailed, match="stage 'staging'"):
        validate_stage("staging", settings_for(run_copy), "test-unresolved-staging")


def test_mention_without_entity_stops_marts_validation(run_copy) -> None:
    damage(run_copy, "update marts.fct_mentions set entity_id = null where surface_text = 'Budapest'")
    with pytest.raises(ValidationFailed) as failed:
        validate_stage("marts", settings_for(run_copy), "test-unlinked")
    assert "named_mentions_linked: expect_column_values_to_not_be_null(column=entity_id)" in str(failed.value)


def test_event_dated_before_its_article_fails_the_dag_before_publishing(run_copy, run_dag) -> None:
    """The February meeting (held) re-marked as scheduled: the marts check stops the run; publish never runs."""
    published = published_of(run_copy)
    before = digest(published)
    damage(run_copy, "update raw.event_mentions set status = 'scheduled' where evidence like '%clashed publicly%'")

    run = run_dag(run_copy)

    assert run.state == "failed"
    for task in ["extract", "tag", "validate_raw", "dbt_staging", "validate_staging", "dbt_marts"]:
        assert run.task_states[task] == "success"
    assert run.task_states["validate_marts"] == "failed"
    assert run.task_states["publish"] == "upstream_failed"
    assert digest(published) == before
    failed = run.query(
        "select check_name from audit.validation_results where run_id = ? and not success", [run.run_id]
    )
    assert failed == [("scheduled_events_not_before_publication",)]


def test_data_docs_written_per_stage(seed_run) -> None:
    docs = seed_run.warehouse.parent / "data_docs"
    for stage, check in [("raw", "entity_coverage"), ("staging", "entity_coverage"), ("marts", "named_mentions_linked")]:
        assert (docs / stage / "index.html").exists()
        pages = list((docs / stage / "validations" / stage / check).rglob("*.html"))
        assert pages, f"no Data Docs page for {stage}.{check}"
