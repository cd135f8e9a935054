"""The UI/REST path: the real Airflow server of `make airflow` (scripts/airflow_local.sh), a run
triggered over its REST API.

This is what happens when a user presses "Trigger" in the Airflow UI: the API server
creates the run, the scheduler queues the tasks, the LocalExecutor runs each one in its
own process. The server gets its own Airflow home and free ports, and is stopped
(its whole process group) at the end.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest
import requests

from tests.conftest import PROJECT_ROOT

from tests.integration.conftest import PIPELINE_TASKS, stage_states

pytestmark = pytest.mark.integration

BIN = Path(sys.executable).parent
START_TIMEOUT_S = 180
RUN_TIMEOUT_S = 600


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout_s: float, what: str, process: subprocess.Popen, log: Path):
    """Poll until predicate() is truthy; fail with the server log's tail if it never is."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the Airflow server exited ({process.returncode}) while waiting for {what}:\n{log.read_text()[-3000:]}")
        try:
            value = predicate()
            if value:
                return value
        except (requests.RequestException, KeyError, ValueError):
            pass
        time.sleep(2)
    pytest.fail(f"timed out after {timeout_s}s waiting for {what}:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def airflow_server(tmp_path_factory) -> Iterator[dict]:
    home = tmp_path_factory.mktemp("airflow_server")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__BASE_URL": base_url,
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
        "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(free_port()),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    log = home / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(PROJECT_ROOT / "scripts" / "airflow_local.sh")], env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,  # its children outlive a signal to the parent: signal the group
        )
    try:
        wait_for(
            lambda: requests.get(f"{base_url}/api/v2/monitor/health", timeout=5).json()["scheduler"]["status"]
            == "healthy",
            START_TIMEOUT_S, "the API server and scheduler", process, log,
        )
        passwords = home / "simple_auth_manager_passwords.json.generated"
        password = json.loads(passwords.read_text())["admin"]
        token = requests.post(
            f"{base_url}/auth/token", json={"username": "admin", "password": password}, timeout=10
        ).json()["access_token"]
        yield {"base_url": base_url, "headers": {"Authorization": f"Bearer {token}"}, "home": home,
               "process": process, "log": log, "passwords": passwords}
    finally:
        stop_process_group(process)


def stop_process_group(process: subprocess.Popen, grace_s: float = 10) -> None:
    """TERM the server's whole process group, wait until every member is gone, KILL stragglers."""
    os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        process.poll()
        try:
            os.killpg(process.pid, 0)  # raises once no process of the group is left
        except ProcessLookupError:
            return
        time.sleep(0.5)
    os.killpg(process.pid, signal.SIGKILL)


def test_run_triggered_over_rest_succeeds_and_writes_the_warehouse(airflow_server, tmp_path) -> None:
    base, headers = airflow_server["base_url"], airflow_server["headers"]
    process, log = airflow_server["process"], airflow_server["log"]
    dag_url = f"{base}/api/v2/dags/newswire_etl"
    wait_for(lambda: requests.get(dag_url, headers=headers, timeout=5).status_code == 200,
             START_TIMEOUT_S, "the DAG to be parsed", process, log)
    assert requests.patch(dag_url, headers=headers, json={"is_paused": False}, timeout=10).ok

    warehouse = tmp_path / "newswire.duckdb"
    created = requests.post(
        f"{dag_url}/dagRuns", headers=headers, timeout=10,
        json={"logical_date": None, "conf": {"warehouse_path": str(warehouse)}},
    )
    assert created.ok, created.text
    run_url = f"{dag_url}/dagRuns/{created.json()['dag_run_id']}"

    state = wait_for(
        lambda: (s := requests.get(run_url, headers=headers, timeout=5).json()["state"]) in {"success", "failed"} and s,
        RUN_TIMEOUT_S, "the DAG run to finish", process, log,
    )
    tasks = requests.get(f"{run_url}/taskInstances?limit=500", headers=headers, timeout=10).json()["task_instances"]
    assert state == "success", {t["task_id"]: t["state"] for t in tasks}
    assert stage_states({t["task_id"]: t["state"] for t in tasks}) == {t: "success" for t in PIPELINE_TASKS}

    con = duckdb.connect(str(warehouse), read_only=True)
    dates = [r[0] for r in con.execute("select published_date from marts.dim_articles order by 1").fetchall()]
    mentions = con.execute("select count(*) from marts.fct_mentions").fetchall()[0][0]
    con.close()
    assert dates == [date(2025, 10, 16), date(2025, 10, 17)]
    assert mentions > 50


def test_server_listens_on_loopback_only_and_hides_its_password(airflow_server) -> None:
    import psutil

    group = os.getpgid(airflow_server["process"].pid)
    members = {p.pid for p in psutil.process_iter() if _group_of(p.pid) == group}
    listening = {
        (c.laddr.ip, c.laddr.port)
        for c in psutil.net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and c.pid in members
    }
    assert listening, "the server should listen somewhere"
    assert {ip for ip, _ in listening} == {"127.0.0.1"}, listening
    assert airflow_server["passwords"].stat().st_mode & 0o777 == 0o600


def _group_of(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except ProcessLookupError:
        return None
