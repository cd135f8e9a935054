"""Running one check's expectations with GX Core 1.x on the check query's rows.

The rows reach GX as a pandas DataFrame (a GX pandas data source with a
whole-dataframe batch), not through GX's SQL data source: GX 1.x reads DuckDB
query results after closing the connection, so every metric fails there (see
the README). The query still runs in DuckDB; only the judging happens in pandas.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from expectations.suites import Check

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

SAMPLE_SIZE = 5
DOCS_SITE = "newswire"

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
    failing_articles: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Every article with a failing row (when the rows carry article_id), with a sample of its rows."""

    def describe(self) -> str:
        """One line a person can read in a task log."""
        args = ", ".join(f"{k}={v}" for k, v in self.kwargs.items())
        verdict = "passed" if self.success else "FAILED"
        line = f"[{self.severity}] {self.check}: {self.expectation}({args}) {verdict}; observed {self.observed_value}"
        if self.failing_rows:
            line += f"; failing rows: {self.failing_rows}"
        return line


class GxValidator:
    """An ephemeral GX context for one stage: a pandas data source, one suite and validation
    definition per check, and a Data Docs site in a local folder (``docs_dir``)."""

    def __init__(self, stage: str, docs_dir: Path | None = None) -> None:
        import great_expectations as gx  # heavy import (several seconds): only when validating
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self._gx = gx
        self.stage = stage
        self.context = gx.get_context(mode="ephemeral", project_config=None)
        self.context.enable_analytics(False)
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.source = self.context.data_sources.add_pandas(f"newswire_{stage}")
        self._definitions: dict[str, Any] = {}
        self.docs_dir = docs_dir
        if docs_dir is not None:
            self.context.add_data_docs_site(
                site_name=DOCS_SITE,
                site_config={
                    "class_name": "SiteBuilder",
                    "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                    "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                },
            )

    def validate(self, check: Check, rows: pd.DataFrame) -> list[ExpectationOutcome]:
        """Validate the rows of one check against its expectations (results kept for Data Docs)."""
        definition = self._definitions.get(check.name) or self._define(check)
        result_format: dict[str, Any] = {"result_format": "COMPLETE"}
        if check.row_id:
            result_format["unexpected_index_column_names"] = list(check.row_id)
        validation = definition.run(batch_parameters={"dataframe": rows}, result_format=result_format)
        return [self._outcome(check, r, rows) for r in validation.results]

    def _define(self, check: Check):
        """A GX asset, suite and validation definition for the check, made once and reused
        (a stage validated again after a rebuild runs the same definitions)."""
        name = f"{self.stage}.{check.name}"
        batch_definition = self.source.add_dataframe_asset(check.name).add_batch_definition_whole_dataframe("all_rows")
        suite = self.context.suites.add(self._gx.ExpectationSuite(name=name))
        for spec in check.expectations:
            suite.add_expectation(self._expectation(spec.type, spec.kwargs))
        definition = self.context.validation_definitions.add(
            self._gx.ValidationDefinition(name=name, data=batch_definition, suite=suite)
        )
        self._definitions[check.name] = definition
        return definition

    def build_docs(self) -> str | None:
        """Write the stage's Data Docs (HTML) to docs_dir; returns the index page's URL."""
        if self.docs_dir is None:
            return None
        return self.context.build_data_docs(site_names=[DOCS_SITE])[DOCS_SITE]

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
        index_list = details.get("unexpected_index_list") or []
        failing = _failing_rows(index_list, rows)
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
            failing_articles=_failing_articles(index_list),
        )


def _failing_rows(index_list: list, rows: pd.DataFrame) -> list[dict[str, Any]]:
    """Sample failing rows: GX gives dicts keyed by the check's row_id columns, or bare row positions."""
    sample = []
    for entry in index_list[:SAMPLE_SIZE]:
        row = entry if isinstance(entry, dict) else rows.loc[entry].to_dict()
        sample.append({key: _plain(value) for key, value in row.items()})
    return sample


def _failing_articles(index_list: list) -> dict[str, list[dict[str, Any]]]:
    """All failing rows grouped by article (GX lists every one in the COMPLETE result format)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for entry in index_list:
        if isinstance(entry, dict) and "article_id" in entry:
            sample = grouped.setdefault(str(entry["article_id"]), [])
            if len(sample) < SAMPLE_SIZE:
                sample.append({key: _plain(value) for key, value in entry.items()})
    return grouped


MAX_VALUE_CHARS = 200
"""Failing values longer than this are cut in logs and the audit (a wrong offset can span an article)."""


def _plain(value: Any) -> Any:
    """JSON-friendly scalars (numpy and pandas types become Python ones, dates strings), long text cut."""
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        return value[:MAX_VALUE_CHARS] + f"… ({len(value)} characters)"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value
