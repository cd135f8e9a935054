"""The end-of-run summary that ``make run`` prints, read back from the warehouse.

Reading the warehouse (rather than the Airflow logs) means the summary states what
a user will find when they query it. Run as ``python -m extract.report``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import duckdb

from extract.config import Settings


@dataclass(frozen=True)
class Summary:
    warehouse: str
    articles: int
    rejected: int
    quarantined: int
    mentions: int
    validations_passed: int
    validations_warned: int
    validations_failed: int
    last_run_id: str | None
    published: str

    def lines(self) -> list[str]:
        return [
            "newswire run summary",
            f"  articles in the marts            : {self.articles}  (marts.dim_articles)",
            f"  files rejected at extract        : {self.rejected}  (audit.rejected_articles)",
            f"  articles quarantined             : {self.quarantined}  (audit.quarantined_articles)",
            f"  entity mentions                  : {self.mentions}  (marts.fct_mentions)",
            f"  validations of the last run      : {self.validations_passed} passed, "
            f"{self.validations_warned} warnings, {self.validations_failed} failed  (run {self.last_run_id})",
            f"  warehouse (pipeline's working copy): {self.warehouse}",
            f"  published marts (for users, BI)  : {self.published}",
        ]


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchall()[0][0]


def summarise(settings: Settings) -> Summary:
    """Counts a user would see in the warehouse after the last run."""
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        last_run = con.execute(
            "select run_id from audit.validation_results order by validated_at desc limit 1"
        ).fetchall()
        run_id = last_run[0][0] if last_run else None
        passed, warned, failed = con.execute(
            "select count(*) filter (where success),"
            " count(*) filter (where not success and severity = 'warning'),"
            " count(*) filter (where not success and severity <> 'warning')"
            " from audit.validation_results where run_id = ?",
            [run_id],
        ).fetchall()[0]
        return Summary(
            warehouse=str(settings.warehouse_path),
            articles=_scalar(con, "select count(*) from marts.dim_articles"),
            rejected=_scalar(con, "select count(*) from raw.rejected_articles"),
            quarantined=_scalar(
                con, "select count(distinct article_id) from audit.quarantined_articles where released_at is null"
            ),
            mentions=_scalar(con, "select count(*) from marts.fct_mentions"),
            validations_passed=passed,
            validations_warned=warned,
            validations_failed=failed,
            last_run_id=run_id,
            published=str(settings.published_path) if settings.published_path.exists() else "not published yet",
        )
    finally:
        con.close()


def main() -> int:
    settings = Settings.from_env()
    if not settings.warehouse_path.exists():
        print(f"no warehouse at {settings.warehouse_path}: run `make run` first", file=sys.stderr)
        return 1
    print("\n".join(summarise(settings).lines()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
