"""Speed of the temporal resolver (detection, tense, anchoring, normalisation).

Parses the seed articles once with spaCy, then times ``resolve_document`` over them
repeatedly, so the figure excludes spaCy's own parsing. It includes the quote
attribution the resolver needs for utterance anchors. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_temporal.py [--rounds 200]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from extract.articles import Article, read_articles
from extract.config import DEFAULT_SPACY_MODEL
from extract.nlp import load_pipeline
from extract.temporal import grammar
from extract.temporal.resolver import resolve_document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--model", default=DEFAULT_SPACY_MODEL)
    args = parser.parse_args()

    articles = [a for a in read_articles(SEEDS) if isinstance(a, Article)]
    nlp = load_pipeline(args.model)
    docs = [(nlp(a.text), a.published_date) for a in articles]
    words = sum(len(doc) for doc, _ in docs)

    started = time.perf_counter()
    expressions = sum(len(resolve_document(doc, published)) for _ in range(args.rounds) for doc, published in docs)
    resolve_s = time.perf_counter() - started

    started = time.perf_counter()
    for _ in range(args.rounds):
        for doc, _ in docs:
            grammar.find(doc.text)
    grammar_s = time.perf_counter() - started

    documents = args.rounds * len(docs)
    print(f"{documents} documents ({args.rounds} rounds of {len(docs)} seeds, {words} tokens each round)")
    print(f"resolver: {expressions / resolve_s:8.0f} expressions/s, {documents / resolve_s:6.0f} documents/s")
    print(f"grammar matching alone: {documents / grammar_s:6.0f} documents/s")


if __name__ == "__main__":
    main()
