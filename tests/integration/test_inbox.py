"""The landing folder: new files are found, a dropped file starts a run that adds exactly that article."""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace
from pathlib import Path

import pytest

from extract.config import Settings
from extract.inbox import inbox_state, run_id_for
from extract.inbox_watch import InboxTrigger
from extract.pipeline import extract_articles
from tests.conftest import PROJECT_ROOT
from tests.integration.conftest import copy_of_run, query

pytestmark = pytest.mark.integration

ARTICLE = " date 2025-10-16 Anna Berg and Maria Lopez will meet in Oslo on Friday, Berg said.\n"


def test_new_loaded_rejected_and_changed_files(tmp_path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "w" / "w.duckdb"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (inbox / "bad.txt").write_text("no date header\n", encoding="utf-8")
    assert sorted(Path(p).name for p in inbox_state(inbox, warehouse).new_files) == ["a.txt", "bad.txt"]

    extract_articles(replace(Settings.from_env(), input_dirs=(inbox,), warehouse_path=warehouse))
    assert inbox_state(inbox, warehouse).new_files == ()  # one loaded, one rejected: both taken in

    (inbox / "a.txt").write_text(ARTICLE.replace("Friday", "Monday"), encoding="utf-8")
    os.utime(inbox / "a.txt", ns=(1, 2_000_000_000_000_000_000))
    assert [Path(p).name for p in inbox_state(inbox, warehouse).new_files] == ["a.txt"]


def test_trigger_fires_when_a_file_lands(tmp_path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    trigger = InboxTrigger(str(inbox), str(tmp_path / "none.duckdb"), poke_interval=0.1)

    async def drop_then_wait():
        waiting = asyncio.create_task(anext(trigger.run()))
        await asyncio.sleep(0.3)
        assert not waiting.done()  # nothing yet: still waiting
        (inbox / "a.txt").write_text(ARTICLE, encoding="utf-8")
        return await asyncio.wait_for(waiting, timeout=5)

    event = asyncio.run(drop_then_wait())
    assert event.payload == {"new_files": [str(inbox / "a.txt")]}
    assert InboxTrigger(**trigger.serialize()[1]).serialize() == trigger.serialize()


def test_dropped_file_starts_a_run_that_adds_exactly_it(tmp_path, monkeypatch, run_dag, seed_run) -> None:
    # A warehouse that already holds articles (the seed run's, copied), and an inbox that gets one file.
    inbox = tmp_path / "inbox"
    warehouse = copy_of_run(seed_run, tmp_path / "w")
    inbox.mkdir()
    (inbox / "dropped.txt").write_text(ARTICLE, encoding="utf-8")

    monkeypatch.setenv("NEWSWIRE_INBOX_DIR", str(inbox))
    monkeypatch.setenv("NEWSWIRE_WAREHOUSE", str(warehouse))
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(PROJECT_ROOT / "dags" / "newswire_inbox.py"))
    assert bag.import_errors == {}
    inbox_run = bag.dags["newswire_inbox"].test()
    states = {ti.task_id: str(ti.state) for ti in inbox_run.get_task_instances()}
    assert states == {"new_files_in_inbox": "success", "name_the_run": "success", "start_newswire_etl": "success"}

    from airflow.models import DagRun
    from airflow.utils.session import create_session

    expected_id = run_id_for([str(inbox / "dropped.txt")])
    with create_session() as session:
        started = session.query(DagRun).filter(DagRun.dag_id == "newswire_etl", DagRun.run_id == expected_id).one()
        conf = dict(started.conf)
    assert conf == {"input_dir": str(inbox)}

    seen_before = dict(query(warehouse, "select source_path, seen_at from raw.article_sources"))
    assert len(seen_before) == 2
    second = run_dag(warehouse, input_dir=Path(conf["input_dir"]))
    assert second.state == "success"
    seen_after = dict(second.query("select source_path, seen_at from raw.article_sources"))
    assert set(seen_after) - set(seen_before) == {str(inbox / "dropped.txt")}
    assert {p: seen_after[p] for p in seen_before} == seen_before  # the earlier files were not read again
    assert second.query_published("select count(*) from marts.dim_articles") == [(3,)]
