"""Precision and recall of scheduled events in a warehouse against a gold file.

    make run   # builds warehouse/newswire.duckdb from seeds/
    .venv/bin/python bench/eval_events.py [--warehouse warehouse/newswire.duckdb] [--gold ../shared/gold/seed_articles.json]

The gold file has the shape of shared/gold/seed_articles.json (events per article file).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import duckdb

from extract.config import PROJECT_ROOT
from extract.event_evaluation import score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, default=PROJECT_ROOT / "warehouse" / "newswire.duckdb")
    parser.add_argument("--gold", type=Path, default=PROJECT_ROOT.parent / "shared" / "gold" / "seed_articles.json")
    args = parser.parse_args()

    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    con = duckdb.connect(str(args.warehouse), read_only=True)
    try:
        scores, _ = score(con, gold)
    finally:
        con.close()
    print(f"gold events {scores.gold}, system events (per article) {scores.system}")
    print(f"precision {scores.precision:5.1f}  recall {scores.recall:5.1f}")
    for miss in scores.misses:
        print("  missed " + miss)


if __name__ == "__main__":
    main()
