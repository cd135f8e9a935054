"""The distributed mode on one machine: Postgres, Redis, Airflow on CeleryExecutor, DuckLake.

``make run-distributed`` runs this with the venv ``.venv-dist`` (the ``distributed`` extra):

1. starts PostgreSQL (Airflow's metadata database and the DuckLake catalog) and Redis (the
   Celery broker) from Debian's packages, with their data under ``.dist/``;
2. starts the Airflow API server, scheduler, DAG processor, triggerer and two Celery workers;
3. triggers ``newswire_etl`` (the same DAG ``make run`` tests) with the published warehouse
   in DuckLake, waits for it and prints each task's outcome;
4. stops everything it started (``--keep`` leaves it running, with the UI on port 8093).

On many machines the picture is the same with the pieces on other hosts: workers run
``airflow celery worker`` against the same broker, database and DAG folder; the DuckLake
data path is an ``s3://`` prefix and the catalog a managed Postgres (see the README).
The working DuckDB file and the tag shards stay on a path every worker sees.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from extract import ducklake

PROJECT = Path(__file__).resolve().parents[1]
PG_BIN = Path(os.environ.get("NEWSWIRE_PG_BIN", "/usr/lib/postgresql/15/bin"))
DAG_ID = "newswire_etl"
AIRFLOW = str(Path(sys.executable).with_name("airflow"))
"""The Airflow CLI of the venv this script runs in (.venv-dist)."""


@dataclass
class Layout:
    """Where one distributed installation keeps its state, and its ports."""

    root: Path
    pg_port: int = 55432
    redis_port: int = 56379
    api_port: int = 8093
    workers: int = 2

    @property
    def pg_data(self) -> Path:
        return self.root / "postgres"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def airflow_home(self) -> Path:
        return self.root / "airflow"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse" / "newswire.duckdb"

    @property
    def lake_catalog(self) -> str:
        return f"postgres:dbname=newswire_lake host=127.0.0.1 port={self.pg_port} user=newswire"

    @property
    def lake_data(self) -> Path:
        return self.root / "lake"

    def jwt_secret(self) -> str:
        """One secret shared by the API server and the workers (tasks authenticate with it)."""
        path = self.root / "jwt_secret"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(32))
            path.chmod(0o600)
        return path.read_text().strip()

    def environment(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """The environment of every Airflow component and of the tasks they run."""
        db = f"newswire@127.0.0.1:{self.pg_port}/airflow"
        env = dict(os.environ if base is None else base)
        env.update({
            "AIRFLOW_HOME": str(self.airflow_home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT / "dags"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"postgresql+psycopg2://{db}",
            "AIRFLOW__CELERY__BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "AIRFLOW__CELERY__RESULT_BACKEND": f"db+postgresql+psycopg2://{db}",
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(self.api_port),
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{self.api_port}",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{self.api_port}/execution/",
            "AIRFLOW__API_AUTH__JWT_SECRET": self.jwt_secret(),
            "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": env.get(
                "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT", "60"
            ),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
            "DO_NOT_TRACK": "1",
            "GX_ANALYTICS_ENABLED": "False",
            "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
            "NEWSWIRE_WAREHOUSE": str(self.warehouse),
            "NEWSWIRE_DUCKLAKE": self.lake_catalog,
            "NEWSWIRE_DUCKLAKE_DATA_PATH": str(self.lake_data),
        })
        return env


@dataclass
class Processes:
    """The servers this script started, stopped in reverse order."""

    layout: Layout
    started: list[tuple[str, subprocess.Popen]] = field(default_factory=list)

    def start(self, name: str, command: list[str], env: Mapping[str, str]) -> subprocess.Popen:
        self.layout.logs.mkdir(parents=True, exist_ok=True)
        log = open(self.layout.logs / f"{name}.log", "ab")  # noqa: SIM115 - owned by the child
        process = subprocess.Popen(command, env=dict(env), stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True, cwd=PROJECT)
        self.started.append((name, process))
        print(f"started {name} (pid {process.pid}, log {self.layout.logs / (name + '.log')})", flush=True)
        return process

    def kill(self, name: str) -> None:
        """SIGKILL one component and every process under it (task processes start sessions of their own),
        as a crashed machine would."""
        for started_name, process in self.started:
            if started_name == name and process.poll() is None:
                family = [pid for pid in _all_pids() if process.pid in _ancestors(pid)]
                for pid in family:
                    with suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                process.wait()
                self.started.remove((started_name, process))
                print(f"killed {name} (pid {process.pid} and {len(family) - 1} processes under it)", flush=True)

    def check_alive(self) -> None:
        """A component that exited on its own ends the wait with its log's last lines."""
        for name, process in self.started:
            if process.poll() is not None:
                tail = (self.layout.logs / f"{name}.log").read_text(errors="replace").splitlines()[-15:]
                raise RuntimeError(f"{name} exited with code {process.returncode}:\n" + "\n".join(tail))

    def stop_all(self) -> None:
        for name, process in reversed(self.started):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        for name, process in reversed(self.started):
            try:
                process.wait(timeout=max(1.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.started.clear()


def _as_postgres_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the 'postgres' account then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def start_postgres(layout: Layout) -> None:
    """A private cluster on 127.0.0.1 with the databases 'airflow' and 'newswire_lake' (trust auth, loopback only)."""
    if not (layout.pg_data / "PG_VERSION").exists():
        layout.pg_data.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(layout.pg_data, "postgres")
            reachable = subprocess.run(_as_postgres_user(["test", "-w", str(layout.pg_data)]), check=False)
            if reachable.returncode != 0:
                raise SystemExit(f"the 'postgres' account cannot reach {layout.pg_data}: choose a --root whose"
                                 " parent folders others may enter (not a private temporary folder)")
        subprocess.run(_as_postgres_user([str(PG_BIN / "initdb"), "-D", str(layout.pg_data), "-A", "trust",
                                          "-U", "newswire", "--no-sync"]), check=True, stdout=subprocess.DEVNULL)
    options = f"-p {layout.pg_port} -k {layout.pg_data} -c listen_addresses=127.0.0.1 -c max_connections=200"
    status = subprocess.run(_as_postgres_user([str(PG_BIN / "pg_ctl"), "-D", str(layout.pg_data), "status"]),
                            capture_output=True, check=False)
    if status.returncode != 0:
        subprocess.run(_as_postgres_user([str(PG_BIN / "pg_ctl"), "-D", str(layout.pg_data), "-o", options,
                                          "-l", str(layout.pg_data / "server.log"), "-w", "start"]),
                       check=True, stdout=subprocess.DEVNULL)
    for database in ("airflow", "newswire_lake"):
        exists = _psql(layout, f"select 1 from pg_database where datname = '{database}'")
        if not exists.strip():
            _psql(layout, f"create database {database}")
    print(f"postgres on 127.0.0.1:{layout.pg_port} (data {layout.pg_data})", flush=True)


def stop_postgres(layout: Layout) -> None:
    if (layout.pg_data / "PG_VERSION").exists():
        subprocess.run(_as_postgres_user([str(PG_BIN / "pg_ctl"), "-D", str(layout.pg_data), "-m", "fast", "stop"]),
                       capture_output=True, check=False)


def _psql(layout: Layout, sql: str) -> str:
    return _psql_db(layout, "postgres", sql)


def start_redis(layout: Layout, processes: Processes) -> None:
    _require_free_port(layout.redis_port, "Redis")
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed: `make run-distributed` installs Debian's redis-server")
    (layout.root / "redis").mkdir(parents=True, exist_ok=True)
    processes.start("redis", [binary, "--port", str(layout.redis_port), "--bind", "127.0.0.1",
                              "--dir", str(layout.root / "redis"), "--save", "", "--appendonly", "no"], os.environ)


def airflow(*args: str, env: Mapping[str, str]) -> str:
    """One Airflow CLI command in this installation's environment; its output."""
    done = subprocess.run([AIRFLOW, *args], env=dict(env), capture_output=True, text=True, cwd=PROJECT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"airflow {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return done.stdout


def start_airflow(layout: Layout, processes: Processes, env: Mapping[str, str]) -> None:
    """Metadata DB and the serialized DAG first, then the five kinds of component."""
    _require_free_port(layout.api_port, "the Airflow API server")
    airflow("db", "migrate", env=env)
    airflow("dags", "reserialize", env=env)  # before the DAG processor: both would insert the Assets
    processes.start("api-server", [AIRFLOW, "api-server"], env)
    processes.start("scheduler", [AIRFLOW, "scheduler", "--skip-serve-logs"], env)
    processes.start("dag-processor", [AIRFLOW, "dag-processor"], env)
    processes.start("triggerer", [AIRFLOW, "triggerer", "--skip-serve-logs"], env)
    for number in range(1, layout.workers + 1):
        start_worker(layout, processes, env, number)
    _wait_for_api(layout)


def _require_free_port(port: int, what: str) -> None:
    import socket

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} for {what} is taken: stop what listens there (`ss -ltnp | grep {port}`)")


def start_worker(layout: Layout, processes: Processes, env: Mapping[str, str], number: int) -> None:
    """A Celery worker with one slot. On one machine the API server reads task logs from disk, so the
    workers start no log server (it would listen on every interface); on many hosts, drop the flag."""
    processes.start(f"worker{number}", [AIRFLOW, "celery", "worker", "--celery-hostname", f"worker{number}@%h",
                                        "--concurrency", "1", "--skip-serve-logs"], env)


def _wait_for_api(layout: Layout, timeout: float = 120) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{layout.api_port}/api/v2/monitor/health", timeout=5):
                return
        except OSError:
            time.sleep(2)
    raise RuntimeError(f"the Airflow API server did not answer on port {layout.api_port} in {timeout:.0f} s")


def task_states(layout: Layout, run_id: str) -> list[tuple[str, int, str | None, int]]:
    """(task_id, map_index, state, try_number) of every task of a run, from the metadata database."""
    rows = _psql_db(layout, "airflow",
                    "select task_id, map_index, coalesce(state, ''), try_number from task_instance"
                    f" where dag_id = '{DAG_ID}' and run_id = '{run_id}' order by task_id, map_index")
    states = []
    for line in rows.splitlines():
        task_id, map_index, state, tries = line.split("|")
        states.append((task_id, int(map_index), state or None, int(tries)))
    return states


def stage_seconds(layout: Layout, run_id: str) -> dict[str, float]:
    """Wall seconds of each stage: first start to last end of its tasks (mapped batches run side by side)."""
    rows = _psql_db(layout, "airflow",
                    "select split_part(task_id, '.', 1), extract(epoch from max(end_date) - min(start_date))"
                    f" from task_instance where dag_id = '{DAG_ID}' and run_id = '{run_id}'"
                    " and start_date is not null group by 1 order by min(start_date)")
    return {stage: round(float(seconds or 0), 1) for stage, seconds in (line.split("|") for line in rows.splitlines())}


def run_state(layout: Layout, run_id: str) -> str:
    return _psql_db(layout, "airflow",
                    f"select state from dag_run where dag_id = '{DAG_ID}' and run_id = '{run_id}'").strip()


def _psql_db(layout: Layout, database: str, sql: str) -> str:
    return subprocess.run(
        [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(layout.pg_port), "-U", "newswire", "-d", database,
         "-tAc", sql], check=True, capture_output=True, text=True,
    ).stdout


def trigger_and_wait(layout: Layout, processes: Processes, env: Mapping[str, str], conf: dict,
                     kill_worker_during_tag: bool = False, timeout: float = 3600) -> dict:
    """Trigger one run and wait for its end; optionally SIGKILL a worker while it tags, then restart it."""
    run_id = f"distributed__{time.strftime('%Y%m%dT%H%M%S')}"
    started = time.monotonic()
    airflow("dags", "trigger", DAG_ID, "--run-id", run_id, "--conf", json.dumps(conf), env=env)
    print(f"triggered {DAG_ID} run {run_id}", flush=True)
    killed = False
    state = ""
    while time.monotonic() - started < timeout:
        processes.check_alive()
        state = run_state(layout, run_id)
        if state in ("success", "failed"):
            break
        busy = worker_running_tag(layout, processes, run_id) if kill_worker_during_tag and not killed else None
        if busy:
            processes.kill(busy)
            killed = True
            start_worker(layout, processes, env, int(busy.removeprefix("worker")))
        time.sleep(0.5 if kill_worker_during_tag and not killed else 2)
    seconds = time.monotonic() - started
    states = task_states(layout, run_id)
    print(f"run {run_id}: {state} in {seconds:.0f} s", flush=True)
    return {"run_id": run_id, "state": state, "seconds": round(seconds, 1), "worker_killed": killed,
            "stages_s": stage_seconds(layout, run_id),
            "tasks": [{"task_id": t, "map_index": m, "state": s, "tries": n} for t, m, s, n in states]}


def worker_running_tag(layout: Layout, processes: Processes, run_id: str) -> str | None:
    """The name of a worker that runs a tag task now: the worker process is an ancestor of the task's pid."""
    pids = _psql_db(layout, "airflow",
                    f"select pid from task_instance where dag_id = '{DAG_ID}' and run_id = '{run_id}'"
                    " and task_id = 'tag' and state = 'running' and pid is not null")
    workers = {process.pid: name for name, process in processes.started
               if name.startswith("worker") and process.poll() is None}
    for pid in pids.split():
        for ancestor in _ancestors(int(pid)):
            if ancestor in workers:
                return workers[ancestor]
    return None


def _all_pids() -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def _ancestors(pid: int) -> Iterator[int]:
    """pid, its parent, and so on up to init (Linux /proc)."""
    while pid > 1:
        yield pid
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return
        pid = int(stat.rsplit(")", 1)[1].split()[1])  # the field after the state letter is the parent pid


@contextmanager
def installation(layout: Layout, keep: bool = False) -> Iterator[tuple[Processes, dict[str, str]]]:
    """Services and Airflow up for the duration of the block, down afterwards (unless keep)."""
    layout.root.mkdir(parents=True, exist_ok=True)
    processes = Processes(layout)
    env = layout.environment()
    try:
        start_postgres(layout)
        start_redis(layout, processes)
        start_airflow(layout, processes, env)
        yield processes, env
    finally:
        if not keep:
            processes.stop_all()
            stop_postgres(layout)


@contextmanager
def read_lake(layout: Layout) -> Iterator[duckdb.DuckDBPyConnection]:
    """A reader's connection to this installation's lake (the project is installed in .venv-dist)."""
    with ducklake.connect(layout.lake_catalog, str(layout.lake_data), read_only=True) as con:
        yield con


def lake_summary(layout: Layout) -> str:
    """What a user finds in the lake after the run, and how to open it."""
    with read_lake(layout) as con:
        articles, mentions = con.execute(
            f"select (select count(*) from {ducklake.CATALOG}.marts.dim_articles),"
            f" (select count(*) from {ducklake.CATALOG}.marts.fct_mentions)"
        ).fetchall()[0]
    return (f"published to DuckLake: {articles} articles, {mentions} entity mentions\n"
            f"  catalog   {layout.lake_catalog}\n  data      {layout.lake_data}\n"
            "  read it   .venv-dist/bin/python: extract.ducklake.connect(catalog, data, read_only=True)"
            " (README, Distributed mode); the catalog's Postgres runs only while the services do (--keep)")


def export_marts(layout: Layout, folder: Path) -> list[str]:
    """Every published table of the lake as ``<schema>.<table>.parquet``: comparable from any DuckDB version."""
    folder.mkdir(parents=True, exist_ok=True)
    with read_lake(layout) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables where table_catalog = ?"
            " and table_schema in ('marts', 'reference', 'audit') order by 1, 2", [ducklake.CATALOG],
        ).fetchall()
        for schema, table in tables:
            target = folder / f"{schema}.{table}.parquet"
            con.execute(f"copy (select * from {ducklake.CATALOG}.{schema}.{table}) to '{target}' (format parquet)")
    return [f"{schema}.{table}" for schema, table in tables]


READER_QUERIES = {
    "top_entities": "select entity_id, count(*) as mentions from newswire.marts.fct_mentions"
                    " group by 1 order by 2 desc limit 10",
    "quotes_by_speaker": "select speaker_entity_id, count(*) from newswire.marts.fct_quotes group by 1 order by 2 desc"
                         " limit 10",
    "events_by_month": "select date_trunc('month', start_date) as month, count(*)"
                       " from newswire.marts.fct_scheduled_events group by 1 order by 1",
}
"""What a dashboard asks of the marts, over and over, while a run publishes."""

READER_PAUSE_S = 0.1
"""Between two rounds of the dashboard's queries: busy readers, not a loop that takes a core from the run."""


def read_loop(layout: Layout, stop: threading.Event, outcome: dict) -> None:
    """BI-style readers on their own connection: every query's latency, and every error by kind."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    with read_lake(layout) as con:
        while not stop.is_set():
            for sql in READER_QUERIES.values():
                started = time.perf_counter()
                try:
                    con.execute(sql).fetchall()
                    latencies.append((time.perf_counter() - started) * 1000)
                except duckdb.Error as err:
                    kind = "lock" if "lock" in str(err).lower() or "conflict" in str(err).lower() else type(err).__name__
                    errors[kind] = errors.get(kind, 0) + 1
            stop.wait(READER_PAUSE_S)
    latencies.sort()
    outcome.update({
        "queries": len(latencies) + sum(errors.values()), "errors": errors, "lock_errors": errors.get("lock", 0),
        "p50_ms": round(latencies[len(latencies) // 2], 1) if latencies else None,
        "p95_ms": round(latencies[int(len(latencies) * 0.95)], 1) if latencies else None,
        "max_ms": round(latencies[-1], 1) if latencies else None,
    })


def rerun_with_readers(layout: Layout, processes: Processes, env: Mapping[str, str], conf: dict) -> dict:
    """A second run over the same input (nothing new: extract skips, dbt rebuilds, publish replaces) while
    readers query the published marts; returns the run and what the readers saw."""
    stop, readers = threading.Event(), {}
    thread = threading.Thread(target=read_loop, args=(layout, stop, readers), daemon=True)
    thread.start()
    try:
        rerun = trigger_and_wait(layout, processes, env, conf)
    finally:
        stop.set()
        thread.join(timeout=60)
    print(f"readers during the re-run: {readers}", flush=True)
    return {**rerun, "readers": readers}


VOLATILE_COLUMNS = {"ingested_at", "run_id"}
"""Load times and run ids: the only columns two runs over the same articles may disagree on."""


def compare_with_file(published_file: Path, export: Path) -> dict[str, tuple[int, int]]:
    """Rows only in the embedded published file and only in the lake's export, per marts/reference table
    (timestamp columns left out). Any DuckDB reads both: the export is Parquet."""
    differences: dict[str, tuple[int, int]] = {}
    with duckdb.connect() as con:
        con.execute(f"attach '{published_file}' as embedded (read_only)")
        tables = con.execute(
            "select table_schema || '.' || table_name from information_schema.tables"
            " where table_catalog = 'embedded' and table_schema in ('marts', 'reference') order by 1"
        ).fetchall()
        for (name,) in tables:
            lake = export / f"{name}.parquet"
            if not lake.exists():
                differences[name] = (-1, -1)
                continue
            columns = ", ".join(
                f'"{column}"' for column, kind, *_ in con.execute(f"describe embedded.{name}").fetchall()
                if "TIMESTAMP" not in kind and column not in VOLATILE_COLUMNS
            )
            differences[name] = con.execute(
                f"select (select count(*) from (select {columns} from embedded.{name} except all"
                f" select {columns} from read_parquet(?))),"
                f" (select count(*) from (select {columns} from read_parquet(?) except all"
                f" select {columns} from embedded.{name}))", [str(lake), str(lake)],
            ).fetchall()[0]
    return differences


def _stop_on_sigterm() -> None:
    """A TERM (a CI timeout, `kill`) unwinds like Ctrl-C, so everything started is stopped."""
    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=PROJECT / ".dist", help="state folder (default .dist/)")
    parser.add_argument("--input-dir", default=str(PROJECT / "seeds"), help="article folder (default seeds/)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--ports", type=int, nargs=3, metavar=("POSTGRES", "REDIS", "API"), default=(55432, 56379, 8093))
    parser.add_argument("--tag-batch-articles", type=int, default=None,
                        help="articles per mapped tag task (default: NEWSWIRE_TAG_BATCH_ARTICLES or 500)")
    parser.add_argument("--kill-worker-during-tag", action="store_true",
                        help="SIGKILL a worker while it runs a tag task, then restart it (the retry test)")
    parser.add_argument("--rerun-with-readers", action="store_true",
                        help="after the run, re-run it while BI-style readers query the lake (lock errors, latency)")
    parser.add_argument("--export-marts", type=Path, help="after the run, write every published table as Parquet here")
    parser.add_argument("--result", type=Path, help="write the run's outcome as JSON here")
    parser.add_argument("--keep", action="store_true", help="leave the services and Airflow running")
    args = parser.parse_args(argv)
    _stop_on_sigterm()
    pg_port, redis_port, api_port = args.ports
    layout = Layout(args.root.resolve(), pg_port, redis_port, api_port, workers=args.workers)
    if args.tag_batch_articles:
        os.environ["NEWSWIRE_TAG_BATCH_ARTICLES"] = str(args.tag_batch_articles)
    with installation(layout, keep=args.keep) as (processes, env):
        outcome = trigger_and_wait(layout, processes, env, {"input_dir": args.input_dir},
                                   kill_worker_during_tag=args.kill_worker_during_tag)
        if args.rerun_with_readers and outcome["state"] == "success":
            outcome["rerun"] = rerun_with_readers(layout, processes, env, {"input_dir": args.input_dir})
        outcome["lake"] = {"catalog": layout.lake_catalog, "data_path": str(layout.lake_data)}
        if outcome["state"] == "success":
            print(lake_summary(layout), flush=True)
        if args.export_marts and outcome["state"] == "success":
            outcome["exported"] = export_marts(layout, args.export_marts)
    for task in outcome["tasks"]:
        if task["state"] != "success":
            print(f"  {task['task_id']}[{task['map_index']}]: {task['state']} after {task['tries']} tries")
    if args.result:
        args.result.write_text(json.dumps(outcome, indent=2))
    return 0 if outcome["state"] == "success" else 1


if __name__ == "__main__":
    raise SystemExit(main())
