"""The quality report (`make eval`): newswire and its peers on real text, one table, one JSON file.

    make eval                                   # or: .venv/bin/python -m evaluation.report
    .venv/bin/python -m evaluation.report --show-errors --no-peers --tbaq-limit 40

For each article corpus in ../shared (the original seed articles, news-dev) the real
pipeline runs (the Airflow DAG) into a scratch warehouse, and every newswire figure is read
from the published marts. TBAQ (TempEval-3 TimeBank + AQUAINT, TimeML) is scored on time
expressions with the spaCy parse and the resolver the tag stage runs. The peers run on the
same documents and are scored by the same code: HeidelTime for time expressions, textacy's
direct-quotation extractor for quotes. The table is printed and written to
``bench/results/quality.json`` (figures only, so a change's effect shows in its diff).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from evaluation import entities, events, quotes, readme_table, temporal
from evaluation.corpora import ArticleCorpus, article_corpora, tbaq_dir
from evaluation.peers import PeerUnavailableError
from evaluation.pipeline_run import run_pipeline
from extract.config import DEFAULT_SPACY_MODEL, PROJECT_ROOT

log = logging.getLogger("evaluation.report")

RESULTS = PROJECT_ROOT / "bench" / "results" / "quality.json"
Results = dict[str, dict[str, dict[str, dict[str, float | int]]]]  # corpus -> task -> system -> figures


def score_all(
    corpora: list[ArticleCorpus], scratch: Path, tbaq: Path | None, tbaq_limit: int | None, peers: bool,
    show_errors: bool,
) -> Results:
    """Every corpus scored: the article corpora from their pipeline runs, then TBAQ (if given).

    The pipeline runs are subprocesses, started at once from worker threads (each with its own
    Airflow home); TBAQ is parsed in this process meanwhile. Each is mostly one core's work, so
    on a machine with two or more the report takes about as long as its longest part.
    """
    with ThreadPoolExecutor(max_workers=len(corpora) or 1, thread_name_prefix="pipeline") as runner:
        published = {c.name: runner.submit(run_pipeline, c.articles_dir, _scratch_warehouse(scratch, c)) for c in corpora}
        tbaq_results = score_tbaq(tbaq, tbaq_limit, peers, show_errors) if tbaq else None
        results: Results = {c.name: score_article_corpus(c, published[c.name].result(), peers, show_errors) for c in corpora}
    if tbaq_results is not None:
        results["TBAQ"] = tbaq_results
    return results


def _scratch_warehouse(scratch: Path, corpus: ArticleCorpus) -> Path:
    """Each corpus's own warehouse: cross-article merging stays inside a corpus, as the gold's links do."""
    return scratch / corpus.name.replace(" ", "-") / "newswire.duckdb"


def score_article_corpus(corpus: ArticleCorpus, published: Path, peers: bool, show_errors: bool) -> dict:
    """Every task on one article corpus, newswire from its published marts, peers beside it."""
    con = duckdb.connect(str(published), read_only=True)
    try:
        landed = entities.landings(con, corpus)
        majority = entities.majority_ids(landed)
        entity_scores = entities.score(landed, corpus.gold["canonical_entities"])

        def entity_id(name: str) -> str | None:
            return entities.gold_entity_id(con, name, majority)

        documents = temporal.gold_documents(corpus)
        results: dict[str, dict[str, dict]] = {
            "time expressions": {"newswire": _temporal(documents, temporal.marts_timexes(con), show_errors)},
            "quotes": {"newswire": _quotes(corpus, quotes.marts_quotes(con), entity_id, show_errors)},
            "entities": {"newswire": entity_scores.figures()},
        }
        event_scores = events.score(con, corpus, entity_id)
        results["events"] = {"newswire": event_scores.figures()}
        articles = con.execute("select count(*) from marts.dim_articles").fetchall()[0][0]
        results["pipeline"] = {"newswire": {"articles": len(corpus.articles), "published": articles}}
        if show_errors:
            _print_errors("entities split", entity_scores.splits)
            _print_errors("entities merged", [f"{a} = {b}" for a, b in entity_scores.wrong_merges])
            _print_errors("events", event_scores.misses)
        if peers:
            results["time expressions"].update(_peer("HeidelTime", lambda: _heideltime(documents)))
            results["quotes"].update(
                _peer("textacy", lambda: _quotes(corpus, quotes.textacy_quotes(con, corpus), entity_id, False))
            )
    finally:
        con.close()
    return results


def score_tbaq(folder: Path, limit: int | None, peers: bool, show_errors: bool) -> dict:
    paths = sorted(folder.rglob("*.tml"))[:limit]
    documents = [temporal.read_tml(p) for p in paths]
    found = {document.id: system for document, system in temporal.system_timexes(documents, DEFAULT_SPACY_MODEL)}
    results = {"time expressions": {"newswire": _temporal(documents, found, show_errors)}}
    if peers:
        results["time expressions"].update(_peer("HeidelTime", lambda: _heideltime(documents)))
    return results


def _temporal(documents: list[temporal.Document], found: dict[str, list[temporal.Timex]], show_errors: bool) -> dict:
    scores = temporal.Scores()
    for document in documents:
        system = found.get(document.id, [])
        scores.add(document.timexes, system)
        if show_errors:
            _print_errors("time", list(temporal.errors(document, system)))
    return scores.figures()


def _heideltime(documents: list[temporal.Document]) -> dict:
    from evaluation.peers.heideltime import tag_corpus

    tagged = tag_corpus((d.id, d.text, d.dct) for d in documents)
    found = {doc_id: [temporal.Timex(t.start, t.end, t.type, t.value) for t in timexes] for doc_id, timexes in tagged.items()}
    return _temporal(documents, found, False)


def _quotes(corpus: ArticleCorpus, found: dict, entity_id: Callable[[str], str | None], show_errors: bool) -> dict:
    scores, problems = quotes.score(corpus, found, entity_id)
    if show_errors:
        _print_errors("quotes", problems)
    return scores.figures()


def _peer(name: str, run: Callable[[], dict]) -> dict[str, dict]:
    """A peer's figures, or a note saying why it could not run (the extra or Java missing)."""
    try:
        return {name: run()}
    except PeerUnavailableError as err:
        log.warning("%s not run: %s", name, err)
        return {name: {"not_run": str(err)}}


def _print_errors(what: str, lines: list[str]) -> None:
    for line in lines:
        print(f"  [{what}] {line}")


COLUMNS = {
    "time expressions": [("strict_f1", "strict F1"), ("relaxed_f1", "relaxed F1"), ("type_f1", "type F1"),
                         ("value_p", "value P"), ("value_r", "value R"), ("value_f1", "value F1"), ("gold", "gold")],
    "quotes": [("detection_p", "detect P"), ("detection_r", "detect R"), ("speaker_f1", "speaker F1"),
               ("speaker_r", "speaker R"), ("verb_f1", "verb F1"), ("kind_f1", "kind F1"), ("gold", "gold")],
    "entities": [("found_pct", "found %"), ("on_majority_pct", "on majority %"), ("consolidated", "consolidated"),
                 ("entities_2plus", "of (≥2)"), ("wrong_merges", "wrong merges"), ("occurrences", "occurrences")],
    "events": [("p", "P"), ("r", "R"), ("f1", "F1"), ("kind_pct", "kind %"), ("participants_pct", "particip. %"),
               ("place_pct", "place %"), ("date_pct", "date %"), ("status_pct", "status %"),
               ("links_p", "links P"), ("links_r", "links R"), ("gold", "gold")],
    "pipeline": [("articles", "articles"), ("published", "published")],
}


def render(results: Results) -> str:
    """One table per task; a row per corpus and system."""
    lines = []
    for task, columns in COLUMNS.items():
        rows = [
            (corpus, system, figures)
            for corpus, tasks in results.items()
            for system, figures in tasks.get(task, {}).items()
        ]
        if not rows:
            continue
        lines.append(f"\n{task}")
        lines.append(f"  {'corpus':15} {'system':11} " + " ".join(f"{label:>12}" for _, label in columns))
        for corpus, system, figures in rows:
            if "not_run" in figures:
                lines.append(f"  {corpus:15} {system:11} not run: {figures['not_run']}")
                continue
            lines.append(
                f"  {corpus:15} {system:11} " + " ".join(f"{figures.get(key, ''):>12}" for key, _ in columns)
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=RESULTS, help="JSON file to write (default %(default)s)")
    parser.add_argument("--scratch", type=Path, default=PROJECT_ROOT / "warehouse" / "eval")
    parser.add_argument("--no-peers", action="store_true", help="score newswire only")
    parser.add_argument("--tbaq-limit", type=int, default=None, help="score only the first N TBAQ files")
    parser.add_argument("--show-errors", action="store_true", help="print every miss and wrong attribute")
    parser.add_argument("--update-readme", action="store_true", help="rewrite the README's quality tables")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")

    began = time.perf_counter()
    corpora = []
    for corpus in article_corpora():
        if corpus.available():
            corpora.append(corpus)
        else:
            print(f"skipped {corpus.name}: {corpus.articles_dir} or its gold is missing (../shared beside the project)")
    tbaq = tbaq_dir() if tbaq_dir().is_dir() else None
    if tbaq is None:
        print(f"skipped TBAQ: {tbaq_dir()} is missing")
    results = score_all(corpora, args.scratch, tbaq, args.tbaq_limit, not args.no_peers, args.show_errors)
    if not results:
        print("nothing to evaluate: ../shared is not beside the project", file=sys.stderr)
        return 1
    print(render(results))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.out} in {time.perf_counter() - began:.0f} s")
    if args.update_readme:
        readme_table.update(results_path=args.out)
        print(f"README quality tables updated from {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
