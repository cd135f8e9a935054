"""Reading article files and telling good ones from bad ones.

The seed format is a text file whose first line starts `` date YYYY-MM-DD `` (the
publication date) followed by the lede; the body follows on the next lines.

A file that cannot become an article is never dropped: ``read_articles`` yields a
``Rejection`` carrying the file's bytes and a reason a person can act on, and the
batch goes on with the next file.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

log = logging.getLogger(__name__)

HEADER = re.compile(r"^[ \t]*date[ \t]+(?P<date>\S+)[ \t]*(?P<lede>.*)$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ArticleFormatError(ValueError):
    """The file is not an article in a format we can read; the message says why."""


@dataclass(frozen=True)
class Article:
    """One readable article. Character offsets downstream index into ``text``."""

    article_id: str
    source_path: str
    published_date: date
    text: str
    content_sha256: str


@dataclass(frozen=True)
class Rejection:
    """A file that could not become an article, kept with its bytes and the reason."""

    source_path: str
    reason: str
    content_sha256: str
    raw_bytes: bytes


def normalise(text: str) -> str:
    """Canonical form used for hashing and offsets: NFC, LF line ends, no BOM, no trailing blanks.

    Two copies of one article that differ only in encoding details get one article_id.
    """
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def decode(raw: bytes) -> str:
    """Decode UTF-8, turning the codec's error into a reason that names the byte and its position."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = raw[err.start : err.start + 1].hex()
        raise ArticleFormatError(
            f"not valid UTF-8: byte 0x{bad} at position {err.start} cannot be decoded"
        ) from err


def parse_article(raw: bytes, source_path: str) -> Article:
    """Turn a file's bytes into an Article, or raise ArticleFormatError saying what is wrong."""
    if not raw.strip():
        raise ArticleFormatError("empty file")
    content = normalise(decode(raw))
    first_line, _, body = content.partition("\n")
    header = HEADER.match(first_line)
    if header is None:
        raise ArticleFormatError(
            "missing date header: the first line must start with 'date YYYY-MM-DD'"
        )
    published_date = parse_date(header["date"])
    text = "\n".join(part for part in (header["lede"].strip(), body.strip("\n")) if part)
    if not text.strip():
        raise ArticleFormatError("empty text: the file has a date header but no article text")
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    return Article(
        article_id=digest[:16],
        source_path=source_path,
        published_date=published_date,
        text=text,
        content_sha256=digest,
    )


def parse_date(value: str) -> date:
    """Parse the header's YYYY-MM-DD date, naming the bad value when it is not one."""
    if not ISO_DATE.match(value):
        raise ArticleFormatError(f"invalid date header: {value!r} is not in YYYY-MM-DD form")
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise ArticleFormatError(f"invalid date header: {value!r} is not a calendar date ({err})") from err


def article_files(input_dir: Path) -> list[Path]:
    """Every regular, non-hidden file under input_dir, in a stable order.

    All files are taken, not only ``*.txt``: a file of the wrong kind is rejected with a
    reason rather than silently ignored.
    """
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder {input_dir} does not exist or is not a folder")
    return sorted(
        path
        for path in input_dir.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(input_dir).parts)
    )


def read_article(path: Path) -> Article | Rejection:
    """Read one file; any problem becomes a Rejection rather than an exception."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        return Rejection(str(path), f"unreadable file: {err.strerror or err}", "", b"")
    try:
        return parse_article(raw, str(path))
    except ArticleFormatError as err:
        return Rejection(str(path), str(err), hashlib.sha256(raw).hexdigest(), raw)


def read_articles(input_dir: Path) -> Iterator[Article | Rejection]:
    """Read every file under input_dir, logging each rejection as it happens."""
    for path in article_files(input_dir):
        outcome = read_article(path)
        if isinstance(outcome, Rejection):
            log.warning("rejected %s: %s", path, outcome.reason)
        yield outcome
