"""Helpers for tests that break a copy of a warehouse on purpose and validate it."""

from __future__ import annotations

from pathlib import Path

import duckdb

from extract.config import Settings


def damage(warehouse: Path, sql: str) -> None:
    """Run one statement against a (copied) warehouse file."""
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(sql)
    finally:
        con.close()


def settings_for(warehouse: Path) -> Settings:
    """Settings of a run writing this warehouse file."""
    return Settings.from_params({"warehouse_path": str(warehouse)})
