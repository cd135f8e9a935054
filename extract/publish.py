"""Write-audit-publish: what users and BI tools read is a copy made only after validation passed.

The pipeline writes and validates the working warehouse (``warehouse/newswire.duckdb``);
``publish`` then copies the user-facing schemas (marts, the reference seeds and the
audit results) into ``warehouse/published/newswire.duckdb``. The copy is built in a
temporary file and moved into place atomically, so readers see the old data or the new,
never half of it, and a run that fails validation never reaches this step: the last good
published data stay untouched. Readers also never lock the file the pipeline writes.

Everything the README tells users to query is in the published file: the marts, the
reference seeds, the audit (validation results, quarantined, removed and rejected articles,
operator actions, publications) and the ``newswire_name_key`` macro.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone

import duckdb

from extract import warehouse
from extract.config import Settings

log = logging.getLogger(__name__)

PUBLISHED_SCHEMAS = ("marts", "reference", "audit")

READER_MACROS = ("newswire_name_key",)
"""SQL macros users are told to call (README), recreated in the published file."""

REJECTED_FOR_READERS = """
create table published.audit.rejected_articles as
select source_path, file_name, reason, content_sha256, octet_length(raw_bytes) as byte_size,
       rejected_at, last_seen_run_id, last_seen_at
from working.raw.rejected_articles
"""
"""Rejected files, for readers: everything but the bytes (they stay in raw.rejected_articles)."""


@dataclass(frozen=True)
class PublishReport:
    path: str
    tables: int
    articles: int

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "tables": self.tables, "articles": self.articles}


def publish(settings: Settings, run_id: str = "manual") -> PublishReport:
    """Copy the validated marts, reference data and audit into the published file, atomically.

    The run's publication is recorded in ``audit.publications`` of both files: articles tagged
    after it are the ones the next run validates row by row.
    """
    target = settings.published_path
    target.parent.mkdir(parents=True, exist_ok=True)
    staging_file = target.with_name(target.name + ".tmp")
    staging_file.unlink(missing_ok=True)
    published_at = datetime.now(timezone.utc)
    con = duckdb.connect()  # in memory: the working file is attached read-only, the new file read-write
    try:
        con.execute(f"attach '{warehouse.sql_path(settings.warehouse_path)}' as working (read_only)")
        con.execute(f"attach '{warehouse.sql_path(staging_file)}' as published")
        tables = _copy_schemas(con)
        con.execute(REJECTED_FOR_READERS)
        _copy_macros(con)
        articles = con.execute("select count(*) from published.marts.dim_articles").fetchall()[0][0]
        publication = [run_id, published_at, str(target), articles, len(tables) + 1]
        con.execute("insert into published.audit.publications values (?, ?, ?, ?, ?)", publication)
        con.execute("detach published")
    finally:
        con.close()
    os.replace(staging_file, target)
    with warehouse.connect(settings.warehouse_path) as working:
        working.execute("insert into audit.publications values (?, ?, ?, ?, ?)", publication)
    log.info("published %d tables (%d articles) to %s", len(tables) + 1, articles, target)
    return PublishReport(str(target), len(tables) + 1, articles)


def _copy_schemas(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
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
    return tables


def _copy_macros(con: duckdb.DuckDBPyConnection) -> None:
    for name in READER_MACROS:
        found = con.execute(
            "select parameters, macro_definition from duckdb_functions()"
            " where database_name = 'working' and schema_name = 'main' and function_name = ?",
            [name],
        ).fetchall()
        if found:
            parameters, definition = found[0]
            con.execute(f"create macro published.main.{name}({', '.join(parameters)}) as {definition}")
