"""Running ``dbt build`` on the warehouse.

dbt runs as a child process (the ``dbt`` executable beside this Python) rather than
in-process through ``dbtRunner``: dbt-duckdb caches an open DuckDB handle at class
level, and DuckDB allows a single writer per file, so an in-process build would
keep the warehouse locked for the next task in the same process. Each dbt line is
logged as it arrives so progress shows in the Airflow task log; the outcome is
read from ``run_results.json``.

(This module must not be named ``dbt_*.py``: dbt's plugin loader imports every
such module on the path.)
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from extract.config import Settings
from extract.errors import PermanentError

log = logging.getLogger(__name__)

FAILED_STATUSES = {"error", "fail", "runtime error"}


class DbtBuildError(PermanentError):
    """dbt build did not succeed; the message lists the failing models and tests."""


@dataclass(frozen=True)
class DbtReport:
    statuses: dict[str, int]

    def as_dict(self) -> dict[str, int]:
        return dict(self.statuses)


def dbt_executable() -> str:
    """The dbt installed with this Python, so a run never picks up another environment's dbt."""
    beside = Path(sys.executable).with_name("dbt")
    found = str(beside) if beside.exists() else shutil.which("dbt")
    if not found:
        raise DbtBuildError("the dbt executable is not installed; run `make env`")
    return found


def dbt_command(command: str, settings: Settings, *extra: str) -> list[str]:
    """Command line of a dbt invocation against this run's warehouse ("build", or "docs generate")."""
    return [
        dbt_executable(),
        *command.split(),
        "--project-dir", str(settings.dbt_project_dir),
        "--profiles-dir", str(settings.dbt_project_dir),
        "--target-path", str(settings.dbt_target_dir),
        "--log-path", str(settings.dbt_target_dir / "logs"),
        *extra,
    ]


def dbt_environment(settings: Settings) -> dict[str, str]:
    """The child's environment: the warehouse path for profiles.yml, and no usage tracking."""
    return {
        **os.environ,
        "NEWSWIRE_WAREHOUSE": str(settings.warehouse_path),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DBT_USE_COLORS": "False",
    }


def run_dbt(command: str, settings: Settings, *extra: str) -> int:
    """Run dbt, logging its output line by line; returns its exit code."""
    settings.warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    with subprocess.Popen(
        dbt_command(command, settings, *extra),
        env=dbt_environment(settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            log.info("dbt | %s", line.rstrip())
    return process.returncode


STAGING_MODELS = "+path:models/staging"
"""The staging models with the seeds they read (the event taxonomy); the marts layer is the rest."""
CAUTIOUS_TESTS = ("--indirect-selection", "cautious")
"""Staging builds only the tests whose every parent is selected."""
STAGING = ("--select", STAGING_MODELS, *CAUTIOUS_TESTS)
MARTS = ("--exclude", STAGING_MODELS.removeprefix("+"))


FULL_REFRESH = "--full-refresh"
"""Rebuild the incremental marts (dim_articles, fct_temporal_expressions) from every live article."""


def build(settings: Settings, *selection: str, full_refresh: bool = False) -> DbtReport:
    """Run ``dbt build`` (seeds, models and tests; all, or a selection) and fail loudly if any node fails.

    The DAG builds in two steps so each layer is validated before the next is built:
    ``build(settings, *STAGING)`` then ``build(settings, *MARTS)``. The article-local marts are
    incremental; ``full_refresh`` rebuilds them from every live article (the same rows).
    """
    flags = (*selection, FULL_REFRESH) if full_refresh else selection
    log.info("dbt build %s of %s into %s", " ".join(flags) or "(all)", settings.dbt_project_dir, settings.warehouse_path)
    results_file = settings.dbt_target_dir / "run_results.json"
    results_file.unlink(missing_ok=True)
    exit_code = run_dbt("build", settings, *flags)
    node_results = json.loads(results_file.read_text())["results"] if results_file.exists() else []
    statuses = Counter(r["status"] for r in node_results)
    failures = [r for r in node_results if r["status"] in FAILED_STATUSES]
    if exit_code != 0 or failures:
        lines = [f"  {r['unique_id']}: {r['status']}: {r.get('message')}" for r in failures]
        raise DbtBuildError(
            f"dbt build failed (exit code {exit_code}):\n"
            + "\n".join(lines or ["  no node failed: see the dbt output above for the error"])
        )
    log.info("dbt build: %s", dict(statuses))
    return DbtReport(dict(statuses))
