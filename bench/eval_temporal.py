"""Score time expressions on a TimeML corpus, TempEval-3 style, with the errors to study.

    .venv/bin/python bench/eval_temporal.py --tml ../shared/corpora/tbaq-cleaned [--show-errors]
    .venv/bin/python bench/eval_temporal.py --jsonl FILE
    .venv/bin/python bench/eval_temporal.py --tml DIR --system heideltime   # the peer (eval extra, Java)

newswire runs the tag stage's spaCy parse and resolver; HeidelTime runs in one JVM
(evaluation/peers/heideltime.py). Same readers, same scorer (evaluation/temporal.py).
`make eval` prints these figures for every corpus beside the other tasks.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from evaluation.temporal import Scores, Timex, errors, read_jsonl, read_tml, system_timexes
from extract.config import DEFAULT_SPACY_MODEL


def heideltime_timexes(documents):
    from evaluation.peers.heideltime import tag_corpus

    tagged = tag_corpus((d.id, d.text, d.dct) for d in documents)
    for document in documents:
        yield document, [Timex(t.start, t.end, t.type, t.value) for t in tagged[document.id]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--tml", type=Path, help="folder of TimeML .tml files")
    source.add_argument("--jsonl", type=Path, help="JSON lines corpus")
    parser.add_argument("--system", choices=["newswire", "heideltime"], default="newswire")
    parser.add_argument("--model", default=DEFAULT_SPACY_MODEL)
    parser.add_argument("--show-errors", action="store_true", help="print each missed or wrong expression")
    args = parser.parse_args()

    documents = [read_tml(p) for p in sorted(args.tml.rglob("*.tml"))] if args.tml else list(read_jsonl(args.jsonl))
    began = time.perf_counter()
    found = heideltime_timexes(documents) if args.system == "heideltime" else system_timexes(documents, args.model)
    scores = Scores()
    for document, system in found:
        scores.add(document.timexes, system)
        if args.show_errors:
            for line in errors(document, system):
                print("  " + line)
    seconds = time.perf_counter() - began

    print(f"{args.system}: documents {len(documents)}, gold expressions {scores.gold}, system expressions {scores.system}")
    print(f"{'':10} {'P':>6} {'R':>6} {'F1':>6}")
    for name, (p, r, f1) in scores.table().items():
        print(f"{name:10} {p:6.1f} {r:6.1f} {f1:6.1f}")
    print(f"type accuracy  {scores.accuracy(scores.type_correct):5.1f}  (on relaxed matches)")
    print(f"value accuracy {scores.accuracy(scores.value_correct):5.1f}  (on relaxed matches)")
    print(f"{seconds:.1f} s, model or JVM start included")


if __name__ == "__main__":
    main()
