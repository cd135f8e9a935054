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
from datetime import UTC, datetime
from typing import Any

import duckdb

from extract import warehouse
from extract.config import Settings

log = logging.getLogger(__name__)

PUBLISHED_SCHEMAS = ("marts", "reference", "audit")

READER_MACROS = ("newswire_name_key",)
"""SQL macros users are told to call (README), recreated in the published file."""

REJECTED_FOR_READERS = """
create table {published}.audit.rejected_articles as
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
    """Copy the validated marts, reference data and audit to where readers read them, atomically.

    That is the published DuckDB file, or the DuckLake catalog when ``NEWSWIRE_DUCKLAKE`` is
    set. The run's publication is recorded in ``audit.publications`` of both the published
    copy and the working file: articles tagged after it are the ones the next run validates
    row by row.
    """
    if settings.ducklake_catalog:
        return _publish_to_lake(settings, run_id)
    return _publish_to_file(settings, run_id)


def _publish_to_file(settings: Settings, run_id: str) -> PublishReport:
    """A new file built beside the old one, then moved over it (``os.replace`` is atomic)."""
    target = settings.published_path
    target.parent.mkdir(parents=True, exist_ok=True)
    staging_file = target.with_name(target.name + ".tmp")
    staging_file.unlink(missing_ok=True)
    con = duckdb.connect()  # in memory: the working file is attached read-only, the new file read-write
    try:
        con.execute(f"attach '{warehouse.sql_path(settings.warehouse_path)}' as working (read_only)")
        con.execute(f"attach '{warehouse.sql_path(staging_file)}' as published")
        publication = _fill(con, run_id, str(target))
        _copy_macros(con)
        con.execute("detach published")
    finally:
        con.close()
    os.replace(staging_file, target)
    return _recorded(settings, publication)


def _publish_to_lake(settings: Settings, run_id: str) -> PublishReport:
    """One DuckLake transaction replaces every published table: readers keep the old snapshot until it commits."""
    from extract import ducklake

    assert settings.ducklake_catalog is not None
    with ducklake.connect(settings.ducklake_catalog, settings.ducklake_data_path) as con:
        con.execute(f"attach '{warehouse.sql_path(settings.warehouse_path)}' as working (read_only)")
        con.execute("begin")
        _drop_published_tables(con, ducklake.CATALOG)
        publication = _fill(con, run_id, f"ducklake:{ducklake.CATALOG}", published=ducklake.CATALOG)
        con.execute("commit")
        ducklake.expire_old_snapshots(con)  # DuckLake has no functions: readers define newswire_name_key themselves
    return _recorded(settings, publication)


def _fill(con: duckdb.DuckDBPyConnection, run_id: str, target: str, published: str = "published") -> list[Any]:
    """Copy the readers' schemas from ``working`` into the catalog ``published``; returns the publication row."""
    tables = _copy_schemas(con, published)
    con.execute(REJECTED_FOR_READERS.format(published=published))
    articles = con.execute(f"select count(*) from {published}.marts.dim_articles").fetchall()[0][0]
    publication = [run_id, datetime.now(UTC), target, articles, len(tables) + 1]
    con.execute(f"insert into {published}.audit.publications values (?, ?, ?, ?, ?)", publication)
    return publication


def _recorded(settings: Settings, publication: list[Any]) -> PublishReport:
    """Record the publication in the working file too, and report it."""
    with warehouse.connect(settings.warehouse_path) as working:
        working.execute("insert into audit.publications values (?, ?, ?, ?, ?)", publication)
    _, _, target, articles, tables = publication
    log.info("published %d tables (%d articles) to %s", tables, articles, target)
    return PublishReport(str(target), tables, articles)


def _copy_schemas(con: duckdb.DuckDBPyConnection, published: str = "published") -> list[tuple[str, str]]:
    tables = con.execute(
        "select table_schema, table_name from information_schema.tables"
        " where table_catalog = 'working' and table_schema in ?"
        " and table_type = 'BASE TABLE' order by 1, 2",
        [list(PUBLISHED_SCHEMAS)],
    ).fetchall()
    for schema in sorted({schema for schema, _ in tables}):
        con.execute(f"create schema if not exists {published}.{schema}")
    for schema, table in tables:
        con.execute(f"create table {published}.{schema}.{table} as select * from working.{schema}.{table}")
    return tables


def _drop_published_tables(con: duckdb.DuckDBPyConnection, published: str) -> None:
    """Empty the readers' schemas of a catalog that outlives runs (the lake), inside the caller's transaction."""
    for schema, table in con.execute(
        "select table_schema, table_name from information_schema.tables"
        " where table_catalog = ? and table_schema in ?",
        [published, list(PUBLISHED_SCHEMAS)],
    ).fetchall():
        con.execute(f"drop table {published}.{schema}.{table}")


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
