"""Write-audit-publish: what users and BI tools read is a copy made only after validation passed.

The pipeline writes and validates the working warehouse (``warehouse/newswire.duckdb``);
``publish`` then copies the user-facing schemas (marts, the reference seeds and the
audit results) into ``warehouse/published/newswire.duckdb``. The copy is built in a
temporary file and moved into place atomically, so readers see the old data or the new,
never half of it, and a run that fails validation never reaches this step: the last good
published data stay untouched. Readers also never lock the file the pipeline writes.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import duckdb

from extract.config import Settings

log = logging.getLogger(__name__)

PUBLISHED_SCHEMAS = ("marts", "reference", "audit")


@dataclass(frozen=True)
class PublishReport:
    path: str
    tables: int

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "tables": self.tables}


def publish(settings: Settings) -> PublishReport:
    """Copy the validated marts into the published file, atomically."""
    target = settings.published_path
    target.parent.mkdir(parents=True, exist_ok=True)
    staging_file = target.with_name(target.name + ".tmp")
    staging_file.unlink(missing_ok=True)
    con = duckdb.connect()  # in memory: the working file is attached read-only, the new file read-write
    try:
        con.execute(f"attach '{settings.warehouse_path}' as working (read_only)")
        con.execute(f"attach '{staging_file}' as published")
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_catalog = 'working' and table_schema in ?"
            " and table_type = 'BASE TABLE' order by 1, 2",
            [list(PUBLISHED_SCHEMAS)],
        ).fetchall()
        for schema in sorted({schema for schema, _ in tables}):
            con.execute(f"create schema published.{schema}")
        for schema, table in tables:
            con.execute(f"create table published.{schema}.{table} as select * from working.{schema}.{table}")
        con.execute("detach published")
    finally:
        con.close()
    os.replace(staging_file, target)
    log.info("published %d tables to %s", len(tables), target)
    return PublishReport(str(target), len(tables))
