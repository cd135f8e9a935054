"""Scheduled events of the seed gold: found with participants, place, date and status; cross-article duplicates collapse."""

from __future__ import annotations

import duckdb
import pytest

from extract.event_evaluation import score
from extract.quote_evaluation import load_gold
from tests.conftest import GOLD_FILE

pytestmark = pytest.mark.integration

GOLD = load_gold(GOLD_FILE)
CASES = [
    pytest.param(file_name, index, id=f"{file_name[:3]}-{event['kind']}-{'-'.join(event['participants'])}-{event.get('value')}")
    for file_name, article in GOLD["articles"].items()
    for index, event in enumerate(article["events"])
]
SAME_EVENT_PAIRS = [  # (index in the first article, index in the second), per the gold's cross_article notes
    (2, 0),  # Trump–Zelenskyy meeting on 2025-10-17
    (1, 2),  # Trump–Putin summit in Budapest
    (0, 1),  # US–Russia talks in 2025-W43
    (4, 3),  # Trump–Putin call of 2025-10-16
    (5, 4),  # Alaska summit of August 2025
]


@pytest.fixture(scope="module")
def matched(seed_run) -> dict[str, dict[int, str]]:
    con = duckdb.connect(str(seed_run.warehouse), read_only=True)
    try:
        return score(con, GOLD)[1]
    finally:
        con.close()


@pytest.mark.parametrize(("file_name", "index"), CASES)
def test_gold_event_found(matched, file_name: str, index: int) -> None:
    assert index in matched.get(file_name, {}), GOLD["articles"][file_name]["events"][index]


def test_same_events_collapse_across_articles(matched, seed_run) -> None:
    first, second = list(GOLD["articles"])
    for a, b in SAME_EVENT_PAIRS:
        event_id = matched[first][a]
        assert matched[second][b] == event_id
        assert seed_run.query("select article_count from marts.fct_scheduled_events where event_id = ?", [event_id]) == [(2,)]


def test_budapest_summit_takes_the_most_specific_date(seed_run) -> None:
    rows = seed_run.query(
        "select timex_value, start_date::varchar, end_date::varchar, has_date_conflict, event_status"
        " from marts.fct_scheduled_events where location = 'Budapest'"
    )
    assert rows == [("P2W", "2025-10-17", "2025-10-31", False, "scheduled")]


def test_no_spurious_events_on_the_seeds(seed_run) -> None:
    assert seed_run.query("select count(*) from marts.fct_scheduled_events") == [(8,)]
