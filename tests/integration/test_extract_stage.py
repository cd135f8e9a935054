"""The extract stage on a real DuckDB file: bad files are quarantined with their reason, the rest load."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
import spacy
from spacy.language import Language

from extract.config import Settings
from extract.pipeline import extract_articles, tag_articles
from tests.conftest import SEEDS_DIR

pytestmark = pytest.mark.integration


@pytest.fixture
def mixed_input(tmp_path) -> Path:
    folder = tmp_path / "input"
    shutil.copytree(SEEDS_DIR, folder)
    (folder / "no_header.txt").write_text("Just a lede with no date.\n")
    (folder / "bad_date.txt").write_text(" date 2025-13-01 Lede.\n")
    (folder / "latin1.txt").write_bytes(" date 2025-10-16 Caf\xe9 talks.\n".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    shutil.copy(SEEDS_DIR / "000_f7178084b3e2d7fe.txt", folder / "copy_of_first.txt")
    return folder


def test_bad_files_are_quarantined_and_good_ones_load(mixed_input, tmp_path) -> None:
    settings = replace(Settings.from_env(), input_dirs=(mixed_input,), warehouse_path=tmp_path / "w.duckdb")

    report = extract_articles(settings)
    again = extract_articles(settings)

    assert (report.files_read, report.articles_new, report.duplicates, report.rejected) == (7, 2, 1, 4)
    assert again.articles_new == 0
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    rejected = dict(con.execute("select file_name, reason from raw.rejected_articles").fetchall())
    kept_bytes = con.execute(
        "select raw_bytes from raw.rejected_articles where file_name = 'latin1.txt'"
    ).fetchall()[0][0]
    articles = con.execute("select count(*) from raw.articles").fetchall()[0][0]
    con.close()
    assert articles == 2
    assert rejected == {
        "no_header.txt": "missing date header: the first line must start with 'date YYYY-MM-DD'",
        "bad_date.txt": "invalid date header: '2025-13-01' is not a calendar date (month must be in 1..12)",
        "latin1.txt": "not valid UTF-8: byte 0xe9 at position 20 cannot be decoded",
        "empty.txt": "empty file",
    }
    assert kept_bytes == (mixed_input / "latin1.txt").read_bytes()


def test_tagging_twice_keeps_one_set_of_rows(tmp_path) -> None:
    settings = replace(Settings.from_env(), warehouse_path=tmp_path / "w.duckdb")
    extract_articles(settings)
    first = tag_articles(settings)
    second = tag_articles(settings)
    assert first.articles_tagged == 2 and first.mentions > 50
    assert second.articles_tagged == 0
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    assert con.execute("select count(*) from raw.entity_mentions").fetchall()[0][0] == first.mentions
    con.close()


def test_missing_model_is_a_clear_error(tmp_path) -> None:
    from extract.nlp import ModelNotInstalledError

    settings = replace(Settings.from_env(), warehouse_path=tmp_path / "w.duckdb", spacy_model="no_such_model")
    extract_articles(settings)
    with pytest.raises(ModelNotInstalledError, match="'no_such_model' is not installed"):
        tag_articles(settings)


def test_unchanged_files_are_not_read_again_and_an_edit_supersedes(tmp_path) -> None:
    folder = tmp_path / "input"
    shutil.copytree(SEEDS_DIR, folder)
    settings = replace(Settings.from_env(), input_dirs=(folder,), warehouse_path=tmp_path / "w.duckdb")

    first = extract_articles(settings)
    again = extract_articles(settings)
    edited = folder / "000_f7178084b3e2d7fe.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Budapest", "Vienna"), encoding="utf-8")
    after_edit = extract_articles(settings)

    assert (first.files_read, first.files_unchanged, first.articles_new) == (2, 0, 2)
    assert (again.files_unchanged, again.articles_new) == (2, 0)
    assert (after_edit.files_unchanged, after_edit.articles_new, after_edit.superseded) == (1, 1, 1)
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    live = con.execute("select count(*) from raw.live_articles").fetchall()[0][0]
    versions = con.execute("select count(*) from raw.articles").fetchall()[0][0]
    con.close()
    assert (live, versions) == (2, 3)


def test_a_copy_under_another_name_keeps_one_article(tmp_path) -> None:
    folder = tmp_path / "input"
    shutil.copytree(SEEDS_DIR, folder)
    shutil.copy(folder / "000_f7178084b3e2d7fe.txt", folder / "copy.txt")
    settings = replace(Settings.from_env(), input_dirs=(folder,), warehouse_path=tmp_path / "w.duckdb")
    report = extract_articles(settings)
    (folder / "copy.txt").write_text(" date 2025-10-16 A different story about Vienna.\n", encoding="utf-8")
    edited = extract_articles(settings)
    assert (report.articles_new, report.duplicates) == (2, 1)
    # The copy changed, but the original file still holds the first version: nothing is superseded.
    assert (edited.articles_new, edited.superseded) == (1, 0)


POISON = "POISONED-ARTICLE"


@Language.component("newswire_test_poison")
def _poison(doc):
    """A pipeline component that fails on one marked text, as a buggy or overloaded component might."""
    if POISON in doc.text:
        raise ValueError("this component cannot process the article")
    return doc


def test_an_article_that_breaks_the_nlp_is_quarantined_and_the_rest_tagged(tmp_path) -> None:
    from extract.config import DEFAULT_SPACY_MODEL

    model = spacy.load(DEFAULT_SPACY_MODEL)
    model.add_pipe("newswire_test_poison", last=True)
    model.to_disk(tmp_path / "poisoned_model")
    folder = tmp_path / "input"
    shutil.copytree(SEEDS_DIR, folder)
    (folder / "poisoned.txt").write_text(f" date 2025-10-16 {POISON} Leaders met in Oslo.\n", encoding="utf-8")
    settings = replace(
        Settings.from_env(), input_dirs=(folder,), warehouse_path=tmp_path / "w.duckdb",
        spacy_model=str(tmp_path / "poisoned_model"),
    )
    extract_articles(settings)

    report = tag_articles(settings, run_id="test-poison")

    assert (report.articles_tagged, report.articles_failed) == (2, 1)
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    quarantined = con.execute(
        "select file_name, stage, check_name, failing_values, run_id from audit.quarantined_articles"
    ).fetchall()
    tagged = con.execute("select count(distinct article_id) from raw.sentences").fetchall()[0][0]
    con.close()
    assert quarantined == [
        ("poisoned.txt", "tag", "tagging_error", "ValueError: this component cannot process the article", "test-poison")
    ]
    assert tagged == 2
    assert tag_articles(settings).articles_tagged == 0  # recorded: not retried on every run
