"""The README shows the quality figures `make eval` measured last (bench/results/quality.json)."""

from __future__ import annotations

import json

from evaluation import readme_table


def test_readme_tables_equal_the_last_report() -> None:
    readme = readme_table.README.read_text(encoding="utf-8")
    results = json.loads(readme_table.RESULTS.read_text(encoding="utf-8"))
    assert readme_table.current_section(readme) == readme_table.render(results)
