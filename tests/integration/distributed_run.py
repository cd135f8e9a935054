"""The distributed test's one run, started in the background as soon as pytest has collected it.

The run is its own world (Postgres, Redis, Celery workers, an Airflow API server, all on
ports of their own, in .venv-dist) and takes ~5 minutes, about one core's worth. Started at
collection with a lower CPU priority, it runs on what the in-process tests leave idle
instead of adding its minutes to theirs; the test module only waits for the outcome.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, SEEDS_DIR

DIST_PYTHON = PROJECT_ROOT / ".venv-dist" / "bin" / "python"
PORTS = ("55442", "56389", "8094")  # not the ports of a `make run-distributed` left running
# Not under pytest's private tmp folder: the servers run as the 'postgres' account when tests run as root.
ROOT = PROJECT_ROOT / ".dist" / "test-run"
RESULT = ROOT / "result.json"
OUTPUT = ROOT / "output.log"
TIMEOUT_SECONDS = 1200
NICENESS = 10
"""The run yields the CPU to the tests in the foreground: it takes what they leave idle. Run at
equal priority, the two sets of work slowed each other down and the suite gained nothing."""
STASH_KEY = pytest.StashKey[subprocess.Popen]()
"""Where the collection hook leaves the started run for the test module."""


def start() -> subprocess.Popen:
    """Build .venv-dist and the servers if missing (make dist-env), then start the run: one article
    per mapped tag task, a worker SIGKILLed while it tags, the marts exported as Parquet."""
    shutil.rmtree(ROOT, ignore_errors=True)
    ROOT.mkdir(parents=True)
    run = [str(DIST_PYTHON), "scripts/distributed.py", "--root", str(ROOT / "state"), "--input-dir", str(SEEDS_DIR),
           "--tag-batch-articles", "1", "--kill-worker-during-tag", "--ports", *PORTS,
           "--export-marts", str(ROOT / "export"), "--result", str(RESULT)]
    # The killed worker's task is found dead after the heartbeat timeout and retried after the retry delay:
    # both shortened here so the test does not sit out the operators' settings.
    env = {**os.environ, "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "30", "NEWSWIRE_RETRY_DELAY_SECONDS": "5"}
    with OUTPUT.open("w") as output:
        return subprocess.Popen(
            ["nice", "-n", str(NICENESS), "bash", "-c", f"make -s dist-env && exec {shlex.join(run)}"],
            cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )


def wait(process: subprocess.Popen) -> str:
    """The run's output once it has ended (killed, with what it printed, if it outlives the timeout)."""
    try:
        process.wait(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        stop(process)
    return OUTPUT.read_text()


def stop(process: subprocess.Popen) -> None:
    """TERM to the run's process group: a `make dist-env` still building stops, and
    scripts/distributed.py unwinds like Ctrl-C, stopping every server it started."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
