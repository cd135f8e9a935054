"""The whole pipeline on seeds/ through Airflow's dag.test(), checked against what a user would query."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT
from tests.integration.conftest import PIPELINE_TASKS

pytestmark = pytest.mark.integration

def test_dag_run_succeeds_with_every_task(seed_run) -> None:
    assert seed_run.state == "success"
    assert seed_run.stage_states == {
        task: "success"
        for task in PIPELINE_TASKS
    }


def test_both_seed_articles_loaded_with_their_dates(seed_run) -> None:
    rows = seed_run.query("select published_date from marts.dim_articles order by published_date")
    assert [r[0] for r in rows] == [date(2025, 10, 16), date(2025, 10, 17)]
    assert seed_run.query("select count(*) from raw.rejected_articles") == [(0,)]


@pytest.mark.parametrize("name", ["Trump", "Putin", "Zelenskiy", "Zelensky"])
def test_leaders_are_mentioned(seed_run, name: str) -> None:
    count = seed_run.query(
        "select count(*) from marts.fct_mentions where surface_text like ?", [f"%{name}%"]
    )[0][0]
    assert count >= 1


def test_mention_offsets_point_at_surface_text(seed_run) -> None:
    rows = seed_run.query(
        "select a.article_text, m.start_char, m.end_char, m.surface_text"
        " from raw.entity_mentions m join raw.articles a using (article_id)"
    )
    assert len(rows) > 50
    assert all(text[start:end] == surface for text, start, end, surface in rows)


def test_dbt_models_built_and_tests_passed(seed_run) -> None:
    results = json.loads((seed_run.warehouse.parent / "dbt_target" / "run_results.json").read_text())
    statuses = {r["unique_id"]: r["status"] for r in results["results"]}
    tests = [uid for uid in statuses if uid.startswith("test.")]
    models = [uid for uid in statuses if uid.startswith("model.")]
    assert len(tests) >= 20 and len(models) >= 5
    assert {statuses[uid] for uid in tests} == {"pass"}
    assert {statuses[uid] for uid in models} == {"success"}


def test_gx_validations_recorded_and_passed(seed_run) -> None:
    rows = seed_run.query(
        "select stage, count(*), count(*) filter (where success)"
        " from audit.validation_results where run_id = ? group by stage order by stage",
        [seed_run.run_id],
    )
    assert [stage for stage, _, _ in rows] == ["marts", "raw", "staging"]
    assert all(total >= 5 and passed == total for _, total, passed in rows)


def test_warehouse_is_not_left_locked(seed_run) -> None:
    """After a run, a user's read-only SQL session can open the file."""
    con = duckdb.connect(str(seed_run.warehouse), read_only=True)
    con.close()


def test_publish_updates_every_mart_asset(seed_run) -> None:
    """Downstream DAGs scheduled on the marts see one asset event per mart per published run."""
    from airflow.models.asset import AssetEvent, AssetModel
    from airflow.utils.session import create_session

    marts = {p.stem for p in (PROJECT_ROOT / "dbt" / "models" / "marts").glob("*.sql")}
    with create_session() as session:
        names = {
            name
            for (name,) in session.query(AssetModel.name)
            .join(AssetEvent, AssetEvent.asset_id == AssetModel.id)
            .filter(AssetEvent.source_run_id == seed_run.run_id)
        }
    assert names == {f"newswire.marts.{mart}" for mart in marts}
