"""Fixtures that run the real pipeline: Airflow's dag.test() on seeds/ into a temporary DuckDB file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT, SEEDS_DIR

BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class PipelineRun:
    run_id: str
    state: str
    task_states: dict[str, str]
    warehouse: Path

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(self.warehouse), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()


@pytest.fixture(scope="session")
def airflow_db() -> None:
    """Migrate the isolated Airflow metadata database (SQLite) once per session."""
    subprocess.run([str(BIN / "airflow"), "db", "migrate"], check=True, capture_output=True)


@pytest.fixture(scope="session")
def newswire_dag(airflow_db):
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(PROJECT_ROOT / "dags"))
    assert bag.import_errors == {}
    return bag.dags["newswire_etl"]


@pytest.fixture(scope="session")
def run_dag(newswire_dag) -> Callable[..., PipelineRun]:
    """Run newswire_etl with dag.test() against the given input folder and warehouse file."""

    def run(warehouse: Path, input_dir: Path = SEEDS_DIR) -> PipelineRun:
        dag_run = newswire_dag.test(
            run_conf={"input_dir": str(input_dir), "warehouse_path": str(warehouse)}
        )
        return PipelineRun(
            run_id=dag_run.run_id,
            state=str(dag_run.state),
            task_states={ti.task_id: str(ti.state) for ti in dag_run.get_task_instances()},
            warehouse=warehouse,
        )

    return run


@pytest.fixture(scope="session")
def seed_run(run_dag, tmp_path_factory) -> PipelineRun:
    """The whole pipeline on seeds/, once per session."""
    return run_dag(tmp_path_factory.mktemp("seed_run") / "newswire.duckdb")


@pytest.fixture
def warehouse_copy(seed_run, tmp_path) -> Path:
    """A private copy of the seed warehouse that a test may damage."""
    copy = tmp_path / "newswire.duckdb"
    shutil.copy(seed_run.warehouse, copy)
    return copy
