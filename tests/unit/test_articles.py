"""The article reader: a good file becomes an Article, each kind of bad file a Rejection with its reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract.articles import Article, ArticleFormatError, Rejection, parse_article, read_article, read_articles

GOOD = " date 2025-10-16 Leaders met in Budapest.\nThe talks went on.\n".encode()


def test_good_file_gives_date_and_text_without_header() -> None:
    article = parse_article(GOOD, "a.txt")
    assert article.published_date == date(2025, 10, 16)
    assert article.text == "Leaders met in Budapest.\nThe talks went on."
    assert len(article.article_id) == 16 and article.content_sha256.startswith(article.article_id)


def test_article_id_is_stable_across_line_endings_and_bom() -> None:
    windows = b"\xef\xbb\xbf" + GOOD.replace(b"\n", b"\r\n")
    assert parse_article(windows, "b.txt").article_id == parse_article(GOOD, "a.txt").article_id


def test_different_content_gives_different_id() -> None:
    other = GOOD.replace(b"Budapest", b"Vienna")
    assert parse_article(other, "c.txt").article_id != parse_article(GOOD, "a.txt").article_id


def test_header_with_date_only_keeps_body() -> None:
    article = parse_article(b"date 2024-02-29\nBody only.", "leap.txt")
    assert article.published_date == date(2024, 2, 29)
    assert article.text == "Body only."


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"Leaders met in Budapest.\n", "missing date header"),
        (b" date 16/10/2025 Leaders met.\n", "invalid date header: '16/10/2025' is not in YYYY-MM-DD form"),
        (b" date 2025-02-30 Leaders met.\n", "invalid date header: '2025-02-30' is not a calendar date"),
        (b" date 2025-10-16   \n  \n", "empty text"),
        (b" date 2025-10-16 Caf\xe9 talks\n", "not valid UTF-8: byte 0xe9 at position 20"),
    ],
)
def test_bad_input_is_named(raw: bytes, reason: str) -> None:
    with pytest.raises(ArticleFormatError) as caught:
        parse_article(raw, "bad.txt")
    assert str(caught.value).startswith(reason)


def test_read_articles_rejects_bad_files_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "1_good.txt").write_bytes(GOOD)
    (tmp_path / "2_no_header.txt").write_bytes(b"no header here")
    (tmp_path / "3_binary.bin").write_bytes(b"\x00\xff\xfe")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "4_good.txt").write_bytes(GOOD.replace(b"Budapest", b"Vienna"))
    (tmp_path / ".hidden.txt").write_bytes(b"ignored")

    outcomes = list(read_articles(tmp_path))

    assert [type(o).__name__ for o in outcomes] == ["Article", "Rejection", "Rejection", "Article"]
    rejected = {Path(o.source_path).name: o for o in outcomes if isinstance(o, Rejection)}
    assert rejected["2_no_header.txt"].reason.startswith("missing date header")
    assert rejected["3_binary.bin"].reason.startswith("not valid UTF-8: byte 0xff at position 1")
    assert rejected["2_no_header.txt"].raw_bytes == b"no header here"


def test_unreadable_file_is_rejected_not_raised(tmp_path: Path) -> None:
    folder = tmp_path / "a_folder.txt"
    folder.mkdir()  # reading a directory raises OSError, as an unreadable file does

    outcome = read_article(folder)
    assert isinstance(outcome, Rejection) and outcome.reason.startswith("unreadable file")


def test_missing_input_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        list(read_articles(tmp_path / "nope"))


def test_seed_files_parse() -> None:
    from tests.conftest import SEEDS_DIR

    articles = [o for o in read_articles(SEEDS_DIR) if isinstance(o, Article)]
    assert sorted(a.published_date for a in articles) == [date(2025, 10, 16), date(2025, 10, 17)]
