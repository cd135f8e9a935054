"""Recording validation outcomes in the warehouse, so data quality can be charted over time."""

from __future__ import annotations

import json
from collections.abc import Sequence

import duckdb
import pandas as pd

from expectations.gx_checks import ExpectationOutcome

def record(
    con: duckdb.DuckDBPyConnection, run_id: str, stage: str, outcomes: Sequence[ExpectationOutcome]
) -> None:
    """Replace this run's rows for this stage (a retried task does not double-count).

    The table is created with the warehouse schema (extract/warehouse.py)."""
    frame = pd.DataFrame(
        {
            "run_id": run_id,
            "stage": stage,
            "check_name": [o.check for o in outcomes],
            "expectation": [o.expectation for o in outcomes],
            "expectation_kwargs": [json.dumps(o.kwargs, default=str) for o in outcomes],
            "severity": [o.severity for o in outcomes],
            "success": [o.success for o in outcomes],
            "observed_value": [o.observed_value for o in outcomes],
            "element_count": pd.array([o.element_count for o in outcomes], dtype="Int64"),
            "unexpected_count": pd.array([o.unexpected_count for o in outcomes], dtype="Int64"),
            "failing_rows": [json.dumps(o.failing_rows, default=str) for o in outcomes],
        }
    )
    con.execute("begin transaction")
    try:
        con.execute("delete from audit.validation_results where run_id = ? and stage = ?", [run_id, stage])
        con.register("stage_outcomes", frame)
        con.execute(
            "insert into audit.validation_results select *, current_timestamp from stage_outcomes"
        )
        con.unregister("stage_outcomes")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
