"""Quarantine: one bad article is set aside with its reason, the rest of the batch is published.

An article is quarantined when a row-level check fails on it (a validation stage) or when
the NLP stage cannot process it. Its row in ``audit.quarantined_articles`` names the
article, its file, the stage, the check and the failing values; while the row is active
(``released_at`` null) the article is left out of ``raw.live_articles`` and so out of every
staging view and mart. An operator releases it with the ``reprocess_articles`` DAG param
(see ``extract.operations``), which re-tags and re-validates it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QuarantineEntry:
    """Why one article is set aside: where it failed, which check, with which values."""

    article_id: str
    stage: str
    check: str
    failing_values: Sequence[Mapping[str, Any]] | str


def quarantine(
    con: duckdb.DuckDBPyConnection, entries: Sequence[QuarantineEntry], run_id: str
) -> list[str]:
    """Record the entries (one row each) and return the ids of articles newly set aside.

    An article already under active quarantine gets another row (a second reason) but is
    not counted again.
    """
    if not entries:
        return []
    frame = pd.DataFrame(
        {
            "article_id": [e.article_id for e in entries],
            "stage": [e.stage for e in entries],
            "check_name": [e.check for e in entries],
            "failing_values": [
                e.failing_values if isinstance(e.failing_values, str) else json.dumps(list(e.failing_values), default=str)
                for e in entries
            ],
        }
    )
    already = active_ids(con)
    con.register("new_quarantine", frame)
    con.execute(
        """
        insert into audit.quarantined_articles
            (article_id, file_name, source_path, stage, check_name, failing_values, run_id, quarantined_at)
        select n.article_id, a.file_name, a.source_path, n.stage, n.check_name, n.failing_values, ?, current_timestamp
        from new_quarantine n
        left join (
            select article_id, source_path, regexp_extract(source_path, '[^/]+$') as file_name from raw.articles
        ) a using (article_id)
        """,
        [run_id],
    )
    con.unregister("new_quarantine")
    newly = sorted({e.article_id for e in entries} - already)
    files = file_names(con, newly)
    for entry in entries:
        if entry.article_id in newly:
            log.warning(
                "quarantined article %s (file %s) at stage %s: check %s failed on %s",
                entry.article_id, files.get(entry.article_id), entry.stage, entry.check, entry.failing_values,
            )
    return newly


def active_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Articles under active quarantine."""
    rows = con.execute("select distinct article_id from audit.quarantined_articles where released_at is null")
    return {r[0] for r in rows.fetchall()}


def release(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], run_id: str) -> int:
    """End the active quarantine of these articles; returns how many rows were released."""
    if not article_ids:
        return 0
    return con.execute(
        "update audit.quarantined_articles set released_at = current_timestamp, released_by_run = ?"
        " where released_at is null and article_id in (select unnest(?::varchar[]))",
        [run_id, list(article_ids)],
    ).fetchall()[0][0]


def file_names(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> dict[str, str]:
    """The file each article was read from, so logs and failing rows name it, not only its hash."""
    if not article_ids:
        return {}
    rows = con.execute(
        "select article_id, source_path from raw.articles where article_id in (select unnest(?::varchar[]))",
        [list(article_ids)],
    ).fetchall()
    return {article_id: Path(path).name for article_id, path in rows}
