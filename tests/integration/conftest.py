"""Fixtures that run the real pipeline: Airflow's dag.test() on seeds/ into a temporary DuckDB file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT, SEEDS_DIR
from tests.integration import distributed_run

BIN = Path(sys.executable).parent

PIPELINE_TASKS = [
    "operator_requests", "extract", "plan_tagging", "tag", "load_tags", "validate_raw", "dbt_staging", "validate_staging",
    "dbt_marts", "validate_marts", "publish", "report",
]
"""The DAG's stages in order: its tasks, and its two dbt task groups (one task per model and seed)."""


def stage_states(task_states: dict[str, str]) -> dict[str, str]:
    """Each stage's state: a task's own, or a dbt task group's if all its tasks agree ("a/b" if not)."""
    by_stage: dict[str, set[str]] = {}
    for task_id, state in task_states.items():
        by_stage.setdefault(task_id.split(".")[0], set()).add(state)
    return {stage: "/".join(sorted(states)) for stage, states in by_stage.items()}


@dataclass(frozen=True)
class PipelineRun:
    run_id: str
    state: str
    task_states: dict[str, str]
    warehouse: Path

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        """Rows from the working warehouse."""
        return query(self.warehouse, sql, params)

    @property
    def stage_states(self) -> dict[str, str]:
        return stage_states(self.task_states)

    @property
    def published(self) -> Path:
        return self.warehouse.parent / "published" / self.warehouse.name

    def query_published(self, sql: str, params: list | None = None) -> list[tuple]:
        """Rows from the published file, what users and BI tools read."""
        return query(self.published, sql, params)


def query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


TABLES = [
    "raw.articles",
    "raw.rejected_articles",
    "raw.sentences",
    "raw.entity_mentions",
    "raw.tagged_articles",
    "staging.stg_articles",
    "staging.stg_entity_mentions",
    "marts.dim_articles",
    "marts.fct_mentions",
]
"""Tables a rerun of the same files must leave with the same row counts."""


FIXTURE_ARTICLES = PROJECT_ROOT / "tests" / "fixtures" / "articles"
"""Short articles written for the tests (people, places, quotes, a weather report without entities)."""


def article_folder(folder: Path, *names: str, seeds: bool = True) -> Path:
    """An input folder with copies of seeds/ and the named fixture articles."""
    folder.mkdir(parents=True, exist_ok=True)
    if seeds:
        for path in SEEDS_DIR.glob("*.txt"):
            shutil.copy(path, folder / path.name)
    for name in names:
        shutil.copy(FIXTURE_ARTICLES / name, folder / name)
    return folder


SERVER_MODULES = ("test_airflow_ui_path.py", "test_superset.py")
"""Tests that start servers of their own (Airflow's API server and scheduler, Superset)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The distributed tests go last: their run started at collection, so by then it has had the
    whole session. The other server tests go just before them, once that run is likely over: two
    sets of servers at once on two cores made one test four times slower."""
    items.sort(key=lambda item: (item.path.name == "test_distributed.py", item.path.name in SERVER_MODULES))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the distributed run now if its test was collected: its servers' minutes then overlap the rest."""
    wanted = any(item.path.name == "test_distributed.py" for item in session.items)
    if wanted and not session.config.option.collectonly:
        session.config.stash[distributed_run.STASH_KEY] = distributed_run.start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A session that ends early (Ctrl-C, -x) still stops the distributed run's servers."""
    process = session.config.stash.get(distributed_run.STASH_KEY, None)
    if process is not None:
        distributed_run.stop(process)


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


@contextmanager
def in_workspace(folder: Path, workspace: Path, inputs: list[Path]) -> Iterator[None]:
    """Move a warehouse folder's contents into ``workspace`` for the block, and back after it;
    not what holds the run's input folders, which stay where the run is told to read them.

    dbt hashes the profile, warehouse path included, into its partial-parse state: a run on a
    new path re-parses the whole project in both dbt layers (~15 s a run here). In-process runs
    therefore all happen at one path and each test keeps its own folder. The pipeline reads
    nothing back by the folder's path (audit.publications only records where a run published),
    so the move changes no outcome.
    """
    folder.mkdir(parents=True, exist_ok=True)
    moved = [e for e in folder.iterdir() if not any(i == e or i.is_relative_to(e) for i in inputs)]
    for entry in moved:
        shutil.move(entry, workspace / entry.name)
    try:
        yield
    finally:
        for entry in workspace.iterdir():
            shutil.move(entry, folder / entry.name)


@pytest.fixture(scope="session")
def run_dag(newswire_dag, tmp_path_factory) -> Callable[..., PipelineRun]:
    """Run newswire_etl with dag.test() against the given input folder and warehouse file (and other params).

    The run itself happens in one workspace folder per session (see ``in_workspace``); its files
    end up in the warehouse's own folder, where the test reads them.
    """
    workspace = tmp_path_factory.mktemp("dag_workspace")

    def run(warehouse: Path, input_dir: Path = SEEDS_DIR, **params) -> PipelineRun:
        inputs = [Path(p).resolve() for p in str(input_dir).split(":")]
        with in_workspace(warehouse.parent.resolve(), workspace, inputs):
            # Every param is given: dag.test() on the same DAG object keeps params of an earlier run.
            conf = {"input_dir": str(input_dir), "warehouse_path": str(workspace / warehouse.name), "spacy_model": "",
                    "reprocess_articles": [], "remove_articles": [], "full_refresh": False, **params}
            dag_run = newswire_dag.test(run_conf=conf)
            task_states = {ti.task_id: str(ti.state) for ti in dag_run.get_task_instances()}
        return PipelineRun(run_id=dag_run.run_id, state=str(dag_run.state), task_states=task_states, warehouse=warehouse)

    return run


@pytest.fixture(scope="session")
def seed_run(run_dag, tmp_path_factory) -> PipelineRun:
    """The whole pipeline on seeds/, once per session."""
    return run_dag(tmp_path_factory.mktemp("seed_run") / "newswire.duckdb")


def copy_of_run(run: PipelineRun, folder: Path) -> Path:
    """A private copy of a run's folder (working warehouse and published file, not dbt's target
    or the data docs) to go on from; the copy's working warehouse."""
    shutil.copytree(run.warehouse.parent, folder, ignore=shutil.ignore_patterns("dbt_target", "data_docs"))
    return folder / run.warehouse.name


@pytest.fixture
def warehouse_copy(seed_run, tmp_path) -> Path:
    """A private copy of the seed warehouse that a test may damage."""
    copy = tmp_path / "newswire.duckdb"
    shutil.copy(seed_run.warehouse, copy)
    return copy
