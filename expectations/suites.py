"""Reading the stage suite files (``expectations/suites/<stage>.yml``).

A check pairs a SQL query over the warehouse with GX expectations on its result.
The query shapes the data (one row per article for coverage, one row per mention
for offsets); GX does the judging and reports the failing rows by the query's
``row_id`` columns. Settings such as the plausible date window are written as
``"{setting_name}"`` placeholders so thresholds live in one place (extract/config.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SUITES_DIR = Path(__file__).parent / "suites"
SEVERITIES = ("critical", "quarantine", "warning")
"""What a failed check does: ``critical`` stops the run (a systemic failure: batch-level shares,
zero articles); ``quarantine`` sets aside the articles its failing rows belong to and the run
goes on; ``warning`` is recorded and logged only."""


class SuiteFileError(ValueError):
    """A suite file does not have the expected shape; the message names file and check."""


@dataclass(frozen=True)
class ExpectationSpec:
    """One GX expectation, by its snake_case type, with keyword arguments."""

    type: str
    kwargs: dict[str, Any]


@dataclass(frozen=True)
class Check:
    """A named query and the expectations its rows must meet."""

    name: str
    severity: str
    description: str
    query: str
    row_id: tuple[str, ...]
    expectations: tuple[ExpectationSpec, ...]


def load_suite(stage: str, placeholders: Mapping[str, Any], suites_dir: Path = SUITES_DIR) -> list[Check]:
    """Read a stage's checks, substituting ``"{name}"`` placeholders from settings."""
    path = suites_dir / f"{stage}.yml"
    if not path.exists():
        raise SuiteFileError(f"no suite file for stage {stage!r} at {path}")
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [_check(entry, path, placeholders) for entry in document.get("checks", [])]


def _check(entry: Mapping[str, Any], path: Path, placeholders: Mapping[str, Any]) -> Check:
    name = entry.get("name", "<unnamed>")
    severity = entry.get("severity", "critical")
    if severity not in SEVERITIES:
        raise SuiteFileError(f"{path.name}: check {name!r} has severity {severity!r}; use one of {SEVERITIES}")
    if not entry.get("query") or not entry.get("expectations"):
        raise SuiteFileError(f"{path.name}: check {name!r} needs a query and at least one expectation")
    if severity == "quarantine" and "article_id" not in entry.get("row_id", []):
        raise SuiteFileError(
            f"{path.name}: check {name!r} quarantines articles, so its row_id must include article_id"
        )
    expectations = []
    for item in entry["expectations"]:
        (type_, kwargs), = item.items()
        expectations.append(ExpectationSpec(type_, _fill(kwargs or {}, placeholders, path, name)))
    return Check(
        name=name,
        severity=severity,
        description=" ".join(str(entry.get("description", "")).split()),
        query=entry["query"],
        row_id=tuple(entry.get("row_id", [])),
        expectations=tuple(expectations),
    )


def _fill(kwargs: Mapping[str, Any], placeholders: Mapping[str, Any], path: Path, name: str) -> dict[str, Any]:
    """A value that is exactly ``"{setting}"`` becomes the setting (keeping its type); a longer
    string gets settings formatted into it (``row_condition: "run_articles >= {min_articles}"``)."""
    filled = {}
    for key, value in kwargs.items():
        if isinstance(value, str) and "{" in value:
            try:
                if value.startswith("{") and value.endswith("}") and value.count("{") == 1:
                    value = placeholders[value[1:-1]]
                else:
                    value = value.format_map(placeholders)
            except KeyError as err:
                raise SuiteFileError(f"{path.name}: check {name!r} uses unknown setting {{{err.args[0]}}}") from err
        filled[key] = value
    return filled
