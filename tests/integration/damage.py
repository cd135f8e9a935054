"""Helpers for tests that break a copy of a warehouse on purpose and validate it."""

from __future__ import annotations

from pathlib import Path

import duckdb

from extract.config import Settings


def damage(warehouse: Path, sql: str, params: list | None = None) -> None:
    """Run one statement against a (copied) warehouse file."""
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(sql, params or [])
    finally:
        con.close()


def make_pending(warehouse: Path, article_id: str | None = None) -> None:
    """Mark an article (or all) as tagged after the last publication: the next validation's row checks see it."""
    where = "" if article_id is None else " where article_id = ?"
    damage(
        warehouse,
        "update raw.tagged_articles set tagged_at = current_timestamp + interval 1 second" + where,
        [] if article_id is None else [article_id],
    )


def article_of_file(warehouse: Path, file_name: str) -> str:
    """The article_id of the current version of the article read from a file of this name."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(
            "select article_id from raw.articles where source_path like ? order by superseded_at nulls first",
            [f"%/{file_name}"],
        ).fetchall()[0][0]
    finally:
        con.close()


def settings_for(warehouse: Path) -> Settings:
    """Settings of a run writing this warehouse file."""
    return Settings.from_params({"warehouse_path": str(warehouse)})
