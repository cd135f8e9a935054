"""The published warehouse in DuckLake: a Postgres catalog and Parquet data files.

The embedded mode publishes to one DuckDB file. A team with many readers (BI tools on
other machines, notebooks, several pipelines' consumers) sets ``NEWSWIRE_DUCKLAKE`` to a
catalog connection string instead, e.g. ``postgres:dbname=newswire_lake host=db port=5432``,
and ``NEWSWIRE_DUCKLAKE_DATA_PATH`` to where the Parquet files go (a folder here, an
``s3://`` prefix in production). Publishing is one DuckLake transaction, so readers see
the previous snapshot or the new one, never a mix, and never take a lock on the writer.

DuckDB downloads extensions from its own server at run time, which is unreachable here:
the ducklake and postgres extensions come from the PyPI packages ``duckdb-ext-ducklake``
and ``duckdb-ext-postgres`` (the ``distributed`` extra), loaded from site-packages with
automatic installation switched off, so nothing is fetched at run time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

CATALOG = "newswire"
"""The name the lake is attached under: readers query ``newswire.marts.fct_mentions``."""

SNAPSHOT_RETENTION = "7 days"
"""Older snapshots are expired after each publication, and their unreferenced files removed."""


class DuckLakeUnavailable(RuntimeError):
    """The DuckLake extensions are not installed in this environment."""


def extension_directory() -> Path:
    """The folder the ``duckdb-ext-*`` packages install their extension files under."""
    try:
        import duckdb_ext  # type: ignore[import-not-found]  # namespace package of duckdb-ext-ducklake
    except ImportError as err:
        raise DuckLakeUnavailable(
            "NEWSWIRE_DUCKLAKE is set but the DuckLake extensions are not installed: use the distributed"
            " venv (make run-distributed builds .venv-dist from the 'distributed' extra of pyproject.toml)"
        ) from err
    return Path(next(iter(duckdb_ext.__path__))) / "extensions"


def attach_sql(catalog: str, data_path: str, read_only: bool = False, alias: str = CATALOG) -> str:
    """The ATTACH statement of the lake (ATTACH takes no parameters, so quotes are escaped here)."""
    options = [f"data_path '{_quoted(data_path)}'"] if not read_only else []
    if read_only:
        options.append("read_only")
    return f"attach 'ducklake:{_quoted(catalog)}' as {alias} ({', '.join(options)})"


@contextmanager
def connect(catalog: str, data_path: str, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB with the lake attached as ``newswire``; always closed."""
    con = duckdb.connect(
        config={"extension_directory": str(extension_directory()), "autoinstall_known_extensions": False}
    )
    try:
        con.execute("load ducklake")
        con.execute("load postgres")
        if not read_only and "://" not in data_path:
            Path(data_path).mkdir(parents=True, exist_ok=True)
        con.execute(attach_sql(catalog, data_path, read_only))
        yield con
    finally:
        con.close()


def expire_old_snapshots(con: duckdb.DuckDBPyConnection) -> None:
    """Keep a week of time travel; beyond it, snapshots and the files only they used go."""
    con.execute(f"call ducklake_expire_snapshots('{CATALOG}', older_than => now() - interval '{SNAPSHOT_RETENTION}')")
    con.execute(f"call ducklake_cleanup_old_files('{CATALOG}', older_than => now() - interval '{SNAPSHOT_RETENTION}')")


def _quoted(value: str) -> str:
    return value.replace("'", "''")
