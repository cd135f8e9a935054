"""dbt models as Airflow tasks: each layer rendered by astronomer-cosmos, one task per model and seed.

Why Cosmos' WATCHER mode: DuckDB allows one writer per file. In Cosmos' default LOCAL mode
every model is its own ``dbt`` process; with several models runnable at once they would
race for the file's write lock (a pool of size 1 avoids that, at the cost of a dbt start-up,
~3 s here, per model). In WATCHER mode one producer task runs a single ``dbt build`` of the
layer (one writer, one start-up, dbt's own ordering), and each model's task then reports that
model's outcome (its run, then its tests) with dbt's lines for it. So the Grid and Graph views
show every model, its status and its log lines, for the cost of one ``dbt build`` per layer.

What a run needs per task is templated (``user_defined_macros`` of the DAG): the warehouse
file follows the run's params like every other task. A failing
model or test fails the producer and the model's task; the producer has no retries, because a dbt failure here
is a model bug or a broken contract (a systemic failure): the published marts stay as they
were, and the next run rebuilds the layer from the start.

(This module must not be named ``dbt_*.py``: dbt's plugin loader imports every such module.)
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import TriggerRule

from extract.config import Settings
from extract.transform import CAUTIOUS_TESTS, STAGING_MODELS, dbt_executable

# Cosmos reports usage to its authors unless told not to; never from this pipeline.
os.environ.setdefault("AIRFLOW__COSMOS__ENABLE_TELEMETRY", "False")
os.environ.setdefault("DO_NOT_TRACK", "1")

from cosmos import DbtTaskGroup, ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
from cosmos.constants import (
    PRODUCER_WATCHER_TASK_ID,
    ExecutionMode,
    InvocationMode,
    LoadMode,
    TestBehavior,
)

STAGING_SELECT = [STAGING_MODELS]
STAGING_FLAGS = list(CAUTIOUS_TESTS)
MARTS_EXCLUDE = [STAGING_MODELS.removeprefix("+")]
"""The same two layers as ``transform.STAGING`` and ``transform.MARTS`` (the marts rebuild after quarantine)."""

CONSUMER_POKE_SECONDS = 5
"""How often a model's task looks at the producer's progress (Cosmos' default is 10 s)."""
CONSUMER_RETRIES = 1
CONSUMER_RETRY_DELAY = timedelta(seconds=2)


def warehouse_for(params: Mapping[str, Any] | None) -> str:
    """The run's warehouse file (params, then NEWSWIRE_* environment, then the default)."""
    return str(Settings.from_params(params).warehouse_path)


MACROS = {"newswire_warehouse": warehouse_for}
"""The DAG's ``user_defined_macros``: what the templated fields below call."""


def dbt_layer(
    group_id: str,
    *,
    select: Sequence[str] = (),
    exclude: Sequence[str] = (),
    dbt_flags: Sequence[str] = (),
    full_refresh: bool | str = False,
) -> DbtTaskGroup:
    """One dbt layer as a task group: a producer running ``dbt build`` and one task per model and seed.

    Call inside a DAG whose ``user_defined_macros`` include :data:`MACROS`. ``full_refresh`` may be
    a template ("{{ params.full_refresh }}"): Cosmos renders it per run and adds ``--full-refresh``.
    """
    settings = Settings.from_env()
    project = settings.dbt_project_dir
    group = DbtTaskGroup(
        group_id=group_id,
        project_config=ProjectConfig(project),
        profile_config=ProfileConfig(
            profile_name="newswire", target_name="local", profiles_yml_filepath=project / "profiles.yml"
        ),
        execution_config=ExecutionConfig(
            execution_mode=ExecutionMode.WATCHER,
            invocation_mode=InvocationMode.SUBPROCESS,  # dbt-duckdb keeps its handle open in-process
            dbt_executable_path=dbt_executable(),
        ),
        render_config=RenderConfig(
            select=list(select),
            exclude=list(exclude),
            load_method=LoadMode.DBT_LS,  # cached by Cosmos until the project's files change
            test_behavior=TestBehavior.AFTER_EACH,  # a task per model, then one for its tests
            emit_datasets=False,  # the publish task declares the marts users read as Assets
        ),
        operator_args={
            # templated per run; Cosmos 1.x warns that 'env' moves to ProjectConfig.env_vars in 2.0,
            # but those are also used to render the DAG, where no run (and no warehouse) exists yet
            "append_env": True,
            "env": {"NEWSWIRE_WAREHOUSE": "{{ newswire_warehouse(params) }}", "DBT_USE_COLORS": "False"},
            "dbt_cmd_flags": list(dbt_flags),
            "full_refresh": full_refresh,
            "callback": keep_dbt_artifacts,
            "poke_interval": CONSUMER_POKE_SECONDS,
        },
        default_args={"retries": 0},
    )
    report_after_the_build(group)
    return group


def keep_dbt_artifacts(project_dir: str, context: Mapping[str, Any], **_: Any) -> None:
    """Copy the build's run_results.json and manifest.json next to the warehouse (``dbt_target/``).

    Cosmos runs dbt in a temporary copy of the project, with its own partial-parse cache, and
    deletes it after the task; per-model timings (benchmarks) and ``make docs`` read these files.
    (Pointing ``--target-path`` there instead breaks Cosmos' partial parsing across the copies.)
    """
    target = Settings.from_params(context.get("params")).dbt_target_dir
    target.mkdir(parents=True, exist_ok=True)
    for name in ("run_results.json", "manifest.json"):
        built = Path(project_dir) / "target" / name
        if built.exists():
            shutil.copyfile(built, target / name)


def report_after_the_build(group: DbtTaskGroup) -> None:
    """Start the model tasks once the producer's ``dbt build`` has finished, failed or not.

    Cosmos starts them beside the producer, each deferring until its model is built. Under
    ``airflow dags test`` (``make run``), which runs one task at a time and waits for each
    deferred task in turn, a model task picked before the producer waits for ever. After the
    producer, each finds its outcome at once and no worker holds a waiting sensor.

    A ``start`` marker heads the group so that the trigger rule (all done, one success) tells
    the two failures apart: when the build fails, the marker succeeded and each model's task
    still reports its own outcome (the failing model red, the rest green); when a stage before
    dbt fails, marker and producer are ``upstream_failed`` and so is every model's task.
    """
    tasks = list(group.iter_tasks())
    producer = next(task for task in tasks if task.task_id == f"{group.group_id}.{PRODUCER_WATCHER_TASK_ID}")
    start = EmptyOperator(task_id="start", task_group=group)
    start >> producer
    for task in tasks:
        if task is producer or task in producer.downstream_list:  # the producer's own "done" marker stays
            continue
        [start, producer] >> task
        task.trigger_rule = TriggerRule.ALL_DONE_MIN_ONE_SUCCESS
        # One quick retry that only reads the producer's outcome again. A model task whose tests'
        # status Cosmos never pushes (a seed's) defers, and its trigger can fire before the executor
        # reports the deferral; Airflow then fails the task ("state changed externally") although
        # the build passed. A model that really failed fails again on the retry.
        task.retries = CONSUMER_RETRIES
        task.retry_delay = CONSUMER_RETRY_DELAY
