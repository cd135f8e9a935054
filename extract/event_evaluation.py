"""Scoring scheduled events in a warehouse against a gold file shaped like ``shared/gold/seed_articles.json``.

Gold events are listed per article (kind, participants, location, value/start/end,
status). A system event counts for an article when one of its mentions is in that
article. A gold event matches a system event with the same kind, the same participants
and place (gold names looked up with the warehouse's own ``newswire_name_key``), the same
status and, when the gold gives one, the same date value and interval. Cross-article
pairs of the gold (the same event in both seed articles) must land on one system event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from extract.scoring import percent


@dataclass(frozen=True)
class SystemEvent:
    event_id: str
    kind: str
    participant_ids: frozenset[str]
    location_ids: frozenset[str]
    value: str | None
    start: str | None
    end: str | None
    status: str


@dataclass
class EventScores:
    gold: int = 0
    system: int = 0
    matched_gold: int = 0
    matched_system: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return percent(self.matched_system, self.system)

    @property
    def recall(self) -> float:
        return percent(self.matched_gold, self.gold)


def entity_of(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    rows = con.execute(
        "select distinct entity_id from marts.dim_entity_aliases where alias_key = newswire_name_key(?)", [name]
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def system_events_by_file(con: duckdb.DuckDBPyConnection) -> dict[str, list[SystemEvent]]:
    rows = con.execute(
        """
        select distinct a.source_path, e.event_id, e.event_kind, e.participant_entity_ids,
            e.locations, e.timex_value, e.start_date, e.end_date, e.event_status
        from marts.fct_scheduled_events e
        join marts.fct_event_mentions m using (event_id)
        join raw.articles a on a.article_id = m.article_id
        """
    ).fetchall()
    by_file: dict[str, list[SystemEvent]] = {}
    for path, event_id, kind, participants, locations, value, start, end, status in rows:
        location_ids = frozenset(filter(None, (entity_of(con, name) for name in locations)))
        by_file.setdefault(Path(path).name, []).append(
            SystemEvent(event_id, kind, frozenset(participants), location_ids, value,
                        start.isoformat() if start else None, end.isoformat() if end else None, status)
        )
    return by_file


def matches(con: duckdb.DuckDBPyConnection, gold: dict, event: SystemEvent) -> bool:
    participants = {entity_of(con, name) for name in gold["participants"]}
    if event.kind != gold["kind"] or event.status != gold["status"] or participants != set(event.participant_ids):
        return False
    if gold.get("location") and entity_of(con, gold["location"]) not in event.location_ids:
        return False
    if gold.get("value") is not None:
        if event.value != gold["value"]:
            return False
        if "start" in gold and (event.start, event.end) != (gold["start"], gold["end"]):
            return False
    return True


def score(con: duckdb.DuckDBPyConnection, gold: dict) -> tuple[EventScores, dict[str, dict[int, str]]]:
    """Scores, and per article the system event each gold event (by index) matched."""
    scores = EventScores()
    matched: dict[str, dict[int, str]] = {}
    system = system_events_by_file(con)
    for file_name, article in gold["articles"].items():
        events = system.get(file_name, [])
        scores.gold += len(article["events"])
        scores.system += len(events)
        used: set[str] = set()
        for index, gold_event in enumerate(article["events"]):
            hit = next((e for e in events if e.event_id not in used and matches(con, gold_event, e)), None)
            if hit is None:
                scores.misses.append(f"{file_name}: {gold_event['kind']} {gold_event['participants']} {gold_event.get('value')}")
                continue
            used.add(hit.event_id)
            matched.setdefault(file_name, {})[index] = hit.event_id
            scores.matched_gold += 1
        scores.matched_system += len(used)
    return scores, matched
