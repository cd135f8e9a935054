"""Tagging in batches (the DAG's mapped ``tag`` tasks): shards per batch, one loader, safe re-runs."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from extract.config import Settings
from extract.pipeline import extract_articles, tag_articles
from extract.tag_batches import load_batches, plan_batches, run_folder, shard_root, tag_batch
from tests.conftest import SEEDS_DIR
from tests.integration.conftest import article_folder

pytestmark = pytest.mark.integration


def counts(warehouse: Path) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {
            table: con.execute(f"select count(*) from raw.{table}").fetchall()[0][0]
            for table in ("sentences", "entity_mentions", "temporal_expressions", "quotes", "event_mentions", "tagged_articles")
        }
    finally:
        con.close()


@pytest.fixture
def extracted(tmp_path) -> Settings:
    folder = article_folder(tmp_path / "input")
    (folder / "third.txt").write_text(
        " date 2025-10-16 Anna Berg and Maria Lopez will meet in Oslo on Friday, Berg said.\n", encoding="utf-8"
    )
    settings = replace(Settings.from_env(), input_dirs=(folder,), warehouse_path=tmp_path / "w" / "w.duckdb")
    extract_articles(settings)
    return settings


def test_batches_cover_every_untagged_article_once(extracted) -> None:
    batches = plan_batches(extracted, "run-1", batch_size=2)
    ids = [i for b in batches for i in b["article_ids"]]
    assert [len(b["article_ids"]) for b in batches] == [2, 1]
    assert len(ids) == len(set(ids)) == 3
    assert batches[1]["label"] == "batch 2/2 (1 articles)"


def test_sharded_batches_load_the_same_rows_as_one_pass(extracted, tmp_path) -> None:
    one_pass = replace(extracted, warehouse_path=tmp_path / "one" / "w.duckdb")
    shutil.copy(extracted.warehouse_path, one_pass.warehouse_path.parent.mkdir(parents=True) or one_pass.warehouse_path)
    tag_articles(one_pass, chunk_size=500)

    tagged = [tag_batch(extracted, b, "run-1") for b in plan_batches(extracted, "run-1", batch_size=1)]
    assert all(Path(t["folder"]).is_dir() for t in tagged)
    report = load_batches(extracted, tagged, "run-1")

    assert report.articles_tagged == 3
    assert counts(extracted.warehouse_path) == counts(one_pass.warehouse_path)
    assert not run_folder(extracted, "run-1").exists()  # shards are gone once committed


def test_loading_a_batch_twice_keeps_one_set_of_rows(extracted, tmp_path) -> None:
    [batch] = plan_batches(extracted, "run-1", batch_size=10)
    tagged = tag_batch(extracted, batch, "run-1")
    keep = tmp_path / "kept_shards"
    shutil.copytree(tagged["folder"], keep)
    load_batches(extracted, [tagged], "run-1")
    first = counts(extracted.warehouse_path)
    shutil.copytree(keep, tagged["folder"])  # a loader retried after it committed but before it cleaned up
    load_batches(extracted, [tagged], "run-1")
    assert counts(extracted.warehouse_path) == first


def test_a_killed_run_leaves_nothing_that_blocks_the_next(extracted) -> None:
    [batch] = plan_batches(extracted, "killed", batch_size=10)
    tag_batch(extracted, batch, "killed")
    (run_folder(extracted, "killed") / "batch-00001.partial").mkdir()  # a batch killed mid-write

    batches = plan_batches(extracted, "next", batch_size=10)  # the killed run never loaded: all still untagged

    assert list(shard_root(extracted).iterdir()) == []
    assert sum(len(b["article_ids"]) for b in batches) == 3
    report = load_batches(extracted, [tag_batch(extracted, b, "next") for b in batches], "next")
    assert report.articles_tagged == 3


def test_nothing_new_is_one_empty_batch(extracted) -> None:
    tag_articles(extracted)
    batches = plan_batches(extracted, "run-2", batch_size=10)
    assert batches == [{"batch": 0, "article_ids": [], "label": "batch 1/1 (0 articles)"}]
    assert load_batches(extracted, [tag_batch(extracted, batches[0], "run-2")], "run-2").articles_tagged == 0


def test_dag_maps_one_tag_task_per_batch(run_dag, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSWIRE_TAG_BATCH_ARTICLES", "1")
    run = run_dag(tmp_path / "mapped" / "newswire.duckdb", input_dir=SEEDS_DIR)
    assert run.state == "success"
    from airflow.models import DagRun
    from airflow.utils.session import create_session

    with create_session() as session:
        dag_run = session.query(DagRun).filter(DagRun.run_id == run.run_id).one()
        mapped = sorted(
            (ti.map_index, ti.rendered_map_index, str(ti.state)) for ti in dag_run.get_task_instances(session=session)
            if ti.task_id == "tag"
        )
    assert mapped == [(0, "batch 1/2 (1 articles)", "success"), (1, "batch 2/2 (1 articles)", "success")]
    assert run.query("select count(distinct article_id) from raw.tagged_articles") == [(2,)]


def test_a_second_run_with_new_files_tags_only_those(extracted) -> None:
    tag_articles(extracted)
    con = duckdb.connect(str(extracted.warehouse_path), read_only=True)
    before = dict(con.execute("select article_id, tagged_at from raw.tagged_articles").fetchall())
    con.close()
    folder = extracted.input_dirs[0]
    (folder / "fourth.txt").write_text(" date 2025-10-17 Tomas Brandt will visit Lisbon next week.\n", encoding="utf-8")
    extract_articles(extracted)

    report = tag_articles(extracted)

    con = duckdb.connect(str(extracted.warehouse_path), read_only=True)
    after = dict(con.execute("select article_id, tagged_at from raw.tagged_articles").fetchall())
    con.close()
    assert report.articles_tagged == 1
    assert {k: v for k, v in after.items() if k in before} == before  # the earlier articles were not touched
    assert len(after) == len(before) + 1
