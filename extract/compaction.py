"""Give the working file's free space back to the disk when rebuilds have left much of it.

Every run rebuilds the dbt tables; DuckDB reuses the freed blocks but never shrinks the file.
When more than ``min_free_share`` of the file's blocks are free (and the file is large enough
to matter), the file is rewritten with ``COPY FROM DATABASE`` into a fresh file beside it,
which then replaces it atomically: schemas, tables with their constraints, views and macros
come across; the free blocks do not. Runs after publish, so readers (who use the published
file) never notice, and a crash mid-copy leaves the old file in place.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from extract.warehouse import sql_path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Compaction:
    compacted: bool
    bytes_before: int
    bytes_after: int
    free_share: float


def free_share(path: Path) -> float:
    """Share of the file's blocks that are free (``PRAGMA database_size``)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        total, free = con.execute("select total_blocks, free_blocks from pragma_database_size()").fetchone()
    finally:
        con.close()
    return free / total if total else 0.0


def compact_if_bloated(path: Path, min_free_share: float = 0.4, min_bytes: int = 64 * 2**20) -> Compaction:
    """Rewrite the file without its free blocks if they are over ``min_free_share`` of it."""
    before = path.stat().st_size
    share = free_share(path)
    if before < min_bytes or share < min_free_share:
        return Compaction(False, before, before, share)
    fresh = path.with_name(path.stem + ".compacting" + path.suffix)
    fresh.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        con.execute(f"attach '{sql_path(path)}' as old_file (read_only)")
        con.execute(f"attach '{sql_path(fresh)}' as new_file")
        con.execute("copy from database old_file to new_file")
        con.execute("detach old_file")
        con.execute("detach new_file")
    finally:
        con.close()
    os.replace(fresh, path)
    after = path.stat().st_size
    log.info("compacted %s: %.1f MB -> %.1f MB (%.0f%% of its blocks were free)", path, before / 2**20,
             after / 2**20, share * 100)
    return Compaction(True, before, after, share)
