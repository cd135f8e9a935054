"""Error classes of the time-expression resolver on a TimeML corpus, for development.

    .venv/bin/python bench/temporal_errors.py --tml ../shared/corpora/tbaq-cleaned [--only value] [--limit 40]
    .venv/bin/python bench/temporal_errors.py --corpus news-dev        # an article corpus of ../shared
    .venv/bin/python bench/temporal_errors.py --summary                # figures on all three, no error lists

Parses the corpus once with the project's spaCy model and keeps the parse in a cache
(warehouse/eval/<corpus>.spacy), so a change to the resolver is re-scored in seconds.
Prints the figures and every error by class: missed, spurious, span (overlap but other
offsets), type, value. Asserts nothing; `make eval` is the report.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

from evaluation.corpora import article_corpora, tbaq_dir
from evaluation.temporal import Scores, Timex, gold_documents, read_tml
from extract.config import DEFAULT_SPACY_MODEL, PROJECT_ROOT
from extract.nlp import load_pipeline
from extract.temporal.resolver import resolve_document


def parsed(documents, model: str, cache: Path):
    nlp = load_pipeline(model)
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == [d.text for d in documents]:
            return docs
    docs = list(nlp.pipe(d.text for d in documents))
    cache.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(cache)
    return docs


def load(name: str, model: str):
    """Documents and their cached parse: TBAQ, or an article corpus by name."""
    if name == "TBAQ":
        documents = [read_tml(p) for p in sorted(tbaq_dir().rglob("*.tml"))]
    else:
        documents = gold_documents(next(c for c in article_corpora() if c.name == name))
    cache = PROJECT_ROOT / "warehouse" / "eval" / f"{name.replace(' ', '-')}.spacy"
    return documents, parsed(documents, model, cache)


def evaluate(documents, docs):
    scores = Scores()
    errors: dict[str, list[str]] = {k: [] for k in ("missed", "spurious", "span", "type", "value")}
    for document, doc in zip(documents, docs):
        found = resolve_document(doc, document.dct)
        system = [Timex(e.start_char, e.end_char, e.timex_type, e.value) for e in found]
        scores.add(document.timexes, system)
        text = document.text
        for g in document.timexes:
            hits = [s for s in system if s.start < g.end and g.start < s.end]
            where = f"{document.id} dct {document.dct}"
            context = text[max(0, g.start - 60) : g.end + 30].replace("\n", " ")
            if not hits:
                errors["missed"].append(f"{text[g.start:g.end]!r} {g.type} {g.value} | {where} | …{context}…")
                continue
            s = hits[0]
            if (s.start, s.end) != (g.start, g.end):
                errors["span"].append(f"gold {text[g.start:g.end]!r} system {text[s.start:s.end]!r} | {where}")
            if s.type != g.type:
                errors["type"].append(f"{text[g.start:g.end]!r} gold {g.type} system {s.type} ({s.value}) | {where}")
            if s.value != g.value:
                errors["value"].append(f"{text[g.start:g.end]!r} gold {g.value} system {s.value} | {where} | …{context}…")
        for s in system:
            if not any(s.start < g.end and g.start < s.end for g in document.timexes):
                context = text[max(0, s.start - 50) : s.end + 20].replace("\n", " ")
                errors["spurious"].append(f"{text[s.start:s.end]!r} {s.type} {s.value} | {document.id} | …{context}…")
    return scores, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="TBAQ", help="TBAQ, 'original seeds' or news-dev")
    parser.add_argument("--summary", action="store_true", help="figures on the three corpora only")
    parser.add_argument("--model", default=DEFAULT_SPACY_MODEL)
    parser.add_argument("--only", choices=["missed", "spurious", "span", "type", "value"], action="append")
    parser.add_argument("--limit", type=int, default=10_000, help="errors printed per class")
    args = parser.parse_args()

    for name in ["original seeds", "news-dev", "TBAQ"] if args.summary else [args.corpus]:
        scores, errors = evaluate(*load(name, args.model))
        if not args.summary:
            for kind, lines in errors.items():
                if args.only and kind not in args.only:
                    continue
                print(f"\n== {kind}: {len(lines)}")
                for line in lines[: args.limit]:
                    print("  " + line)
        table = scores.table()
        print(
            f"{name:15} gold {scores.gold:5} system {scores.system:5}  strict F1 {table['strict'][2]:5.1f}"
            f"  relaxed F1 {table['relaxed'][2]:5.1f}  value P {table['value'][0]:5.1f} R {table['value'][1]:5.1f}"
            f" F1 {table['value'][2]:5.1f}  errors {dict(Counter({k: len(v) for k, v in errors.items()}))}"
        )


if __name__ == "__main__":
    main()
