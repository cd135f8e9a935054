"""Event errors on a corpus's published marts from the last ``make eval`` or report run: a dev tool.

For each gold event, the system event whose trigger falls in its evidence, side by side,
attribute by attribute; then the system events no gold event matched.

    .venv/bin/python bench/event_errors.py --corpus news-dev
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from evaluation import entities, events
from evaluation.corpora import article_corpora
from extract.config import PROJECT_ROOT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="news-dev")
    parser.add_argument("--scratch", type=Path, default=PROJECT_ROOT / "warehouse" / "eval")
    args = parser.parse_args()
    corpus = next(c for c in article_corpora() if c.name == args.corpus)
    published = args.scratch / corpus.name.replace(" ", "-") / "published" / "newswire.duckdb"
    con = duckdb.connect(str(published), read_only=True)
    majority = entities.majority_ids(entities.landings(con, corpus))

    def entity_id(name: str) -> str | None:
        return entities.gold_entity_id(con, name, majority)

    def name(entity: str) -> str:
        rows = con.execute("select canonical_name from marts.dim_entities where entity_id = ?", [entity]).fetchall()
        return rows[0][0] if rows else entity

    system = events.system_events_by_file(con)
    for file_name, article in corpus.gold["articles"].items():
        text = corpus.articles[file_name].text
        print(f"## {file_name}")
        matched: set[str] = set()
        for gold in article["events"]:
            spans = events._fragment_spans(text, gold["evidence"])
            found = [e for e in system.get(file_name, []) if e.event_id not in matched
                     and any(fs <= s and e2 <= fe for s, e2 in e.triggers for fs, fe in spans)]
            head = f"  GOLD {gold['kind']} {gold['participants']} @{gold.get('location')} {gold.get('value')} {gold['status']}"
            if not found:
                print(head, "\n     MISSED:", gold["evidence"][:110])
                continue
            best = max(found, key=lambda e: sum(events.attributes_right(gold, e, entity_id).values()))
            matched.add(best.event_id)
            right = events.attributes_right(gold, best, entity_id)
            wrong = [k for k, ok in right.items() if not ok]
            print(head, "\n     SYS ", best.kind, sorted(name(p) for p in best.participant_ids), best.value,
                  best.status, "WRONG" if wrong else "ok", wrong)
        for e in system.get(file_name, []):
            if e.event_id not in matched:
                triggers = [text[s:t] for s, t in e.triggers]
                print("  EXTRA", e.kind, triggers, sorted(name(p) for p in e.participant_ids), e.value, e.status)


if __name__ == "__main__":
    main()
