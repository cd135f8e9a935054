"""Broken data, stage by stage: a row check quarantines only the article it fails on (naming its file),
a batch check stops the stage, a warning is recorded. Real DuckDB copies of the seed run, real GX."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from expectations.runner import ValidationFailed, validate_stage
from tests.integration.damage import article_of_file, damage, make_pending, settings_for

pytestmark = pytest.mark.integration

FIRST_SEED = "000_f7178084b3e2d7fe.txt"


def rows(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_dangling_mention_offsets_quarantine_only_that_article(warehouse_copy) -> None:
    article = article_of_file(warehouse_copy, FIRST_SEED)
    damage(
        warehouse_copy,
        "update raw.entity_mentions set end_char = 999999 where article_id = ? and start_char ="
        " (select min(start_char) from raw.entity_mentions where article_id = ?)",
        [article, article],
    )
    make_pending(warehouse_copy)

    report = validate_stage("raw", settings_for(warehouse_copy), "test-offsets")

    assert (report.quarantined, report.failed_critical) == (1, 0)
    quarantined = rows(
        warehouse_copy,
        "select article_id, file_name, stage, check_name, failing_values, run_id"
        " from audit.quarantined_articles where released_at is null",
    )
    assert len(quarantined) == 1
    article_id, file_name, stage, check, failing, run_id = quarantined[0]
    assert (article_id, file_name, stage, run_id) == (article, FIRST_SEED, "raw", "test-offsets")
    assert check == "mention_offsets_valid"
    found = json.loads(failing)
    assert {f["expectation"] for f in found} == {
        "expect_column_pair_values_a_to_be_greater_than_b", "expect_column_pair_values_to_be_equal"
    }
    assert all(row["article_id"] == article for f in found for row in f["rows"])
    live = {r[0] for r in rows(warehouse_copy, "select article_id from raw.live_articles")}
    assert article not in live and len(live) == 1


def test_failing_rows_name_the_file_in_the_results_table(warehouse_copy) -> None:
    article = article_of_file(warehouse_copy, FIRST_SEED)
    damage(warehouse_copy, "update raw.articles set published_date = date '1890-01-01' where article_id = ?", [article])
    make_pending(warehouse_copy)

    report = validate_stage("raw", settings_for(warehouse_copy), "test-dates")

    assert report.quarantined == 1
    failed = rows(
        warehouse_copy,
        "select check_name, severity, failing_rows from audit.validation_results"
        " where run_id = 'test-dates' and not success",
    )
    by_check = {c: (s, json.loads(r)) for c, s, r in failed}
    severity, failing_rows = by_check["published_date_plausible"]
    assert severity == "quarantine"
    assert failing_rows == [{"published_date": "1890-01-01", "article_id": article, "file_name": FIRST_SEED}]


def test_article_without_entities_is_only_a_warning(warehouse_copy) -> None:
    article = article_of_file(warehouse_copy, FIRST_SEED)
    damage(warehouse_copy, "delete from raw.entity_mentions where article_id = ?", [article])
    make_pending(warehouse_copy)

    report = validate_stage("raw", settings_for(warehouse_copy), "test-no-entities")

    assert (report.quarantined, report.failed_critical) == (0, 0)
    warned = rows(
        warehouse_copy,
        "select check_name from audit.validation_results where run_id = 'test-no-entities' and not success",
    )
    assert ("entity_coverage",) in warned


def test_no_entities_anywhere_is_systemic(warehouse_copy, monkeypatch) -> None:
    monkeypatch.setenv("NEWSWIRE_MIN_ARTICLES_FOR_SHARES", "1")
    damage(warehouse_copy, "delete from raw.entity_mentions where entity_label in ('PERSON', 'ORG', 'GPE')")
    with pytest.raises(ValidationFailed) as failed:
        validate_stage("raw", settings_for(warehouse_copy), "test-systemic")
    assert "entity_coverage_share: expect_column_values_to_be_between(column=covered_share" in str(failed.value)


def test_shares_are_not_judged_on_a_handful_of_articles(warehouse_copy) -> None:
    """Two articles without a single resolved date say nothing about the resolver: below
    NEWSWIRE_MIN_ARTICLES_FOR_SHARES the share checks pass."""
    damage(warehouse_copy, "update raw.temporal_expressions set start_date = null, end_date = null")
    report = validate_stage("raw", settings_for(warehouse_copy), "test-few")
    assert report.failed_critical == 0


def test_dangling_reference_warns_in_dbt_and_quarantines_at_staging(warehouse_copy) -> None:
    """One article's quote pointing at a mention that does not exist: dbt's staging build only
    warns (it must not stop every later run), the staging suite quarantines the article."""
    from extract.transform import STAGING, build

    article = article_of_file(warehouse_copy, FIRST_SEED)
    damage(warehouse_copy, "update raw.quotes set speaker_mention_id = article_id || ':0-1' where article_id = ?", [article])
    make_pending(warehouse_copy)

    built = build(settings_for(warehouse_copy), *STAGING)
    report = validate_stage("staging", settings_for(warehouse_copy), "test-references")

    assert built.statuses.get("warn", 0) >= 1
    assert report.quarantined == 1
    assert rows(warehouse_copy, "select distinct article_id, stage from audit.quarantined_articles") == [(article, "staging")]


def test_unlinked_mention_in_the_marts_quarantines_its_article(warehouse_copy) -> None:
    article = article_of_file(warehouse_copy, FIRST_SEED)
    damage(warehouse_copy, "update marts.fct_mentions set entity_id = null where surface_text = 'Budapest' and article_id = ?", [article])
    make_pending(warehouse_copy)

    report = validate_stage("marts", settings_for(warehouse_copy), "test-unlinked")

    assert report.quarantined == 1
    checks = rows(warehouse_copy, "select distinct article_id, check_name from audit.quarantined_articles")
    assert checks == [(article, "named_mentions_linked")]


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


def test_two_mentions_on_one_span_quarantine_that_article(warehouse_copy) -> None:
    article = article_of_file(warehouse_copy, FIRST_SEED)
    damage(
        warehouse_copy,
        "insert into raw.entity_mentions select article_id, sentence_index, start_char, end_char, surface_text,"
        " 'PRODUCT', linked_name, link_rule, is_agent from raw.entity_mentions where article_id = ? limit 1",
        [article],
    )
    make_pending(warehouse_copy)

    report = validate_stage("raw", settings_for(warehouse_copy), "test-spans")

    assert (report.quarantined, report.failed_critical) == (1, 0)
    quarantined = rows(
        warehouse_copy, "select article_id, check_name from audit.quarantined_articles where released_at is null"
    )
    assert quarantined == [(article, "mention_spans_unique")]
