"""The article-local marts are incremental: a run with new files builds only those articles' rows,
and a full refresh (the DAG's ``full_refresh`` param) gives the same marts from every live article."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.conftest import SEEDS_DIR
from tests.integration.conftest import article_folder


def marts_snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted, so two builds can be compared table by table."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [t for (t,) in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' order by 1").fetchall()]
        return {t: sorted(con.execute(f"select * from marts.{t}").fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def mark_built_rows(warehouse: Path) -> None:
    """Write a marker into every row the seed run built, so a rebuilt row shows."""
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("update marts.dim_articles set text_length = -1")
        con.execute("update marts.fct_temporal_expressions set resolution_rule = 'built before'")
    finally:
        con.close()


def restore_built_rows(warehouse: Path) -> None:
    """Put the values the models derive back into the marked rows (what an untouched row holds)."""
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("update marts.dim_articles d set text_length = s.text_length"
                    " from staging.stg_articles s where d.article_id = s.article_id")
        con.execute("update marts.fct_temporal_expressions f set resolution_rule = s.resolution_rule"
                    " from staging.stg_temporal_expressions s where f.timex_id = s.timex_id")
    finally:
        con.close()


def test_new_files_build_only_their_rows_and_a_full_refresh_gives_the_same_marts(run_dag, warehouse_copy, tmp_path):
    before = marts_snapshot(warehouse_copy)
    seed_articles = {row[0] for row in before["dim_articles"]}
    mark_built_rows(warehouse_copy)
    new_files = article_folder(tmp_path / "new", "harbour_vote.txt", seeds=False)

    run = run_dag(warehouse_copy, input_dir=f"{SEEDS_DIR}:{new_files}")

    assert run.state == "success", run.task_states
    articles = dict(run.query("select article_id, text_length from marts.dim_articles"))
    new_ids = set(articles) - seed_articles
    assert len(new_ids) == 1 and articles[new_ids.pop()] > 0  # the new article was built
    assert {articles[a] for a in seed_articles} == {-1}  # the seed articles' rows were not touched
    rules = run.query("select article_id in (select unnest(?)), resolution_rule = 'built before', count(*)"
                      " from marts.fct_temporal_expressions group by all order by all", [sorted(seed_articles)])
    assert rules == [(False, False, rules[0][2]), (True, True, rules[1][2])]  # new rows built, old ones kept

    restore_built_rows(warehouse_copy)
    incremental = marts_snapshot(warehouse_copy)
    mark_built_rows(warehouse_copy)  # a full refresh must rebuild every row, these too
    refreshed = run_dag(warehouse_copy, input_dir=f"{SEEDS_DIR}:{new_files}", full_refresh=True)

    assert refreshed.state == "success", refreshed.task_states
    full = marts_snapshot(warehouse_copy)
    assert set(full) == set(incremental)
    for table in full:
        assert full[table] == incremental[table], table
