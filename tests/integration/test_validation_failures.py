"""Broken data makes the right GX expectation fail, and a failed critical check stops the DAG."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from expectations.runner import ValidationFailed, validate_stage
from tests.integration.damage import damage, settings_for

pytestmark = pytest.mark.integration




def first_article(warehouse: Path) -> str:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select min(article_id) from raw.articles").fetchall()[0][0]
    finally:
        con.close()


def test_shifted_mention_offset_fails_offset_check(warehouse_copy) -> None:
    article = first_article(warehouse_copy)
    damage(
        warehouse_copy,
        f"update raw.entity_mentions set start_char = start_char + 1"
        f" where article_id = '{article}' and start_char = (select min(start_char)"
        f" from raw.entity_mentions where article_id = '{article}')",
    )
    with pytest.raises(ValidationFailed) as failed:
        validate_stage("raw", settings_for(warehouse_copy), "test-offsets")
    message = str(failed.value)
    assert "1 critical expectation(s) failed at stage 'raw'" in message
    assert "mention_offsets_valid: expect_column_pair_values_to_be_equal" in message
    assert article in message


def test_article_without_places_fails_entity_coverage(warehouse_copy) -> None:
    article = first_article(warehouse_copy)
    damage(warehouse_copy, f"delete from raw.entity_mentions where article_id = '{article}' and entity_label = 'GPE'")
    with pytest.raises(ValidationFailed) as failed:
        validate_stage("raw", settings_for(warehouse_copy), "test-coverage")
    message = str(failed.value)
    assert "entity_coverage: expect_column_values_to_be_between(column=gpe_mentions" in message
    assert f"'article_id': '{article}'" in message
    assert "person_mentions" not in message


def test_implausible_date_fails_date_window(warehouse_copy) -> None:
    damage(warehouse_copy, "update raw.articles set published_date = date '1890-01-01'")
    with pytest.raises(ValidationFailed, match="published_date_plausible: expect_column_values_to_be_between"):
        validate_stage("raw", settings_for(warehouse_copy), "test-dates")


def test_failures_are_recorded_in_the_results_table(warehouse_copy) -> None:
    damage(warehouse_copy, "delete from raw.entity_mentions where entity_label = 'PERSON'")
    with pytest.raises(ValidationFailed):
        validate_stage("raw", settings_for(warehouse_copy), "test-recorded")
    con = duckdb.connect(str(warehouse_copy), read_only=True)
    rows = con.execute(
        "select check_name, expectation_kwargs, observed_value from audit.validation_results"
        " where run_id = 'test-recorded' and not success"
    ).fetchall()
    con.close()
    assert rows == [("entity_coverage", '{"column": "person_mentions", "min_value": 1.0}', "2 of 2 rows unexpected")]


def test_warning_is_recorded_but_does_not_stop(warehouse_copy, tmp_path) -> None:
    (tmp_path / "raw.yml").write_text(
        """
checks:
  - name: many_articles
    severity: warning
    query: select count(*) as article_count from raw.articles
    expectations:
      - expect_column_values_to_be_between: {column: article_count, min_value: 1000}
"""
    )
    report = validate_stage("raw", settings_for(warehouse_copy), "test-warning", suites_dir=tmp_path)
    assert (report.passed, report.failed_critical, report.failed_warning) == (0, 0, 1)


def test_failed_raw_validation_stops_the_dag_before_dbt(run_dag, tmp_path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "no_entities.txt").write_text(" date 2025-10-16 It rained all day and nobody went out.\n")
    run = run_dag(tmp_path / "newswire.duckdb", input_dir=articles)
    assert run.state == "failed"
    assert run.task_states["extract"] == "success"
    assert run.task_states["tag"] == "success"
    assert run.task_states["validate_raw"] == "failed"
    for task in ["dbt_staging", "validate_staging", "dbt_marts", "validate_marts", "publish"]:
        assert run.task_states[task] == "upstream_failed"
    assert run.query("select count(*) from information_schema.tables where table_schema = 'marts'") == [(0,)]
