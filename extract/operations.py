"""What an operator can do without SQL: re-process quarantined articles, remove an article.

Both are DAG-run params of ``newswire_etl`` (``reprocess_articles``, ``remove_articles``),
applied by the run's first task; the rest of the run then re-tags, re-validates, rebuilds
the marts and publishes. A target is an article id, a file name or a file path; the word
``quarantined`` (for reprocess) means every article under active quarantine. Every action
is logged in ``audit.operator_actions``.

- **reprocess**: releases the article's quarantine and forgets its tagging, so this run
  tags it with the current code and validates it again. A rejected file is read again.
  A removed article is restored: its file is read again at the next extract.
- **remove**: deletes every row of the article in every raw table (the marts follow at this
  run's dbt build) and leaves a tombstone in ``audit.removed_articles``, so the file still in
  the input folder is not loaded again. A rejected file's row is deleted too.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from extract import quarantine, warehouse
from extract.errors import PermanentError

log = logging.getLogger(__name__)

ALL_QUARANTINED = "quarantined"


class UnknownTargetError(PermanentError, ValueError):
    """An operator named an article or file the warehouse does not know; nothing was changed."""


@dataclass(frozen=True)
class Target:
    """One article (or rejected file) an operator request resolved to."""

    given: str
    article_id: str | None
    source_path: str | None


@dataclass(frozen=True)
class OperationsReport:
    reprocessed: int
    removed: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def apply_requests(
    warehouse_path: Path, reprocess: Sequence[str], remove: Sequence[str], run_id: str
) -> OperationsReport:
    """Apply the run's operator requests in one transaction (all or nothing)."""
    reprocess = [t.strip() for t in reprocess if t and t.strip()]
    remove = [t.strip() for t in remove if t and t.strip()]
    if not reprocess and not remove:
        return OperationsReport(0, 0)
    with warehouse.connect(warehouse_path) as con:
        con.execute("begin transaction")
        try:
            to_reprocess = resolve(con, reprocess, allow_all_quarantined=True)
            to_remove = resolve(con, remove)
            for target in to_reprocess:
                reprocess_one(con, target, run_id)
            for target in to_remove:
                remove_one(con, target, run_id)
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
    log.info("operator requests applied: %d reprocessed, %d removed", len(to_reprocess), len(to_remove))
    return OperationsReport(len(to_reprocess), len(to_remove))


def resolve(con: duckdb.DuckDBPyConnection, given: Sequence[str], allow_all_quarantined: bool = False) -> list[Target]:
    """Each target as the articles (or rejected files) it names; unknown targets raise with the full list."""
    targets: list[Target] = []
    unknown: list[str] = []
    for text in given:
        if allow_all_quarantined and text == ALL_QUARANTINED:
            targets.extend(Target(text, a, None) for a in sorted(quarantine.active_ids(con)))
            continue
        found = _matching(con, text)
        if not found:
            unknown.append(text)
        targets.extend(found)
    if unknown:
        raise UnknownTargetError(
            "no article or rejected file matches "
            + ", ".join(repr(t) for t in unknown)
            + ": give an article_id (16 hex characters, see marts.dim_articles or audit.quarantined_articles),"
            " a file name or a file path; nothing was changed"
        )
    return list({(t.article_id, t.source_path): t for t in targets}.values())


def _matching(con: duckdb.DuckDBPyConnection, text: str) -> list[Target]:
    name_or_path = "(source_path = $t or regexp_extract(source_path, '[^/]+$') = $t)"
    articles = con.execute(
        f"""
        select distinct article_id from raw.articles where article_id = $t or {name_or_path}
        union
        select distinct article_id from raw.article_sources where {name_or_path}
        union
        select distinct article_id from audit.removed_articles
        where restored_at is null and (article_id = $t or {name_or_path})
        """,
        {"t": text},
    ).fetchall()
    rejected = con.execute(
        f"select distinct source_path from raw.rejected_articles where {name_or_path}", {"t": text}
    ).fetchall()
    return [Target(text, a, None) for (a,) in articles] + [Target(text, None, p) for (p,) in rejected]


def reprocess_one(con: duckdb.DuckDBPyConnection, target: Target, run_id: str) -> None:
    if target.article_id is None:
        con.execute("delete from raw.rejected_articles where source_path = ?", [target.source_path])
        _log(con, run_id, "reprocess", target, "rejected file will be read again at extract")
        return
    released = quarantine.release(con, [target.article_id], run_id)
    con.execute("delete from raw.tagged_articles where article_id = ?", [target.article_id])
    restored = con.execute(
        "update audit.removed_articles set restored_at = current_timestamp"
        " where article_id = ? and restored_at is null",
        [target.article_id],
    ).fetchall()[0][0]
    detail = f"released {released} quarantine row(s); will be re-tagged and re-validated"
    if restored:
        # Removal deleted its rows and its raw.article_sources entry, so extract reads the file again.
        detail = "restored after removal; its file will be read again at extract"
    _log(con, run_id, "reprocess", target, detail)


def remove_one(con: duckdb.DuckDBPyConnection, target: Target, run_id: str) -> None:
    if target.article_id is None:
        con.execute("delete from raw.rejected_articles where source_path = ?", [target.source_path])
        _log(con, run_id, "remove", target, "rejected file's row deleted")
        return
    article = con.execute(
        "select source_path, content_sha256 from raw.articles where article_id = ?", [target.article_id]
    ).fetchall()
    if not article:  # already removed: nothing left to delete
        _log(con, run_id, "remove", target, "already removed")
        return
    source_path, sha = article[0]
    deleted = 0
    for table in (*warehouse.NLP_TABLES, "raw.article_sources", "audit.quarantined_articles", "raw.articles"):
        deleted += con.execute(f"delete from {table} where article_id = ?", [target.article_id]).fetchall()[0][0]
    con.execute(
        "insert into audit.removed_articles values (?, ?, ?, ?, ?, current_timestamp, null)",
        [target.article_id, source_path, Path(source_path).name, sha, run_id],
    )
    _log(con, run_id, "remove", target, f"deleted {deleted} row(s) from the raw and audit tables")


def _log(con: duckdb.DuckDBPyConnection, run_id: str, action: str, target: Target, detail: str) -> None:
    path = target.source_path
    if path is None and target.article_id is not None:
        found = con.execute(
            "select source_path from raw.articles where article_id = ?"
            " union all select source_path from audit.removed_articles where article_id = ? limit 1",
            [target.article_id, target.article_id],
        ).fetchall()
        path = found[0][0] if found else None
    file_name = Path(path).name if path else None
    con.execute(
        "insert into audit.operator_actions values (?, ?, ?, ?, ?, ?, current_timestamp)",
        [run_id, action, target.given, target.article_id, file_name, detail],
    )
    log.info("%s %s (article %s, file %s): %s", action, target.given, target.article_id, file_name, detail)
