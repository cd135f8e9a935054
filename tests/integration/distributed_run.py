"""The distributed run of ``test_distributed.py``, started in the background when the session begins.

Most of that run's ten minutes is waiting: Postgres and the API server coming up, Celery
workers starting, a killed worker's heartbeat running out. Started as soon as pytest has
collected the distributed tests, the waiting overlaps the rest of the suite on the second
core instead of adding to it. Its output goes to a log file, never a pipe nobody reads
(a full pipe would stall the run).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import PROJECT_ROOT, SEEDS_DIR

DIST_PYTHON = PROJECT_ROOT / ".venv-dist" / "bin" / "python"
PORTS = ("55442", "56389", "8094")  # not the ports of a `make run-distributed` left running
ROOT = PROJECT_ROOT / ".dist" / "test-run"
"""Not under pytest's private tmp folder: the servers run as the 'postgres' account when tests run as root."""
HEARTBEAT_TIMEOUT_S = "30"  # how long the scheduler waits for the killed worker's task before it retries
RUN_TIMEOUT_S = 1200


@dataclass
class BackgroundRun:
    process: subprocess.Popen
    root: Path
    log: Path
    started: float

    @property
    def result(self) -> Path:
        return self.root / "result.json"

    @property
    def export(self) -> Path:
        return self.root / "export"

    def wait(self) -> dict:
        """The run's outcome (scripts/distributed.py's result file), once it has finished."""
        remaining = max(1.0, RUN_TIMEOUT_S - (time.monotonic() - self.started))
        try:
            self.process.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            self.stop()
        output = self.log.read_text(errors="replace")
        assert self.result.exists(), f"no result after {RUN_TIMEOUT_S} s at most; the run's log ends:\n{output[-6000:]}"
        outcome = json.loads(self.result.read_text())
        outcome["export"] = self.export
        outcome["stdout"] = output
        return outcome

    def stop(self) -> None:
        """TERM first: scripts/distributed.py then stops the servers it started."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def clean(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> BackgroundRun:
    """One run of scripts/distributed.py on the seeds: one article per tag task, a worker killed while it tags."""
    subprocess.run(["make", "-s", "dist-env"], cwd=PROJECT_ROOT, check=True)  # .venv-dist and the servers, if missing
    shutil.rmtree(ROOT, ignore_errors=True)
    ROOT.mkdir(parents=True)
    log = ROOT.parent / "test-run.log"
    env = {**os.environ, "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": HEARTBEAT_TIMEOUT_S}
    command = [
        str(DIST_PYTHON), "scripts/distributed.py", "--root", str(ROOT / "state"), "--input-dir", str(SEEDS_DIR),
        "--tag-batch-articles", "1", "--kill-worker-during-tag", "--ports", *PORTS,
        "--export-marts", str(ROOT / "export"), "--result", str(ROOT / "result.json"),
    ]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    return BackgroundRun(process=process, root=ROOT, log=log, started=time.monotonic())
