"""The suite files: every shipped suite loads, and a malformed check is refused with its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from expectations.runner import placeholders
from expectations.suites import SuiteFileError, load_suite
from extract.config import Settings


@pytest.mark.parametrize("stage", ["raw", "staging", "marts"])
def test_shipped_suites_load_with_the_settings(stage: str) -> None:
    checks = load_suite(stage, placeholders(Settings.from_env()))
    assert checks
    severities = {c.severity for c in checks}
    assert "critical" in severities and "quarantine" in severities
    for check in checks:
        if check.severity == "quarantine":
            assert "raw.pending_articles" in check.query, f"{check.name} should look at this run's articles"


def test_quarantine_check_must_name_the_article(tmp_path: Path) -> None:
    (tmp_path / "raw.yml").write_text(
        """
checks:
  - name: per_quote
    severity: quarantine
    query: select quote_id, quote_text from raw.quotes
    row_id: [quote_id]
    expectations:
      - expect_column_values_to_not_be_null: {column: quote_text}
"""
    )
    with pytest.raises(SuiteFileError, match="'per_quote' quarantines articles, so its row_id must include article_id"):
        load_suite("raw", {}, tmp_path)


def test_unknown_setting_is_named(tmp_path: Path) -> None:
    (tmp_path / "raw.yml").write_text(
        """
checks:
  - name: share
    query: select 1 as x
    expectations:
      - expect_column_values_to_be_between: {column: x, min_value: "{no_such_setting}"}
"""
    )
    with pytest.raises(SuiteFileError, match=r"check 'share' uses unknown setting \{no_such_setting\}"):
        load_suite("raw", {}, tmp_path)
