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


def test_limits_reject_future_old_and_oversized_articles() -> None:
    from extract.articles import Limits

    limits = Limits(earliest_published=date(1990, 1, 1), latest_published=date(2025, 10, 18), max_chars=60)
    future = parse_article(b" date 2031-01-01 Leaders will meet.\n", "future.txt")
    old = parse_article(b" date 1889-12-31 Leaders met.\n", "old.txt")
    long = parse_article(b" date 2025-10-16 " + b"Leaders met again. " * 5, "long.txt")
    for article, reason in [
        (future, "publication date 2031-01-01 is in the future: later than 2025-10-18"),
        (old, "publication date 1889-12-31 is implausibly old: earlier than 1990-01-01"),
        (long, "article text has 94 characters, over the limit of 60"),
    ]:
        with pytest.raises(ArticleFormatError) as caught:
            limits.check(article)
        assert str(caught.value).startswith(reason)
    limits.check(parse_article(GOOD, "a.txt"))  # inside every limit: no error


def test_scan_names_every_entry_it_cannot_read(tmp_path: Path) -> None:
    import os

    from extract.articles import scan

    (tmp_path / "good.txt").write_bytes(GOOD)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "linked.txt").symlink_to(tmp_path / "good.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back_up").symlink_to(tmp_path)
    os.mkfifo(tmp_path / "queue")

    found = {entry.path.relative_to(tmp_path).as_posix(): entry.problem for entry in scan(tmp_path)}

    assert found == {
        "dangling.txt": f"dangling symlink: its target {tmp_path / 'nowhere.txt'} does not exist",
        "good.txt": None,
        "linked.txt": None,
        "queue": "not a regular file (fifo): not read",
        "self.txt": "symlink loop: the link points back at itself",
        "sub/back_up": "symlink loop: this folder was already read through another path",
    }


def test_scan_gives_size_and_time_to_skip_unchanged_files(tmp_path: Path) -> None:
    from extract.articles import scan

    path = tmp_path / "a.txt"
    path.write_bytes(GOOD)
    (entry,) = scan(tmp_path)
    assert (entry.size, entry.modified_ns) == (len(GOOD), path.stat().st_mtime_ns)


def test_a_folders_readme_is_not_an_article(tmp_path: Path) -> None:
    from extract.articles import scan

    (tmp_path / "a.txt").write_bytes(GOOD)
    (tmp_path / "README.md").write_text("# what these articles are\n")
    (tmp_path / "readme.txt").write_text("notes\n")
    (tmp_path / "readme_first.txt").write_bytes(b"no header")  # only the README name itself is skipped
    assert [entry.path.name for entry in scan(tmp_path)] == ["a.txt", "readme_first.txt"]
