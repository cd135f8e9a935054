"""No bad input blocks the pipeline: whole DAG runs (Airflow dag.test(), real DuckDB, spaCy, dbt, GX).

Each test drives a sequence a user or an operator meets: bad files next to good ones, an article
that fails a row check, an operator removing or re-processing articles, a file edited in place,
a run killed half-way. Every sequence ends with a green run and correct published marts.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import SEEDS_DIR
from tests.integration.conftest import BIN, article_folder, copy_of_run, query
from tests.integration.damage import article_of_file, damage, make_pending

pytestmark = pytest.mark.integration

SECOND_SEED = "002_acb50f9ee6de49bb.txt"


def published_files(run) -> set[str]:
    return {Path(p).name for (p,) in run.query_published("select source_path from marts.dim_articles")}


GOOD_FILES = {"000_f7178084b3e2d7fe.txt", SECOND_SEED, "harbour_vote.txt", "chess_final.txt", "weather.txt"}


@pytest.fixture(scope="module")
def mixed_feed_run(run_dag, tmp_path_factory):
    """One run over a feed where bad files lie next to good ones: the start of every sequence below.

    Each sequence continues from its own copy of this warehouse (the feed folder is shared: the
    copies remember its files by path), so the first run is paid once for the module."""
    root = tmp_path_factory.mktemp("mixed_feed")
    feed = article_folder(root / "feed", "harbour_vote.txt", "chess_final.txt", "weather.txt")
    (feed / "from_the_future.txt").write_text(" date 2031-01-01 Leaders will meet in Oslo.\n")
    (feed / "huge.txt").write_text(" date 2025-03-12 " + "Markets rose again today. " * 210_000)  # 5.5 MB
    (feed / "loop.txt").symlink_to(feed / "loop.txt")
    (feed / "gone.txt").symlink_to(root / "deleted.txt")
    os.mkfifo(feed / "pipe.txt")
    run = run_dag(root / "warehouse" / "newswire.duckdb", feed)
    return run, feed


def test_bad_files_are_rejected_with_a_row_and_the_rest_is_published(mixed_feed_run) -> None:
    run, _ = mixed_feed_run

    assert run.state == "success", run.task_states
    assert published_files(run) == GOOD_FILES
    reasons = dict(run.query_published("select file_name, reason from audit.rejected_articles"))
    assert reasons["from_the_future.txt"].startswith("publication date 2031-01-01 is in the future")
    assert reasons["huge.txt"].startswith("article text has 5,459,999 characters, over the limit of 1,000,000")
    assert "NEWSWIRE_MAX_ARTICLE_CHARS" in reasons["huge.txt"]
    assert reasons["loop.txt"] == "symlink loop: the link points back at itself"
    assert reasons["gone.txt"].startswith("dangling symlink")
    assert reasons["pipe.txt"] == "not a regular file (fifo): not read"
    warned = run.query_published(
        "select failing_rows from audit.validation_results"
        " where run_id = ? and stage = 'raw' and check_name = 'entity_coverage' and not success",
        [run.run_id],
    )
    assert [row["file_name"] for row in json.loads(warned[0][0])] == ["weather.txt"]


def test_quarantined_articles_leave_the_marts_and_come_back_when_reprocessed(run_dag, mixed_feed_run, tmp_path) -> None:
    base, feed = mixed_feed_run
    warehouse = copy_of_run(base, tmp_path / "warehouse")
    harbour, chess = article_of_file(warehouse, "harbour_vote.txt"), article_of_file(warehouse, "chess_final.txt")
    # Dangling offsets in one article (a raw check), an unlinked named speaker in another (a marts check).
    damage(warehouse, "update raw.entity_mentions set end_char = end_char + 100000 where article_id = ?", [harbour])
    damage(warehouse, "update raw.quotes set speaker_kind = 'name', speaker_mention_id = null where article_id = ?", [chess])
    make_pending(warehouse, harbour)
    make_pending(warehouse, chess)

    second = run_dag(warehouse, feed)

    assert second.state == "success", second.task_states
    assert published_files(second) == GOOD_FILES - {"harbour_vote.txt", "chess_final.txt"}
    quarantined = second.query_published(
        "select file_name, stage, check_name from audit.quarantined_articles"
        " where released_at is null group by all order by 1"
    )
    assert quarantined == [("chess_final.txt", "marts", "named_speakers_linked"), ("harbour_vote.txt", "raw", "mention_offsets_valid")]
    assert second.query_published("select count(*) from marts.fct_quotes where article_id in (?, ?)", [harbour, chess]) == [(0,)]

    third = run_dag(warehouse, feed, reprocess_articles=["quarantined"])

    assert third.state == "success", third.task_states
    assert published_files(third) == GOOD_FILES
    assert third.query_published("select count(*) from audit.quarantined_articles where released_at is null") == [(0,)]
    actions = third.query_published("select action, target, file_name from audit.operator_actions order by file_name")
    assert actions == [("reprocess", "quarantined", "chess_final.txt"), ("reprocess", "quarantined", "harbour_vote.txt")]


def test_removed_article_leaves_every_layer_and_is_not_loaded_again(run_dag, mixed_feed_run, tmp_path) -> None:
    base, feed = mixed_feed_run
    warehouse = copy_of_run(base, tmp_path / "warehouse")
    weather = article_of_file(warehouse, "weather.txt")

    removed = run_dag(warehouse, feed, remove_articles=["weather.txt"])

    assert removed.state == "success", removed.task_states
    assert "weather.txt" not in published_files(removed)
    for table in ("raw.articles", "raw.sentences", "raw.entity_mentions", "raw.temporal_expressions", "raw.tagged_articles"):
        assert removed.query(f"select count(*) from {table} where article_id = ?", [weather]) == [(0,)], table
    assert removed.query_published("select action, file_name from audit.operator_actions") == [("remove", "weather.txt")]

    again = run_dag(warehouse, feed)  # the file is still in the folder

    assert again.state == "success"
    assert "weather.txt" not in published_files(again)
    assert again.query("select count(*) from raw.articles where article_id = ?", [weather]) == [(0,)]


def test_file_edited_in_place_replaces_its_old_version(run_dag, mixed_feed_run, tmp_path) -> None:
    base, feed = mixed_feed_run
    warehouse = copy_of_run(base, tmp_path / "warehouse")
    old = article_of_file(warehouse, "harbour_vote.txt")
    edited = feed / "harbour_vote.txt"
    original = edited.read_text()
    edited.write_text(original.replace("Pieter de Wit", "Anna Bakker"))
    try:
        run = run_dag(warehouse, feed)
    finally:
        edited.write_text(original)  # the feed is the module's: leave it as the other sequences know it

    assert run.state == "success", run.task_states
    new = article_of_file(warehouse, "harbour_vote.txt")
    assert new != old
    assert run.query("select superseded_by from raw.articles where article_id = ?", [old]) == [(new,)]
    assert run.query_published("select count(*) from marts.dim_articles") == [(len(GOOD_FILES),)]
    assert run.query_published("select count(*) from marts.fct_mentions where article_id = ?", [old]) == [(0,)]
    names = {n for (n,) in run.query_published("select surface_text from marts.fct_mentions where article_id = ?", [new])}
    assert "Anna Bakker" in names and "Pieter de Wit" not in names


def test_a_killed_run_is_picked_up_by_the_next_one(run_dag, seed_run, tmp_path) -> None:
    """`airflow dags test` killed (process group, SIGKILL) while dbt writes the warehouse: the next
    run succeeds and the marts hold each article once."""
    warehouse = tmp_path / "newswire.duckdb"
    conf = json.dumps({"input_dir": str(SEEDS_DIR), "warehouse_path": str(warehouse)})
    process = subprocess.Popen(
        [str(BIN / "airflow"), "dags", "test", "newswire_etl", "-c", conf],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 300
    for line in process.stdout:
        if "START sql view model staging" in line:  # a line of dbt's, logged by the dbt_staging producer
            os.killpg(process.pid, signal.SIGKILL)
            break
        assert time.monotonic() < deadline, "the run never reached dbt"
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    run = run_dag(warehouse, SEEDS_DIR)

    assert run.state == "success", run.task_states
    assert run.query_published("select count(*) from marts.dim_articles") == [(2,)]
    assert run.query_published("select count(*) from marts.fct_mentions") == seed_run.query(
        "select count(*) from marts.fct_mentions"
    )


def test_operator_typo_fails_fast_and_changes_nothing(run_dag, seed_run, tmp_path) -> None:
    warehouse = copy_of_run(seed_run, tmp_path / "run")

    run = run_dag(warehouse, SEEDS_DIR, remove_articles=["no_such_file.txt"])

    assert run.state == "failed"
    assert run.task_states["operator_requests"] == "failed"
    assert run.task_states["extract"] == "upstream_failed"
    assert query(warehouse, "select count(*) from raw.articles") == [(2,)]
    assert query(warehouse, "select count(*) from audit.operator_actions") == [(0,)]
