"""Score the temporal tagger on a TimeML corpus, TempEval-3 style, and print the figures.

    .venv/bin/python bench/eval_temporal.py --tml DIR          # TimeML .tml files (TempEval-3 layout)
    .venv/bin/python bench/eval_temporal.py --jsonl FILE       # JSON lines (see extract/temporal/evaluation.py)
    .venv/bin/python bench/eval_temporal.py --seed-gold        # ../shared/gold/seed_articles.json on seeds/

HeidelTime's published TempEval-3 figure to beat: value F1 77.6.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from extract.config import DEFAULT_SPACY_MODEL, PROJECT_ROOT
from extract.temporal.evaluation import Scores, read_jsonl, read_seed_gold, read_tml, system_timexes

SEED_GOLD = PROJECT_ROOT.parent / "shared" / "gold" / "seed_articles.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--tml", type=Path, help="folder of TimeML .tml files")
    source.add_argument("--jsonl", type=Path, help="JSON lines corpus")
    source.add_argument("--seed-gold", action="store_true", help="the seed articles' hand-made gold")
    parser.add_argument("--model", default=DEFAULT_SPACY_MODEL)
    parser.add_argument("--show-errors", action="store_true", help="print each missed or wrong expression")
    args = parser.parse_args()

    if args.tml:
        documents = [read_tml(p) for p in sorted(args.tml.rglob("*.tml"))]
    elif args.jsonl:
        documents = list(read_jsonl(args.jsonl))
    else:
        documents = list(read_seed_gold(SEED_GOLD, PROJECT_ROOT / "seeds"))

    scores = Scores()
    for document, system in system_timexes(documents, args.model):
        scores.add(document.timexes, system)
        if args.show_errors:
            for g in document.timexes:
                hit = [s for s in system if s.start < g.end and g.start < s.end]
                if not hit or hit[0].value != g.value:
                    print(f"  {document.id}: {document.text[g.start:g.end]!r} gold {g.value} system {[h.value for h in hit]}")

    print(f"documents {len(documents)}, gold expressions {scores.gold}, system expressions {scores.system}")
    print(f"{'':10} {'P':>6} {'R':>6} {'F1':>6}")
    for name, (p, r, f1) in scores.table().items():
        print(f"{name:10} {p:6.1f} {r:6.1f} {f1:6.1f}")
    print(f"type accuracy  {scores.accuracy(scores.type_correct):5.1f}  (on relaxed matches)")
    print(f"value accuracy {scores.accuracy(scores.value_correct):5.1f}  (on relaxed matches)")
    print("HeidelTime TempEval-3 value F1: 77.6")


if __name__ == "__main__":
    main()
