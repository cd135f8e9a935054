"""Running the real pipeline on a corpus for the quality report: the Airflow DAG, as `make run` does.

Each corpus goes into a scratch warehouse of its own (cross-article merging stays inside a
corpus, as the gold's links do); the figures are then read from its published file, what a
user or BI tool querying the marts gets. An article the pipeline quarantines or rejects is
not in the published marts, so its gold counts as missed.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from extract.config import PROJECT_ROOT

log = logging.getLogger(__name__)

AIRFLOW_ENV = {
    "AIRFLOW_HOME": str(PROJECT_ROOT / ".airflow"),
    "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "False",
}
"""The Makefile's Airflow settings, for a report started outside make (make's own values win)."""


class PipelineRunError(RuntimeError):
    """The DAG run on a corpus did not succeed; the message holds the tail of its log."""


def dags_test_command(input_dir: Path, warehouse: Path) -> tuple[list[str], dict[str, str]]:
    """The ``airflow dags test newswire_etl`` command line and environment for this input and warehouse,
    with the Airflow metadata database migrated first if it is missing."""
    env = {**AIRFLOW_ENV, **os.environ}
    airflow = str(Path(sys.executable).with_name("airflow"))
    if not (Path(env["AIRFLOW_HOME"]) / "airflow.db").exists():
        subprocess.run([airflow, "db", "migrate"], env=env, check=True, capture_output=True)
    conf = json.dumps({"input_dir": str(input_dir), "warehouse_path": str(warehouse)})
    return [airflow, "dags", "test", "newswire_etl", "-c", conf], env


def private_airflow_home(base_env: dict[str, str], folder: Path) -> dict[str, str]:
    """``base_env`` with an Airflow home of its own in ``folder``: a copy of the migrated metadata
    database and its config (whose key reads the database's encrypted values).

    Runs that happen at once then never wait on SQLite's single writer lock, which a shared
    file would make them do (and fail on, past its timeout).
    """
    base = Path(base_env["AIRFLOW_HOME"])
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("airflow.db", "airflow.cfg"):
        if (base / name).exists():
            shutil.copyfile(base / name, folder / name)
    return {**base_env, "AIRFLOW_HOME": str(folder)}


def run_pipeline(input_dir: Path, warehouse: Path) -> Path:
    """Run newswire_etl with ``airflow dags test`` into a fresh ``warehouse`` (its folder is scratch and
    is emptied first, so no article tagged by older code survives); returns the published file.

    The run has an Airflow home of its own in the scratch folder, so runs of several corpora
    can go at once."""
    command, env = dags_test_command(input_dir, warehouse)
    if warehouse.parent.exists():  # a scratch warehouse of an earlier report: start from nothing
        shutil.rmtree(warehouse.parent)
    warehouse.parent.mkdir(parents=True)
    env = private_airflow_home(env, warehouse.parent / "airflow")
    log_file = warehouse.with_suffix(".log")
    log.info("running the pipeline on %s into %s (log %s)", input_dir, warehouse, log_file)
    with log_file.open("w") as out:
        done = subprocess.run(command, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    tail = log_file.read_text(errors="replace")[-3000:]
    if done.returncode != 0 or "state=success" not in tail:
        raise PipelineRunError(f"the pipeline run on {input_dir} failed (log {log_file}):\n{tail}")
    return warehouse.parent / "published" / warehouse.name
