"""The landing folder: which dropped files the warehouse has not seen yet.

The warehouse is the record of what was taken in: a file is seen when ``raw.article_sources``
holds its path with the same size and modification time (extract would skip it), or when
``raw.rejected_articles`` rejected that path after the file last changed. Anything else in the
folder is new, and a run of ``newswire_etl`` on the folder reads exactly those files.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from extract import warehouse as warehouse_db
from extract.articles import scan

log = logging.getLogger(__name__)




@dataclass(frozen=True)
class InboxState:
    new_files: tuple[str, ...]
    busy: bool  # the pipeline holds the warehouse: look again later

    @property
    def ready(self) -> bool:
        return bool(self.new_files) and not self.busy


def inbox_state(inbox: Path, warehouse: Path) -> InboxState:
    """The inbox's files the warehouse has not taken in (loaded or rejected)."""
    inbox.mkdir(parents=True, exist_ok=True)
    files = [source for source in scan(inbox) if source.problem is None]
    if not files:
        return InboxState((), busy=False)
    if not warehouse.exists():
        return InboxState(tuple(str(f.path) for f in files), busy=False)
    try:
        with warehouse_db.connect(warehouse, read_only=True) as con:
            loaded = warehouse_db.known_sources(con)
            rejected = dict(
                con.execute("select source_path, max(rejected_at) from raw.rejected_articles group by 1").fetchall()
            )
    except duckdb.IOException as err:  # the pipeline is writing: DuckDB has one writer
        log.info("inbox: the warehouse is busy (%s); looking again later", err)
        return InboxState((), busy=True)
    except duckdb.CatalogException:  # a warehouse from before the first extract
        loaded, rejected = {}, {}
    new = []
    for source in files:
        path = str(source.path)
        if loaded.get(path) == (source.size, source.modified_ns):
            continue
        changed = datetime.fromtimestamp(source.modified_ns / 1e9, tz=UTC)
        if path in rejected and rejected[path] >= changed:
            continue
        new.append(path)
    log.info("inbox %s: %d files, %d new", inbox, len(files), len(new))
    return InboxState(tuple(new), busy=False)


def run_id_for(files: list[str]) -> str:
    """A DAG run id naming these files as they are now (path, size, modification time)."""
    digest = hashlib.sha1()
    for path in sorted(files):
        info = Path(path).stat() if Path(path).exists() else None
        digest.update(f"{path}\0{info.st_size if info else -1}\0{info.st_mtime_ns if info else -1}\n".encode())
    return f"inbox__{len(files)}_files__{digest.hexdigest()[:12]}"
