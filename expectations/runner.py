"""Validating one pipeline stage: row checks decide per article, batch checks decide for the run.

- ``quarantine`` checks look at the articles of this run (``raw.pending_articles``: live
  articles tagged since the last publication) row by row; every article with a failing row is
  quarantined (``extract.quarantine``) and the run goes on without it. At a stage whose
  tables are materialised (the marts), the caller passes ``rebuild`` so the tables are built
  again without the quarantined articles and checked again.
- ``critical`` checks are batch-level (shares over the whole warehouse or this run, zero
  articles): a failure is systemic and fails the Airflow task (``ValidationFailed``), so
  nothing downstream is built or published.
- ``warning`` checks are recorded and logged only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from expectations import results
from expectations.gx_checks import ExpectationOutcome, GxValidator
from expectations.suites import SUITES_DIR, Check, load_suite
from extract import quarantine, warehouse
from extract.config import Settings
from extract.errors import PermanentError
from extract.quarantine import QuarantineEntry

log = logging.getLogger(__name__)

MAX_REBUILDS = 3
"""Rebuilds of a materialised stage after quarantining; articles still failing after that are systemic."""


class ValidationFailed(PermanentError):
    """A critical expectation failed; the message lists each failure with sample rows."""


@dataclass(frozen=True)
class StageReport:
    stage: str
    passed: int
    failed_critical: int
    failed_warning: int
    quarantined: int

    def as_dict(self) -> dict[str, int | str]:
        return {
            "stage": self.stage,
            "passed": self.passed,
            "failed_critical": self.failed_critical,
            "failed_warning": self.failed_warning,
            "quarantined": self.quarantined,
        }


def placeholders(settings: Settings) -> dict[str, object]:
    """Settings that suite files may reference as ``"{name}"``."""
    return {
        "earliest_published_date": pd.Timestamp(settings.earliest_published_date),
        "latest_published_date": pd.Timestamp(settings.latest_published_date),
        "min_resolved_share": settings.min_resolved_share,
        "min_linked_share": settings.min_linked_share,
        "min_entity_coverage": settings.min_entity_coverage,
        "max_quarantined_share": settings.max_quarantined_share,
        "min_articles_for_shares": settings.min_articles_for_shares,
        "date_window_days": settings.date_window_years * 366,
    }


def validate_stage(
    stage: str,
    settings: Settings,
    run_id: str | None = None,
    suites_dir: Path = SUITES_DIR,
    rebuild: Callable[[], object] | None = None,
) -> StageReport:
    """Validate a stage: quarantine the articles row checks fail on, then raise if a batch check fails."""
    run_id = run_id or f"manual__{datetime.now(timezone.utc).isoformat()}"
    settings_values = placeholders(settings)
    checks = load_suite(stage, settings_values, suites_dir)
    parameters = {**settings_values, "run_id": run_id}
    row_checks = [c for c in checks if c.severity == "quarantine"]
    batch_checks = [c for c in checks if c.severity != "quarantine"]
    validator = GxValidator(stage, settings.data_docs_dir / stage)
    recorded: dict[tuple[str, str, str], ExpectationOutcome] = {}
    quarantined: list[str] = []
    for attempt in range(MAX_REBUILDS + 1):
        with warehouse.connect(settings.warehouse_path) as con:
            outcomes = _run(con, validator, row_checks, parameters)
            newly = quarantine.quarantine(con, _quarantine_entries(stage, outcomes), run_id)
        _keep_failures(recorded, outcomes)
        quarantined += newly
        if not newly or rebuild is None:
            break
        if attempt == MAX_REBUILDS:
            raise ValidationFailed(
                f"stage {stage!r}: articles still fail row checks after {MAX_REBUILDS} rebuilds"
                f" without the quarantined ones (last: {newly}); treating this as systemic"
            )
        log.info("validate %s: %d article(s) quarantined; rebuilding the %s without them", stage, len(newly), stage)
        rebuild()
    with warehouse.connect(settings.warehouse_path) as con:
        _keep_failures(recorded, _run(con, validator, batch_checks, parameters))
        outcomes = _with_file_names(con, list(recorded.values()))
        results.record(con, run_id, stage, outcomes)
    log.info("validate %s: Data Docs at %s", stage, validator.build_docs())
    for outcome in outcomes:
        (log.info if outcome.success else log.warning)("validate %s: %s", stage, outcome.describe())
    report = StageReport(
        stage=stage,
        passed=sum(o.success for o in outcomes),
        failed_critical=sum(not o.success and o.severity == "critical" for o in outcomes),
        failed_warning=sum(not o.success and o.severity == "warning" for o in outcomes),
        quarantined=len(quarantined),
    )
    log.info("validate %s: %s", stage, report.as_dict())
    if report.failed_critical:
        failures = [o.describe() for o in outcomes if not o.success and o.severity == "critical"]
        raise ValidationFailed(
            f"{report.failed_critical} critical expectation(s) failed at stage {stage!r}:\n  "
            + "\n  ".join(failures)
        )
    return report


def _run(
    con: duckdb.DuckDBPyConnection, validator: GxValidator, checks: Sequence[Check], parameters: dict[str, object]
) -> list[ExpectationOutcome]:
    """Query each check's rows in DuckDB and judge them with GX.

    ``$name`` in a query is a SQL parameter: ``$run_id`` is this run, any other name a setting
    (``$min_articles_for_shares``), so thresholds stay in extract/config.py.
    """
    outcomes: list[ExpectationOutcome] = []
    for check in checks:
        used = {name: value for name, value in parameters.items() if f"${name}" in check.query}
        rows = con.execute(check.query, used or None).df()
        outcomes.extend(validator.validate(check, rows))
    return outcomes


def _quarantine_entries(stage: str, outcomes: Sequence[ExpectationOutcome]) -> list[QuarantineEntry]:
    """One entry per failing article per failed quarantine check, with the failing rows of each of
    the check's expectations that failed on it."""
    failures: dict[tuple[str, str], list[dict]] = {}
    for o in outcomes:
        if o.success or o.severity != "quarantine":
            continue
        for article_id, rows in o.failing_articles.items():
            failures.setdefault((article_id, o.check), []).append({"expectation": o.expectation, "rows": rows})
    return [QuarantineEntry(article_id, stage, check, found) for (article_id, check), found in failures.items()]


def _keep_failures(
    recorded: dict[tuple[str, str, str], ExpectationOutcome], outcomes: Sequence[ExpectationOutcome]
) -> None:
    """One outcome per expectation: a later pass replaces an earlier one unless the earlier one failed
    (the failure that quarantined an article stays on record after the rebuild)."""
    for outcome in outcomes:
        key = (outcome.check, outcome.expectation, repr(sorted(outcome.kwargs.items())))
        if key not in recorded or recorded[key].success:
            recorded[key] = outcome


def _with_file_names(
    con: duckdb.DuckDBPyConnection, outcomes: Sequence[ExpectationOutcome]
) -> list[ExpectationOutcome]:
    """Failing rows that name an article also name its file, so nobody has to look the hash up."""
    ids = sorted({str(r["article_id"]) for o in outcomes for r in o.failing_rows if "article_id" in r})
    files = quarantine.file_names(con, ids)
    return [
        replace(
            o,
            failing_rows=[
                {**r, "file_name": files.get(str(r["article_id"]))} if "article_id" in r else r
                for r in o.failing_rows
            ],
        )
        if o.failing_rows
        else o
        for o in outcomes
    ]
