"""Compacting the working file: the free blocks go, every table, view, macro and key stays, the DAG runs on."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from extract.compaction import compact_if_bloated, free_share
from tests.integration.conftest import TABLES

pytestmark = pytest.mark.integration


def contents(path: Path) -> tuple:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = con.execute("select table_schema, table_name from information_schema.tables order by 1, 2").fetchall()
        counts = {f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in tables}
        macros = con.execute("select function_name from duckdb_functions() where function_type = 'macro' and not internal").fetchall()
        keys = con.execute("select count(*) from duckdb_constraints() where constraint_type = 'PRIMARY KEY'").fetchone()
        return counts, sorted(macros), keys
    finally:
        con.close()


def test_a_small_or_tidy_file_is_left_alone(warehouse_copy) -> None:
    before = warehouse_copy.stat().st_size
    assert not compact_if_bloated(warehouse_copy).compacted  # under 64 MB: not worth a rewrite
    assert warehouse_copy.stat().st_size == before


def test_compaction_keeps_everything_and_a_rerun_works_and_adds_no_rows(warehouse_copy, run_dag) -> None:
    """Also the idempotency check of the seed pipeline: the same files run again add no row."""
    con = duckdb.connect(str(warehouse_copy))
    con.execute("create table raw.scratch as select md5(range::varchar) || md5((range * 7)::varchar) as filler"
                " from range(300000)")
    con.execute("checkpoint")
    con.execute("drop table raw.scratch")  # the blocks stay in the file, free
    con.execute("checkpoint")
    con.close()
    assert free_share(warehouse_copy) > 0.3
    before = contents(warehouse_copy)

    result = compact_if_bloated(warehouse_copy, min_free_share=0.3, min_bytes=0)

    assert result.compacted and result.bytes_after < result.bytes_before
    assert contents(warehouse_copy) == before
    rerun = run_dag(warehouse_copy)
    assert rerun.state == "success"
    counts_after = contents(warehouse_copy)[0]
    assert {t: counts_after[t] for t in TABLES} == {t: before[0][t] for t in TABLES}
    assert before[0]["raw.articles"] == 2 and before[0]["marts.fct_mentions"] > 50
