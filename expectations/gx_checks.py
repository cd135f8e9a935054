"""Running one check's expectations with GX Core 1.x on the check query's rows.

The rows reach GX as a pandas DataFrame (a GX pandas data source with a
whole-dataframe batch), not through GX's SQL data source: GX 1.x reads DuckDB
query results after closing the connection, so every metric fails there (see
the README). The query still runs in DuckDB; only the judging happens in pandas.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

import pandas as pd

from expectations.suites import Check

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

SAMPLE_SIZE = 5

# GX logs every data source registration at INFO; task logs should show our outcomes instead.
logging.getLogger("great_expectations").setLevel(logging.WARNING)


@dataclass(frozen=True)
class ExpectationOutcome:
    """What one expectation found, flattened for logs and the results table."""

    check: str
    severity: str
    expectation: str
    kwargs: dict[str, Any]
    success: bool
    element_count: int | None
    unexpected_count: int | None
    observed_value: str
    failing_rows: list[dict[str, Any]]

    def describe(self) -> str:
        """One line a person can read in a task log."""
        args = ", ".join(f"{k}={v}" for k, v in self.kwargs.items())
        verdict = "passed" if self.success else "FAILED"
        line = f"[{self.severity}] {self.check}: {self.expectation}({args}) {verdict}; observed {self.observed_value}"
        if self.failing_rows:
            line += f"; failing rows: {self.failing_rows}"
        return line


class GxValidator:
    """An ephemeral GX context holding one pandas data source for a stage's checks."""

    def __init__(self, stage: str) -> None:
        import great_expectations as gx  # heavy import (several seconds): only when validating
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self._gx = gx
        self.context = gx.get_context(mode="ephemeral", project_config=None)
        self.context.enable_analytics(False)
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.source = self.context.data_sources.add_pandas(f"newswire_{stage}")

    def validate(self, check: Check, rows: pd.DataFrame) -> list[ExpectationOutcome]:
        """Validate the rows of one check against its expectations."""
        asset = self.source.add_dataframe_asset(check.name)
        batch = asset.add_batch_definition_whole_dataframe("all_rows").get_batch(
            batch_parameters={"dataframe": rows}
        )
        suite = self._gx.ExpectationSuite(name=check.name)
        for spec in check.expectations:
            suite.add_expectation(self._expectation(spec.type, spec.kwargs))
        result_format: dict[str, Any] = {"result_format": "COMPLETE"}
        if check.row_id:
            result_format["unexpected_index_column_names"] = list(check.row_id)
        validation = batch.validate(suite, result_format=result_format)
        return [self._outcome(check, r, rows) for r in validation.results]

    def _expectation(self, type_: str, kwargs: dict[str, Any]):
        class_name = "".join(part.capitalize() for part in type_.split("_"))
        try:
            expectation_class = getattr(self._gx.expectations, class_name)
        except AttributeError as err:
            raise ValueError(f"unknown GX expectation {type_!r}") from err
        return expectation_class(**kwargs)

    @staticmethod
    def _outcome(check: Check, result, rows: pd.DataFrame) -> ExpectationOutcome:
        details = result.result or {}
        config = result.expectation_config
        kwargs = {k: v for k, v in config.kwargs.items() if k not in {"batch_id", "result_format"}}
        if result.exception_info and result.exception_info.get("raised_exception"):
            observed = f"error: {result.exception_info.get('exception_message')}"
        elif "observed_value" in details:
            observed = str(details["observed_value"])
        else:
            observed = f"{details.get('unexpected_count', 0)} of {details.get('element_count', 0)} rows unexpected"
        failing = _failing_rows(details.get("unexpected_index_list") or [], rows)
        return ExpectationOutcome(
            check=check.name,
            severity=check.severity,
            expectation=config.type,
            kwargs={k: _plain(v) for k, v in kwargs.items()},
            success=bool(result.success),
            element_count=details.get("element_count"),
            unexpected_count=details.get("unexpected_count"),
            observed_value=observed,
            failing_rows=failing,
        )


def _failing_rows(index_list: list, rows: pd.DataFrame) -> list[dict[str, Any]]:
    """Sample failing rows: GX gives dicts keyed by the check's row_id columns, or bare row positions."""
    sample = []
    for entry in index_list[:SAMPLE_SIZE]:
        row = entry if isinstance(entry, dict) else rows.loc[entry].to_dict()
        sample.append({key: _plain(value) for key, value in row.items()})
    return sample


def _plain(value: Any) -> Any:
    """JSON-friendly scalars (numpy and pandas types become Python ones, dates strings)."""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value
