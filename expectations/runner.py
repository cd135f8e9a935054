"""Validating one pipeline stage: run its checks, record the outcomes, stop on critical failures.

Critical expectations fail the Airflow task (``ValidationFailed``) so downstream
tasks never build on bad data; warnings are logged and recorded but let the run go on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from expectations import results
from expectations.gx_checks import ExpectationOutcome, GxValidator
from expectations.suites import SUITES_DIR, load_suite
from extract import warehouse
from extract.config import Settings

log = logging.getLogger(__name__)


class ValidationFailed(RuntimeError):
    """A critical expectation failed; the message lists each failure with sample rows."""


@dataclass(frozen=True)
class StageReport:
    stage: str
    passed: int
    failed_critical: int
    failed_warning: int

    def as_dict(self) -> dict[str, int | str]:
        return {
            "stage": self.stage,
            "passed": self.passed,
            "failed_critical": self.failed_critical,
            "failed_warning": self.failed_warning,
        }


def placeholders(settings: Settings) -> dict[str, object]:
    """Settings that suite files may reference as ``"{name}"``."""
    return {
        "earliest_published_date": pd.Timestamp(settings.earliest_published_date),
        "latest_published_date": pd.Timestamp(settings.latest_published_date),
        "min_resolved_share": settings.min_resolved_share,
        "min_linked_share": settings.min_linked_share,
        "date_window_days": settings.date_window_years * 366,
    }


def validate_stage(
    stage: str, settings: Settings, run_id: str | None = None, suites_dir: Path = SUITES_DIR
) -> StageReport:
    """Validate a stage's suite against the warehouse and raise if a critical expectation fails."""
    run_id = run_id or f"manual__{datetime.now(timezone.utc).isoformat()}"
    checks = load_suite(stage, placeholders(settings), suites_dir)
    validator = GxValidator(stage, settings.data_docs_dir / stage)
    outcomes: list[ExpectationOutcome] = []
    with warehouse.connect(settings.warehouse_path) as con:
        for check in checks:
            rows = con.execute(check.query).df()
            outcomes.extend(validator.validate(check, rows))
        results.record(con, run_id, stage, outcomes)
    log.info("validate %s: Data Docs at %s", stage, validator.build_docs())
    for outcome in outcomes:
        (log.info if outcome.success else log.warning)("validate %s: %s", stage, outcome.describe())
    report = StageReport(
        stage=stage,
        passed=sum(o.success for o in outcomes),
        failed_critical=sum(not o.success and o.severity == "critical" for o in outcomes),
        failed_warning=sum(not o.success and o.severity == "warning" for o in outcomes),
    )
    log.info("validate %s: %s", stage, report.as_dict())
    if report.failed_critical:
        failures = [o.describe() for o in outcomes if not o.success and o.severity == "critical"]
        raise ValidationFailed(
            f"{report.failed_critical} critical expectation(s) failed at stage {stage!r}:\n  "
            + "\n  ".join(failures)
        )
    return report
