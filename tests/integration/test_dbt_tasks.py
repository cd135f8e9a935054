"""dbt in the Grid view: every model and seed is its own Airflow task (astronomer-cosmos, WATCHER mode).

Each layer is one ``dbt build`` (the producer: DuckDB has one writer); each model's task reports
that model's outcome. These tests read the real DAG, a real run's manifest, and a real run of the
DAG on a dbt project with one broken model.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from extract.config import Settings
from tests.conftest import PROJECT_ROOT, SEEDS_DIR
from tests.integration.conftest import BIN, copy_of_run, stage_states

pytestmark = pytest.mark.integration

LAYERS = ("dbt_staging", "dbt_marts")


def dbt_tasks(dag, kind: str) -> Counter:
    """How many tasks of a kind ('run' for models, 'seed', 'test') each dbt node has across both layers."""
    return Counter(
        task.task_id.split(".")[1] for task in dag.tasks
        if task.task_id.split(".")[0] in LAYERS and task.task_id.endswith(f".{kind}")
    )


def test_every_model_of_the_manifest_is_one_task(newswire_dag, seed_run) -> None:
    manifest = json.loads((seed_run.warehouse.parent / "dbt_target" / "manifest.json").read_text())
    models = {node["name"] for node in manifest["nodes"].values() if node["resource_type"] == "model"}

    model_tasks = dbt_tasks(newswire_dag, "run")

    assert set(model_tasks) == models
    assert set(model_tasks.values()) == {1}  # staging models in dbt_staging, the rest in dbt_marts, never both


def test_models_with_tests_have_a_test_task_after_them(newswire_dag) -> None:
    tested = newswire_dag.get_task("dbt_marts.fct_mentions.test")
    assert "dbt_marts.fct_mentions.run" in tested.upstream_task_ids


def test_one_dbt_build_per_layer_and_model_tasks_wait_for_it(newswire_dag) -> None:
    for layer in LAYERS:
        producer = newswire_dag.get_task(f"{layer}.dbt_producer_watcher")
        models = [t for t in newswire_dag.tasks if t.task_id.startswith(f"{layer}.") and t.task_id.endswith(".run")]
        assert models
        assert all(producer.task_id in t.upstream_task_ids for t in models)
        assert {t.trigger_rule for t in models} == {"all_done_min_one_success"}
        assert {t.retries for t in models} == {1} and producer.retries == 0  # a retry re-reads, never rebuilds
    assert "validate_staging" in newswire_dag.get_task("dbt_marts.start").upstream_task_ids


def test_pipeline_tasks_retry_twice_after_the_configured_delay(newswire_dag, monkeypatch) -> None:
    delay = timedelta(seconds=Settings.from_env().retry_delay_seconds)
    for task_id in ("extract", "tag", "validate_raw", "publish"):
        task = newswire_dag.get_task(task_id)
        assert (task.retries, task.retry_delay) == (2, delay)

    from airflow.dag_processing.dagbag import DagBag

    monkeypatch.setenv("NEWSWIRE_RETRY_DELAY_SECONDS", "7")  # read when the DAG file is parsed
    reparsed = DagBag(dag_folder=str(PROJECT_ROOT / "dags" / "newswire_etl.py")).dags["newswire_etl"]
    assert reparsed.get_task("extract").retry_delay == timedelta(seconds=7)


def test_seed_run_reports_every_model_green(seed_run) -> None:
    states = {t: s for t, s in seed_run.task_states.items() if t.split(".")[0] in LAYERS}
    assert len(states) > 40
    assert set(states.values()) == {"success"}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_broken_model_is_its_own_red_task_and_nothing_is_published(seed_run, tmp_path) -> None:
    """A model whose SQL fails: its task fails, the models that do not need it stay green, the
    layer's validation and publish do not run, and the published marts stay as they were."""
    project = tmp_path / "dbt"
    shutil.copytree(PROJECT_ROOT / "dbt", project, ignore=shutil.ignore_patterns("target", "logs"))
    model = project / "models" / "marts" / "fct_quotes.sql"
    model.write_text(model.read_text().replace("\nselect", "\nselect no_such_column as broken,", 1))
    warehouse = copy_of_run(seed_run, tmp_path / "run")
    published = warehouse.parent / "published" / warehouse.name
    before = digest(published)

    env = {**os.environ, "NEWSWIRE_DBT_PROJECT_DIR": str(project)}
    conf = json.dumps({"input_dir": str(SEEDS_DIR), "warehouse_path": str(warehouse)})
    ran = subprocess.run(
        [str(BIN / "airflow"), "dags", "test", "newswire_etl", "-c", conf],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600, check=False,
    )
    finished = re.search(r"DagRun Finished: .*?run_id=([^,]+),.*?state=(\w+)", ran.stdout)
    assert finished, ran.stdout[-3000:]
    run_id, state = finished.groups()
    assert state == "failed"
    listed = subprocess.run(
        [str(BIN / "airflow"), "tasks", "states-for-dag-run", "newswire_etl", run_id, "-o", "json"],
        env=env, capture_output=True, text=True, check=True,
    )
    states = {row["task_id"]: row["state"] for row in json.loads(listed.stdout)}

    assert states["dbt_marts.fct_quotes.run"] == "failed"
    assert states["dbt_marts.dbt_producer_watcher"] == "failed"
    assert states["dbt_marts.fct_mentions.run"] == "success"  # does not read fct_quotes
    assert stage_states(states)["dbt_staging"] == "success"
    for stage in ("validate_marts", "publish", "report"):
        assert states[stage] == "upstream_failed"
    assert digest(published) == before


def test_the_superset_dashboard_is_an_exposure_of_the_marts_it_reads(seed_run) -> None:
    """Lineage in dbt docs runs raw → marts → dashboard; the marts listed are those bi/ queries."""
    manifest = json.loads((seed_run.warehouse.parent / "dbt_target" / "manifest.json").read_text())
    exposure = manifest["exposures"]["exposure.newswire.newswire_dashboard"]
    read_by_dashboard = set(re.findall(r"marts\.(\w+)", (PROJECT_ROOT / "bi" / "setup_dashboard.py").read_text()))

    assert exposure["type"] == "dashboard"
    assert {node.split(".")[-1] for node in exposure["depends_on"]["nodes"]} == read_by_dashboard
