"""Throughput of the extract and tag stages on a synthetic batch built from seeds/.

Prints figures; asserts nothing. Usage:

    .venv/bin/python bench/bench_pipeline.py [--articles 400] [--processes 1 2]

Each synthetic article is a seed article with a numbered line appended, so every one
has its own article_id and the whole batch is tagged.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from extract.config import Settings
from extract.pipeline import extract_articles, tag_articles

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def make_batch(folder: Path, count: int) -> int:
    """Write `count` distinct articles into folder; returns their total word count."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    words = 0
    for i in range(count):
        text = seeds[i % len(seeds)] + f"\nSynthetic copy {i}.\n"
        (folder / f"article_{i:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        input_dir = Path(tmp) / "input"
        input_dir.mkdir()
        words = make_batch(input_dir, args.articles)
        print(f"batch: {args.articles} articles, {words} words")
        for processes in args.processes:
            settings = replace(
                Settings.from_env(),
                input_dirs=(input_dir,),
                warehouse_path=Path(tmp) / f"bench_{processes}.duckdb",
                spacy_processes=processes,
            )
            started = time.perf_counter()
            extract_articles(settings)
            extracted = time.perf_counter()
            report = tag_articles(settings)
            tagged = time.perf_counter()
            extract_s, tag_s = extracted - started, tagged - extracted
            print(
                f"processes={processes}: extract {args.articles / extract_s:8.0f} articles/s ({extract_s:.2f} s); "
                f"tag {report.articles_tagged / tag_s:6.1f} articles/s, {words / tag_s:7.0f} words/s ({tag_s:.2f} s, "
                "model load included)"
            )


if __name__ == "__main__":
    main()
