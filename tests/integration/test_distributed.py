"""The distributed mode, for real: Postgres, Redis, Airflow's CeleryExecutor with two workers, DuckLake.

One run of ``scripts/distributed.py`` (what ``make run-distributed`` runs) on the seed
articles, one article per mapped tag task, with a worker SIGKILLed while it tags. The
marts it publishes to DuckLake must equal the embedded run's published file table by
table: nothing lost, nothing doubled, whichever mode ran it.

It runs in ``.venv-dist`` (duckdb 1.4.4 with the DuckLake extension packages); the lake's
tables come back as Parquet so this venv's DuckDB compares them with the embedded file.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import duckdb
import pytest

from scripts.distributed import compare_with_file
from tests.integration import distributed_run as background

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def distributed_run(request) -> Iterator[dict]:
    """The run started at collection (tests/integration/conftest.py), or started now if it was not."""
    process = request.config.stash.get(background.STASH_KEY, None) or background.start()
    output = background.wait(process)
    assert background.RESULT.exists(), f"no result:\n{output[-8000:]}"
    outcome = json.loads(background.RESULT.read_text())
    outcome["export"] = background.ROOT / "export"
    outcome["stdout"] = output
    yield outcome
    shutil.rmtree(background.ROOT, ignore_errors=True)


def test_the_run_succeeds_on_celery_with_tagging_mapped_over_both_workers(distributed_run):
    assert distributed_run["state"] == "success", distributed_run["stdout"][-3000:]
    tags = [t for t in distributed_run["tasks"] if t["task_id"] == "tag"]
    assert len(tags) == 2  # two seed articles, one per batch
    assert all(t["state"] == "success" for t in distributed_run["tasks"] if t["state"] is not None)


def test_a_worker_killed_mid_batch_costs_a_retry_not_an_article(distributed_run):
    assert distributed_run["worker_killed"]
    tags = [t for t in distributed_run["tasks"] if t["task_id"] == "tag"]
    assert max(t["tries"] for t in tags) >= 2  # the killed batch ran again
    con = duckdb.connect()
    articles = con.execute(
        f"select count(*), count(distinct article_id) from '{distributed_run['export']}/marts.dim_articles.parquet'"
    ).fetchall()[0]
    assert articles == (2, 2)


def test_the_lake_holds_the_same_marts_as_the_embedded_file(distributed_run, seed_run):
    exported = {p.name.removesuffix(".parquet") for p in distributed_run["export"].glob("*.parquet")}
    assert {"marts.fct_mentions", "marts.fct_quotes", "marts.fct_scheduled_events", "audit.publications"} <= exported
    differences = compare_with_file(seed_run.published, distributed_run["export"])
    assert len(differences) >= 15
    assert {name: rows for name, rows in differences.items() if rows != (0, 0)} == {}
