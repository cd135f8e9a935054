"""The README's quality tables, written from ``bench/results/quality.json``.

``make eval`` rewrites the part of the README between the markers below, so the figures
users read are the ones the report measured; a unit test checks that they still agree.
"""

from __future__ import annotations

import json
from pathlib import Path

from extract.config import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
RESULTS = PROJECT_ROOT / "bench" / "results" / "quality.json"
START, END = "<!-- quality:start -->", "<!-- quality:end -->"

TABLES = [
    ("time expressions", ["original seeds", "news-dev", "TBAQ"],
     [("strict F1", "strict_f1"), ("relaxed F1", "relaxed_f1"), ("type F1", "type_f1"), ("value P", "value_p"),
      ("value R", "value_r"), ("value F1", "value_f1")]),
    ("quotes", ["original seeds", "news-dev"],
     [("detection P", "detection_p"), ("detection R", "detection_r"), ("speaker F1", "speaker_f1"),
      ("speaker R", "speaker_r"), ("verb F1", "verb_f1"), ("kind F1", "kind_f1")]),
    ("entities", ["original seeds", "news-dev"],
     [("gold forms found %", "found_pct"), ("on the entity's majority id %", "on_majority_pct"),
      ("consolidated (≥ 2 found)", "consolidated"), ("of", "entities_2plus"), ("wrong merges", "wrong_merges")]),
    ("events", ["original seeds", "news-dev"],
     [("P", "p"), ("R", "r"), ("F1", "f1"), ("kind %", "kind_pct"), ("participants %", "participants_pct"),
      ("place %", "place_pct"), ("date %", "date_pct"), ("status %", "status_pct"), ("links P", "links_p"),
      ("links R", "links_r")]),
]


def render(results: dict) -> str:
    """Markdown tables, one per task, a row per corpus and system."""
    blocks = []
    for task, corpora, columns in TABLES:
        lines = [f"| {task} | system | " + " | ".join(label for label, _ in columns) + " |",
                 "|---|---|" + "---|" * len(columns)]
        for corpus in corpora:
            for system, figures in results.get(corpus, {}).get(task, {}).items():
                if "not_run" in figures:
                    continue
                lines.append(f"| {corpus} | {system} | " + " | ".join(_cell(figures.get(key)) for _, key in columns) + " |")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _cell(value) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def current_section(readme: str) -> str:
    """What the README shows between the markers."""
    return readme[readme.index(START) + len(START) : readme.index(END)].strip()


def update(readme_path: Path = README, results_path: Path = RESULTS) -> None:
    readme = readme_path.read_text(encoding="utf-8")
    tables = render(json.loads(results_path.read_text(encoding="utf-8")))
    start, end = readme.index(START) + len(START), readme.index(END)
    readme_path.write_text(readme[:start] + "\n" + tables + "\n" + readme[end:], encoding="utf-8")
