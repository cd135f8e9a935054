"""Reading article files and telling good ones from bad ones.

The seed format is a text file whose first line starts `` date YYYY-MM-DD `` (the
publication date) followed by the lede; the body follows on the next lines.

A file that cannot become an article is never dropped: ``read_articles`` yields a
``Rejection`` carrying the file's bytes and a reason a person can act on, and the
batch goes on with the next file.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

log = logging.getLogger(__name__)

HEADER = re.compile(r"^[ \t]*date[ \t]+(?P<date>\S+)[ \t]*(?P<lede>.*)$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NOT_ARTICLES = re.compile(r"^readme(\.[a-z]+)?$", re.IGNORECASE)
"""A folder's README (README, README.md, readme.txt) describes the articles; it is not read as one."""


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


@dataclass(frozen=True)
class Limits:
    """What an article may be: its publication date inside a plausible window, its text not too long.

    Decided at extract, where the facts are known, so a file dated in the future or too
    long for the NLP model never reaches the warehouse (it is rejected with the reason).
    """

    earliest_published: date = date(1990, 1, 1)
    latest_published: date = date.max
    max_chars: int = 1_000_000

    def check(self, article: Article) -> None:
        """Raise ArticleFormatError naming the limit an article breaks."""
        if article.published_date > self.latest_published:
            raise ArticleFormatError(
                f"publication date {article.published_date} is in the future: later than "
                f"{self.latest_published} (today + NEWSWIRE_MAX_DAYS_IN_FUTURE)"
            )
        if article.published_date < self.earliest_published:
            raise ArticleFormatError(
                f"publication date {article.published_date} is implausibly old: earlier than "
                f"{self.earliest_published} (NEWSWIRE_EARLIEST_PUBLISHED_DATE)"
            )
        if len(article.text) > self.max_chars:
            raise ArticleFormatError(
                f"article text has {len(article.text):,} characters, over the limit of {self.max_chars:,} "
                "(NEWSWIRE_MAX_ARTICLE_CHARS, the NLP model's maximum length)"
            )


@dataclass(frozen=True)
class SourceFile:
    """One entry found under an input folder: a regular file to read, or a problem to reject.

    ``size`` and ``modified_ns`` let extract skip files it has already loaded unchanged.
    """

    path: Path
    size: int = 0
    modified_ns: int = 0
    problem: str | None = None


def scan(input_dir: Path) -> Iterator[SourceFile]:
    """Every entry under input_dir but hidden files and READMEs, in a stable order.

    Regular files (and symlinks to them) are to be read. Dangling symlinks, symlink loops,
    special files (fifos, sockets, devices: reading one could block the run) and folders
    that cannot be listed come back with a ``problem`` so extract rejects them with a row.
    Folders reached twice through symlinks are listed once.
    """
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder {input_dir} does not exist or is not a folder")
    yield from sorted(_walk(input_dir, set()), key=lambda entry: str(entry.path))


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[SourceFile]:
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:
            yield SourceFile(folder, problem="symlink loop: this folder was already read through another path")
            return
        seen.add((info.st_dev, info.st_ino))
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        yield SourceFile(folder, problem=f"unreadable folder: {err.strerror or err}")
        return
    for entry in entries:
        if entry.name.startswith(".") or NOT_ARTICLES.match(entry.name):
            continue
        path = Path(entry.path)
        try:
            info = path.stat()  # follows symlinks
        except OSError as err:
            yield SourceFile(path, problem=_broken_link_reason(path, err))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, seen)
        elif stat.S_ISREG(info.st_mode):
            yield SourceFile(path, info.st_size, info.st_mtime_ns)
        else:
            yield SourceFile(path, problem=f"not a regular file ({_file_kind(info.st_mode)}): not read")


def _broken_link_reason(path: Path, err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symlink loop: the link points back at itself"
    if path.is_symlink() and err.errno == errno.ENOENT:
        return f"dangling symlink: its target {os.readlink(path)} does not exist"
    return f"unreadable file: {err.strerror or err}"


def _file_kind(mode: int) -> str:
    kinds = {stat.S_ISFIFO: "fifo", stat.S_ISSOCK: "socket", stat.S_ISCHR: "character device", stat.S_ISBLK: "block device"}
    return next((name for test, name in kinds.items() if test(mode)), "special file")


def read_article(path: Path, limits: Limits | None = None) -> Article | Rejection:
    """Read one file; any problem becomes a Rejection rather than an exception."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        return Rejection(str(path), f"unreadable file: {err.strerror or err}", "", b"")
    try:
        article = parse_article(raw, str(path))
        if limits is not None:
            limits.check(article)
        return article
    except ArticleFormatError as err:
        return Rejection(str(path), str(err), hashlib.sha256(raw).hexdigest(), raw)


def read_articles(input_dir: Path, limits: Limits | None = None) -> Iterator[Article | Rejection]:
    """Read every file under input_dir, logging each rejection as it happens."""
    for source in scan(input_dir):
        outcome = read_source(source, limits)
        if isinstance(outcome, Rejection):
            log.warning("rejected %s: %s", source.path, outcome.reason)
        yield outcome


def read_source(source: SourceFile, limits: Limits | None = None) -> Article | Rejection:
    """An entry found by ``scan``: its article, or the rejection its problem or its content earns."""
    if source.problem is not None:
        return Rejection(str(source.path), source.problem, "", b"")
    return read_article(source.path, limits)
