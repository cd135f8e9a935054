"""Operator requests on a real warehouse file: remove, reprocess, and a typo that changes nothing."""

from __future__ import annotations

import shutil
from dataclasses import replace

import duckdb
import pytest

from extract.config import Settings
from extract.operations import UnknownTargetError, apply_requests
from extract.pipeline import extract_articles, tag_articles
from tests.conftest import SEEDS_DIR

pytestmark = pytest.mark.integration

FIRST = "000_f7178084b3e2d7fe.txt"


@pytest.fixture
def tagged(tmp_path) -> Settings:
    folder = tmp_path / "input"
    shutil.copytree(SEEDS_DIR, folder)
    (folder / "no_date.txt").write_text("A file without its date line.\n")
    settings = replace(Settings.from_env(), input_dirs=(folder,), warehouse_path=tmp_path / "w.duckdb")
    extract_articles(settings)
    tag_articles(settings)
    return settings


def scalar(settings: Settings, sql: str, params: list | None = None):
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()[0][0]
    finally:
        con.close()


def test_unknown_target_names_every_typo_and_changes_nothing(tagged) -> None:
    with pytest.raises(UnknownTargetError) as caught:
        apply_requests(tagged.warehouse_path, [], [FIRST, "nope.txt", "0000000000000000"], "run-1")
    message = str(caught.value)
    assert "'nope.txt', '0000000000000000'" in message and "nothing was changed" in message
    assert scalar(tagged, "select count(*) from raw.articles") == 2
    assert scalar(tagged, "select count(*) from audit.operator_actions") == 0


def test_remove_then_reprocess_brings_the_article_back(tagged) -> None:
    article = scalar(tagged, "select article_id from raw.articles where source_path like ?", [f"%{FIRST}"])

    apply_requests(tagged.warehouse_path, [], [article], "run-remove")
    skipped = extract_articles(tagged)
    apply_requests(tagged.warehouse_path, [FIRST], [], "run-restore")
    restored = extract_articles(tagged)
    retagged = tag_articles(tagged)

    assert skipped.skipped_removed == 1
    assert (restored.articles_new, retagged.articles_tagged) == (1, 1)
    assert scalar(tagged, "select count(*) from raw.sentences where article_id = ?", [article]) > 0
    actions = scalar(tagged, "select list(action || ':' || file_name order by acted_at) from audit.operator_actions")
    assert actions == [f"remove:{FIRST}", f"reprocess:{FIRST}"]


def test_a_rejected_file_can_be_removed_by_name(tagged) -> None:
    assert scalar(tagged, "select count(*) from raw.rejected_articles") == 1
    apply_requests(tagged.warehouse_path, [], ["no_date.txt"], "run-x")
    assert scalar(tagged, "select count(*) from raw.rejected_articles") == 0
