"""Every time expression of the seed gold, resolved by the real pipeline run, with the gold's value,
interval and anchor."""

from __future__ import annotations

import json

import pytest

from extract.temporal.evaluation import gold_type, locate
from tests.conftest import GOLD_FILE

pytestmark = pytest.mark.integration

GOLD = json.loads(GOLD_FILE.read_text(encoding="utf-8"))
CASES = [
    pytest.param(file_name, entry, id=f"{file_name[:3]}-{entry['text']}-{entry['context'][:30]}")
    for file_name, article in GOLD["articles"].items()
    for entry in article["timexes"]
]


@pytest.fixture(scope="module")
def expressions(seed_run) -> dict[str, tuple[str, list[dict]]]:
    """Per seed file: its article text and its temporal expression rows."""
    by_file: dict[str, tuple[str, list[dict]]] = {}
    articles = seed_run.query("select article_id, source_path, article_text from raw.articles")
    for article_id, source_path, text in articles:
        rows = seed_run.query(
            "select start_char, end_char, expression_text, timex_type, timex_value, start_date, end_date,"
            " anchor_kind, granularity from raw.temporal_expressions where article_id = ?",
            [article_id],
        )
        keys = ["start", "end", "text", "type", "value", "start_date", "end_date", "anchor_kind", "granularity"]
        by_file[source_path.rsplit("/", 1)[-1]] = (text, [dict(zip(keys, r)) for r in rows])
    return by_file


@pytest.mark.parametrize(("file_name", "entry"), CASES)
def test_gold_expression_resolved(expressions, file_name: str, entry: dict) -> None:
    text, rows = expressions[file_name]
    start, end = locate(text, entry)
    found = [r for r in rows if r["start"] < end and start < r["end"]]
    assert found, f"{entry['text']!r} in {entry['context']!r} not detected"
    row = found[0]
    assert row["text"].lower() == entry["text"].lower()
    assert row["value"] == entry["value"]
    assert row["type"] == gold_type(entry)
    if "start" in entry:
        assert (row["start_date"].isoformat(), row["end_date"].isoformat()) == (entry["start"], entry["end"])
    if row["type"] == "DURATION" and "start" not in entry:
        assert row["start_date"] is None, "a plain duration must not be resolved to a date"
    anchor = entry.get("anchor", "")
    if anchor:
        assert row["anchor_kind"] == anchor.split()[0]


def test_every_resolved_expression_has_an_ordered_interval(seed_run) -> None:
    rows = seed_run.query(
        "select count(*), count(*) filter (where start_date <= end_date and granularity is not null)"
        " from raw.temporal_expressions where start_date is not null"
    )
    total, ordered = rows[0]
    assert total >= 20 and ordered == total


def test_dim_dates_covers_every_resolved_day(seed_run) -> None:
    missing = seed_run.query(
        "select count(*) from staging.stg_temporal_expressions e"
        " left join marts.dim_dates d on d.date_day = e.start_date"
        " where e.is_calendar_resolved and d.date_day is null"
    )
    assert missing == [(0,)]
    assert seed_run.query("select iso_week_value from marts.dim_dates where date_day = date '2025-10-20'") == [
        ("2025-W43",)
    ]
