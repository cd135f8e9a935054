"""Print what textacy's direct-quotation extractor (the peer) finds in article files, and time it.

    .venv/bin/python bench/peer_quotes_textacy.py [--articles seeds/] [--unbalanced skip|paragraphs]

Articles are read like the pipeline reads them (extract/articles.py, seed format) and
parsed with the project's spaCy model (evaluation/peers/textacy_quotes.py); needs the
eval extra.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from evaluation.peers.textacy_quotes import quote_corpus
from extract.articles import parse_article
from extract.config import DEFAULT_SPACY_MODEL, PROJECT_ROOT
from extract.nlp import load_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, default=PROJECT_ROOT / "seeds")
    parser.add_argument("--model", default=DEFAULT_SPACY_MODEL)
    parser.add_argument("--unbalanced", choices=["skip", "paragraphs"], default="skip")
    args = parser.parse_args()

    articles = [parse_article(p.read_bytes(), p.name) for p in sorted(args.articles.glob("*.txt"))]
    began = time.perf_counter()
    nlp = load_pipeline(args.model)
    loaded = time.perf_counter()
    results = quote_corpus(((a.source_path, a.text) for a in articles), nlp=nlp, unbalanced=args.unbalanced)
    done = time.perf_counter()

    for article in articles:
        found = results[article.source_path]
        print(f"{article.source_path} ({article.published_date}): {len(found.quotes)} quotes")
        for reason in found.skipped:
            print(f"  skipped: {reason}")
        for q in found.quotes:
            print(f"  [{q.start}:{q.end}] {q.speaker_text!r} ({q.cue_lemma}; cue {q.cue_text!r}): {q.quote_text!r}")
    words = sum(len(a.text.split()) for a in articles)
    print(
        f"model load {loaded - began:.1f} s; parse + textacy {done - loaded:.2f} s for {len(articles)} articles "
        f"({words / (done - loaded):.0f} words/s)"
    )


if __name__ == "__main__":
    main()
