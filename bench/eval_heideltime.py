"""Score HeidelTime (the peer) on TimeML with newswire's TempEval-3 scorer, and time it.

    .venv/bin/python bench/eval_heideltime.py --tml ../shared/corpora/tbaq-cleaned
    .venv/bin/python bench/eval_heideltime.py --jsonl FILE [--show-errors]

Same readers and ``Scores`` as bench/eval_temporal.py, so the figures sit side by side
with newswire's. HeidelTime runs in NEWS mode with each document's creation date, all
documents in one JVM (evaluation/peers/heideltime.py); needs the eval extra and Java.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from evaluation.peers.heideltime import HeidelTime
from extract.temporal.evaluation import Scores, Timex, read_jsonl, read_tml


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--tml", type=Path, help="folder of TimeML .tml files")
    source.add_argument("--jsonl", type=Path, help="JSON lines corpus")
    parser.add_argument("--show-errors", action="store_true", help="print each missed or wrong expression")
    args = parser.parse_args()

    documents = [read_tml(p) for p in sorted(args.tml.rglob("*.tml"))] if args.tml else list(read_jsonl(args.jsonl))
    scores = Scores()
    began = time.perf_counter()
    with HeidelTime() as heideltime:
        tagging_began = time.perf_counter()
        for document in documents:
            found = heideltime.tag(document.text, document.dct)
            system = [Timex(t.start, t.end, t.type, t.value) for t in found]
            scores.add(document.timexes, system)
            if args.show_errors:
                for g in document.timexes:
                    hit = [s for s in system if s.start < g.end and g.start < s.end]
                    if not hit or hit[0].value != g.value:
                        print(f"  {document.id}: {document.text[g.start:g.end]!r} gold {g.value} system {[h.value for h in hit]}")
        tagging = time.perf_counter() - tagging_began
        startup = heideltime.startup_seconds or 0.0
    total = time.perf_counter() - began
    words = sum(len(d.text.split()) for d in documents)

    print(f"documents {len(documents)}, gold expressions {scores.gold}, system expressions {scores.system}")
    print(f"{'':10} {'P':>6} {'R':>6} {'F1':>6}")
    for name, (p, r, f1) in scores.table().items():
        print(f"{name:10} {p:6.1f} {r:6.1f} {f1:6.1f}")
    print(f"type accuracy  {scores.accuracy(scores.type_correct):5.1f}  (on relaxed matches)")
    print(f"value accuracy {scores.accuracy(scores.value_correct):5.1f}  (on relaxed matches)")
    print(
        f"JVM start (to HeidelTime ready) {startup:.1f} s; tagging {tagging:.1f} s: "
        f"{len(documents) / tagging:.1f} documents/s, {words / tagging:.0f} words/s; total {total:.1f} s"
    )


if __name__ == "__main__":
    main()
