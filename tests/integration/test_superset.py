"""BI: Apache Superset (own venv .venv-bi) serves the "newswire" dashboard over a published file.

The module starts Superset once with bi/start.sh --background on a free port, against a copy of
the file the seed run published, with its state (metadata sqlite, log, pid) in a temporary
folder, and stops it at the end. The Superset venv is created from the dependency group "bi"
of pyproject.toml when missing (uv, as in bi/start.sh).

The screenshot needs Chromium from Debian (apt-get install -y chromium); Playwright drives it,
it never downloads a browser.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import requests

from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.integration

BI = PROJECT_ROOT / "bi"
BI_VENV = PROJECT_ROOT / ".venv-bi"
BI_PYTHON = BI_VENV / "bin" / "python"
CHROMIUM = Path("/usr/bin/chromium")
CHARTS = {"Mentions per entity over time", "Quotes by speaker", "Scheduled events by date and status"}


def _uv() -> str:
    local = Path(sys.executable).parent / "uv"
    return str(local) if local.exists() else (shutil.which("uv") or "uv")


@pytest.fixture(scope="session")
def bi_venv() -> Path:
    """The Superset venv, created from pyproject.toml's dependency group 'bi' when missing."""
    if not (BI_VENV / "bin" / "superset").exists():
        subprocess.run([_uv(), "venv", "--python", "python3.11", str(BI_VENV)], cwd=PROJECT_ROOT, check=True)
        subprocess.run([_uv(), "pip", "install", "--python", str(BI_PYTHON), "--group", "bi"],
                       cwd=PROJECT_ROOT, check=True)
    return BI_VENV


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, env: dict[str, str], published: Path) -> None:
        self.env = env
        self.published = published
        self.url = env["NEWSWIRE_BI_URL"]

    def run(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        return subprocess.run([str(BI_PYTHON), *args], env=self.env, cwd=PROJECT_ROOT,
                              capture_output=True, text=True, timeout=timeout)

    def api(self) -> requests.Session:
        s = requests.Session()
        r = s.post(f"{self.url}/api/v1/security/login", timeout=60,
                   json={"username": "admin", "password": self.env["NEWSWIRE_BI_PASSWORD"], "provider": "db"})
        r.raise_for_status()
        s.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        return s

    def chart_rows(self) -> dict[str, int]:
        s = self.api()
        charts = s.get(f"{self.url}/api/v1/dashboard/newswire/charts", timeout=60).json()["result"]
        rows = {}
        for chart in charts:
            r = s.get(f"{self.url}/api/v1/chart/{chart['id']}/data/", params={"force": "true"}, timeout=300)
            r.raise_for_status()
            rows[chart["slice_name"]] = sum(q["rowcount"] for q in r.json()["result"])
        return rows


@pytest.fixture(scope="module")
def published_source(request) -> Path:
    """The seed run's published file; NEWSWIRE_BI_TEST_PUBLISHED=<file> uses that file instead
    (to test the BI layer alone, without running the pipeline)."""
    override = os.environ.get("NEWSWIRE_BI_TEST_PUBLISHED")
    if override:
        return Path(override)
    return request.getfixturevalue("seed_run").published


@pytest.fixture(scope="module")
def superset(bi_venv, published_source, tmp_path_factory):
    """Superset on a free port over a copy of a published file; stopped afterwards."""
    root = tmp_path_factory.mktemp("superset")
    published = root / "published" / "newswire.duckdb"
    published.parent.mkdir()
    shutil.copy(published_source, published)
    port = _free_port()
    env = {
        **os.environ,
        "NEWSWIRE_BI_VENV": str(bi_venv),
        "NEWSWIRE_BI_HOME": str(root / "bi"),
        "NEWSWIRE_PUBLISHED": str(published),
        "NEWSWIRE_BI_PORT": str(port),
        "NEWSWIRE_BI_URL": f"http://127.0.0.1:{port}",
        "NEWSWIRE_BI_PASSWORD": "newswire-test",
        "NEWSWIRE_BI_SECRET": "newswire-test-secret",
    }
    start = subprocess.run(["bash", str(BI / "start.sh"), "--background"], env=env, cwd=PROJECT_ROOT,
                           capture_output=True, text=True, timeout=900)
    try:
        log = root / "bi" / "superset.log"
        assert start.returncode == 0, f"{start.stdout}\n{start.stderr}\n{log.read_text() if log.exists() else ''}"
        assert f"http://127.0.0.1:{port}/superset/dashboard/newswire/" in start.stdout
        yield Server(env, published)
    finally:
        subprocess.run(["bash", str(BI / "start.sh"), "--stop"], env=env, cwd=PROJECT_ROOT, timeout=120)


def test_every_chart_of_the_dashboard_returns_rows(superset) -> None:
    check = superset.run(str(BI / "check_dashboard.py"))
    assert check.returncode == 0, check.stdout + check.stderr
    rows = superset.chart_rows()
    assert set(rows) == CHARTS
    assert all(n > 0 for n in rows.values()), rows


def test_setup_twice_changes_nothing(superset) -> None:
    again = superset.run(str(BI / "setup_dashboard.py"))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "created" not in again.stdout
    s = superset.api()
    counts = {kind: s.get(f"{superset.url}/api/v1/{kind}/", timeout=60).json()["count"]
              for kind in ("database", "dataset", "chart", "dashboard")}
    assert counts == {"database": 1, "dataset": 3, "chart": 3, "dashboard": 1}


def test_a_new_published_file_is_read_by_the_next_query(superset, tmp_path) -> None:
    """Publishing replaces the file with os.replace: Superset must not stay on the old inode."""
    before = superset.chart_rows()["Scheduled events by date and status"]
    original = tmp_path / "original.duckdb"
    shutil.copy(superset.published, original)
    new = superset.published.with_name("next.duckdb")
    shutil.copy(superset.published, new)
    con = duckdb.connect(str(new))
    con.execute("DELETE FROM marts.fct_scheduled_events WHERE event_id IN "
                "(SELECT event_id FROM marts.fct_scheduled_events ORDER BY event_id LIMIT 1)")
    con.close()
    try:
        os.replace(new, superset.published)
        assert superset.chart_rows()["Scheduled events by date and status"] == before - 1
    finally:
        os.replace(original, superset.published)
    assert superset.chart_rows()["Scheduled events by date and status"] == before


def test_dashboard_renders_in_a_browser(superset, tmp_path) -> None:
    """The README's picture (bench/results/superset_dashboard.png) is made the same way:
    check_dashboard.py --screenshot, after `make run` and `make bi`."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium (Playwright drives /usr/bin/chromium)")
    screenshot = tmp_path / "superset_dashboard.png"
    shot = superset.run(str(BI / "check_dashboard.py"), "--screenshot", str(screenshot), "--chromium", str(CHROMIUM))
    assert shot.returncode == 0, shot.stdout + shot.stderr
    assert screenshot.stat().st_size > 20_000
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
