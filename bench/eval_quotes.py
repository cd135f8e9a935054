"""Precision and recall of quote detection and speaker attribution against a gold file.

    .venv/bin/python bench/eval_quotes.py [--gold ../shared/gold/seed_articles.json] [--articles seeds/]

The gold file has the shape of shared/gold/seed_articles.json: per article file, quotes
with speaker, verb, kind and the words they start with.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from extract.config import DEFAULT_SPACY_MODEL, PROJECT_ROOT
from extract.quote_evaluation import load_gold, score, system_quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=PROJECT_ROOT.parent / "shared" / "gold" / "seed_articles.json")
    parser.add_argument("--articles", type=Path, default=PROJECT_ROOT / "seeds")
    parser.add_argument("--model", default=DEFAULT_SPACY_MODEL)
    args = parser.parse_args()

    gold = load_gold(args.gold)
    scores, problems = score(gold, dict(system_quotes(gold, args.articles, args.model)))
    print(f"gold quotes {scores.gold}, system quotes {scores.system}")
    for name, correct in [
        ("detection", scores.detected),
        ("speaker", scores.speaker_right),
        ("verb", scores.verb_right),
        ("kind", scores.kind_right),
    ]:
        precision, recall = scores.precision_recall(correct)
        print(f"{name:10} precision {precision:5.1f}  recall {recall:5.1f}")
    for line in problems:
        print("  " + line)


if __name__ == "__main__":
    main()
