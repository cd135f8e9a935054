"""Embedded vs distributed on the same generated corpus: wall time, per-stage time, same marts, readers.

    .venv/bin/python bench/bench_distributed.py --articles 2000

1. Generates N articles (bench_scale's generator: real news-dev paragraphs, invented names).
2. Embedded: ``airflow dags test`` into one DuckDB file, as ``make run`` does (mapped tag
   batches one after another, spaCy on 2 processes).
3. Distributed: ``scripts/distributed.py`` in ``.venv-dist``: CeleryExecutor with 2 workers
   (one spaCy process each), Redis, Postgres, published to DuckLake; then a re-run of the
   same input while BI-style readers query the lake (lock errors, latency).
4. Compares every marts/reference table of the two (rows only on one side, timestamps left out).

Prints both side by side and writes ``bench/results/distributed.json``. Needs ``make dist-env``
and ``../shared/corpora/news-dev``; takes about twice the 2,000-article scale run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_scale import REAL_TEXT, generate, paragraphs, run_dag
from extract.config import PROJECT_ROOT
from scripts.distributed import compare_with_file

RESULTS = PROJECT_ROOT / "bench" / "results" / "distributed.json"


def embedded_stage_spans(airflow_db: Path) -> dict[str, float]:
    """Wall seconds per stage of the latest run (first start to last end), like the distributed figures."""
    with sqlite3.connect(airflow_db) as db:
        (run_id,) = db.execute(
            "select run_id from dag_run where dag_id = 'newswire_etl' order by start_date desc limit 1"
        ).fetchone()
        rows = db.execute(
            "select task_id, min(start_date), max(end_date) from task_instance"
            " where dag_id = 'newswire_etl' and run_id = ? and start_date is not null group by task_id", (run_id,)
        ).fetchall()
    spans: dict[str, tuple[str, str]] = {}
    for task, start, end in rows:
        stage = task.split(".")[0]
        first, last = spans.get(stage, (start, end))
        spans[stage] = (min(first, start), max(last, end))
    return {stage: round(_seconds(end) - _seconds(start), 1) for stage, (start, end) in
            sorted(spans.items(), key=lambda item: item[1][0])}


def _seconds(timestamp: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(timestamp).timestamp()


def run_embedded(corpus: Path, workdir: Path) -> dict:
    os.environ["NEWSWIRE_SPACY_PROCESSES"] = "2"
    warehouse = workdir / "embedded" / "newswire.duckdb"
    run = run_dag(corpus, warehouse, workdir / "embedded.log")
    airflow_db = Path(os.environ.get("AIRFLOW_HOME", PROJECT_ROOT / ".airflow")) / "airflow.db"
    return {"wall_s": run["wall_s"], "stages_s": embedded_stage_spans(airflow_db), "peak_rss_mb": run["peak_rss_mb"],
            "published": str(warehouse.parent / "published" / warehouse.name)}


def run_distributed(corpus: Path, workdir: Path) -> dict:
    root = PROJECT_ROOT / ".dist" / "bench"  # the 'postgres' account must be able to enter it
    shutil.rmtree(root, ignore_errors=True)
    result = workdir / "distributed.json"
    env = {**os.environ, "NEWSWIRE_SPACY_PROCESSES": "1"}
    done = subprocess.run(
        [str(PROJECT_ROOT / ".venv-dist" / "bin" / "python"), "scripts/distributed.py", "--root", str(root),
         "--input-dir", str(corpus), "--rerun-with-readers", "--export-marts", str(workdir / "export"),
         "--result", str(result), "--ports", "55452", "56399", "8095"],
        cwd=PROJECT_ROOT, env=env, check=False,
    )
    if done.returncode != 0 or not result.exists():
        raise SystemExit(f"the distributed run failed (exit {done.returncode}); logs in {root / 'logs'}")
    outcome = json.loads(result.read_text())
    shutil.rmtree(root, ignore_errors=True)
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newswire-bench-distributed"))
    args = parser.parse_args()
    shutil.rmtree(args.workdir, ignore_errors=True)
    corpus = args.workdir / "corpus"
    generate(corpus, args.articles, 0, paragraphs(REAL_TEXT), random.Random(7))
    embedded = run_embedded(corpus, args.workdir)
    print(f"embedded: {embedded['wall_s']} s {embedded['stages_s']}", flush=True)
    distributed = run_distributed(corpus, args.workdir)
    differences = compare_with_file(Path(embedded["published"]), args.workdir / "export")
    different = {name: rows for name, rows in differences.items() if rows != (0, 0)}
    report = {
        "articles": args.articles,
        "embedded": {"executor": "airflow dags test (LocalExecutor in-process), spaCy 2 processes",
                     "storage": "one DuckDB file", **embedded},
        "distributed": {"executor": "CeleryExecutor, 2 workers x 1 slot, spaCy 1 process each",
                        "storage": "DuckLake (Postgres catalog, Parquet files)",
                        "run_s": distributed["seconds"], "stages_s": distributed["stages_s"],
                        "rerun_s": distributed["rerun"]["seconds"], "rerun_stages_s": distributed["rerun"]["stages_s"],
                        "readers_during_rerun": distributed["rerun"]["readers"]},
        "tables_compared": len(differences),
        "tables_different": different,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    stages = list(dict.fromkeys([*embedded["stages_s"], *distributed["stages_s"]]))
    print(f"\n{'stage':<20}{'embedded s':>12}{'distributed s':>15}")
    for stage in stages:
        print(f"{stage:<20}{embedded['stages_s'].get(stage, 0):>12}{distributed['stages_s'].get(stage, 0):>15}")
    print(f"{'whole run':<20}{embedded['wall_s']:>12}{distributed['seconds']:>15}")
    print(f"\nsame marts: {not different} ({len(differences)} tables compared){'' if not different else different}")
    print(f"readers during a re-run: {distributed['rerun']['readers']}")
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
