"""Scoring scheduled events from the marts against gold shaped like ``shared/gold/seed_articles.json``.

Gold events are listed per article (kind, participants, location, value/start/end, status,
and the evidence: verbatim fragments of the article). A system event is **trigger-matched**
to a gold event when one of its mentions in that article has its trigger word inside one of
the gold's evidence fragments (each system event serves one gold event per article). On a
trigger match each attribute is scored (the partial-credit breakdown): kind, participants
(the gold names as entities, ``evaluation.entities.gold_entity_id``, equal as a set), place,
date (value, and the interval when the gold gives one; no value means "to be determined")
and status. A **full match** needs trigger, kind, participants and date right; precision is
over system events per article (an event reported in two articles counts in each).

Same-event links: the gold describes in words which events recur across articles; the pairs
are derived from the gold events themselves (same kind, same participants, overlapping dates,
or the same place when a date is open) and checked against the system: a derived pair is found when both gold
events are trigger-matched to one system event.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

import duckdb

from evaluation.corpora import ArticleCorpus, evidence_fragments
from evaluation.scoring import percent, precision_recall_f1

ATTRIBUTES = ("kind", "participants", "place", "date", "status")


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
    triggers: tuple[tuple[int, int], ...]  # trigger offsets of its mentions in one article


@dataclass
class EventScores:
    gold: int = 0
    system: int = 0
    full: int = 0
    trigger_matched: int = 0
    attribute_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    link_gold: int = 0
    link_system: int = 0
    link_right: int = 0
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float | int]:
        p, r, f1 = precision_recall_f1(self.full, self.system, self.gold)
        flat: dict[str, float | int] = {
            "gold": self.gold, "system": self.system, "p": round(p, 1), "r": round(r, 1), "f1": round(f1, 1),
            "trigger_matched": self.trigger_matched,
        }
        for name, right in self.attribute_right.items():
            flat[f"{name}_pct"] = round(percent(right, self.trigger_matched), 1)
        flat["links_gold"] = self.link_gold
        flat["links_p"] = round(percent(self.link_right, self.link_system), 1)
        flat["links_r"] = round(percent(self.link_right, self.link_gold), 1)
        return flat


def system_events_by_file(con: duckdb.DuckDBPyConnection) -> dict[str, list[SystemEvent]]:
    """Published events per article file, with the trigger offsets of their mentions in it."""
    rows = con.execute(
        """
        with event_places as (
            select event_id, list(distinct location_entity_id) filter (where location_entity_id is not null) as ids
            from marts.fct_event_mentions
            group by event_id
        )
        select a.source_path, e.event_id, any_value(e.event_kind), any_value(e.participant_entity_ids),
            any_value(coalesce(p.ids, [])), any_value(e.timex_value), any_value(e.start_date), any_value(e.end_date),
            any_value(e.event_status), list(m.event_mention_id order by m.event_mention_id)
        from marts.fct_scheduled_events e
        join marts.fct_event_mentions m using (event_id)
        join marts.dim_articles a on a.article_id = m.article_id
        left join event_places p on p.event_id = e.event_id
        group by a.source_path, e.event_id
        order by a.source_path, e.event_id
        """
    ).fetchall()
    by_file: dict[str, list[SystemEvent]] = {}
    for path, event_id, kind, participants, location_ids, value, start, end, status, mention_ids in rows:
        triggers = tuple(_offsets(m) for m in mention_ids)
        by_file.setdefault(Path(path).name, []).append(
            SystemEvent(event_id, kind, frozenset(participants), frozenset(location_ids), value,
                        start.isoformat() if start else None, end.isoformat() if end else None, status, triggers)
        )
    return by_file


def _offsets(mention_id: str) -> tuple[int, int]:
    start, end = mention_id.rsplit(":", 1)[1].split("-")
    return int(start), int(end)


def attributes_right(gold: dict, event: SystemEvent, entity_id: Callable[[str], str | None]) -> dict[str, bool]:
    participants = {entity_id(name) for name in gold["participants"]}
    location = gold.get("location")
    if gold.get("value") is None:
        date_right = event.value is None
    else:
        date_right = event.value == gold["value"] and (
            "start" not in gold or gold["start"] is None or (event.start, event.end) == (gold["start"], gold["end"])
        )
    return {
        "kind": event.kind == gold["kind"],
        "participants": None not in participants and participants == set(event.participant_ids),
        "place": (not event.location_ids) if not location else entity_id(location) in event.location_ids,
        "date": date_right,
        "status": event.status == gold["status"],
    }


def score(
    con: duckdb.DuckDBPyConnection, corpus: ArticleCorpus, entity_id: Callable[[str], str | None]
) -> EventScores:
    scores = EventScores()
    system = system_events_by_file(con)
    matched: dict[tuple[str, int], str] = {}  # (file, gold index) -> system event id
    for file_name, article_gold in corpus.gold["articles"].items():
        text = corpus.articles[file_name].text
        events = system.get(file_name, [])
        scores.gold += len(article_gold["events"])
        scores.system += len(events)
        used: set[str] = set()
        for index, gold_event in enumerate(article_gold["events"]):
            spans = _fragment_spans(text, gold_event["evidence"])
            candidates = [
                (attributes_right(gold_event, e, entity_id), e) for e in events
                if e.event_id not in used and any(fs <= s and e2 <= fe for s, e2 in e.triggers for fs, fe in spans)
            ]
            if not candidates:
                scores.misses.append(f"{file_name}: no trigger for {gold_event['kind']} {gold_event['participants']}")
                continue
            right, event = max(candidates, key=lambda c: (_full(c[0]), sum(c[0].values())))
            used.add(event.event_id)
            matched[(file_name, index)] = event.event_id
            scores.trigger_matched += 1
            for name, ok in right.items():
                scores.attribute_right[name] += ok
            if _full(right):
                scores.full += 1
            else:
                wrong = [name for name, ok in right.items() if not ok]
                scores.misses.append(f"{file_name}: {gold_event['kind']} {gold_event['participants']} wrong {wrong}")
    _score_links(scores, corpus, matched)
    return scores


def _full(right: dict[str, bool]) -> bool:
    return right["kind"] and right["participants"] and right["date"]


def _fragment_spans(text: str, evidence: str) -> list[tuple[int, int]]:
    spans = []
    for fragment in evidence_fragments(evidence):
        at = text.find(fragment)
        if at >= 0:
            spans.append((at, at + len(fragment)))
    return spans


def gold_links(corpus: ArticleCorpus) -> set[tuple[tuple[str, int], tuple[str, int]]]:
    """Pairs of gold events in different articles that are one event: same kind, same participants,
    and intervals that overlap (2024-05 and 2024-05-29); when one date is open, the places must be
    the same too (the Budapest summit "at a date to be determined" is not the August summit in Alaska)."""
    events = [
        ((file_name, index), event)
        for file_name, article in corpus.gold["articles"].items()
        for index, event in enumerate(article["events"])
    ]
    return {
        (a, b)
        for (a, ea), (b, eb) in combinations(events, 2)
        if a[0] != b[0] and ea["kind"] == eb["kind"] and set(ea["participants"]) == set(eb["participants"])
        and _same_time_and_place(ea, eb)
    }


def _same_time_and_place(a: dict, b: dict) -> bool:
    first, second = _interval(a), _interval(b)
    if first is None or second is None:
        return a.get("location") is not None and a.get("location") == b.get("location")
    return first[0] <= second[1] and second[0] <= first[1]


def _interval(event: dict) -> tuple[date, date] | None:
    """The days a gold event's date covers (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www or start/end); None when open."""
    if event.get("start") and event.get("end"):
        return date.fromisoformat(event["start"]), date.fromisoformat(event["end"])
    value = event.get("value") or ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        day = date.fromisoformat(value)
        return day, day
    if re.fullmatch(r"\d{4}-\d{2}", value):
        first = date.fromisoformat(value + "-01")
        return first, date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 1, 1), date(int(value), 12, 31)
    if week := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
        return monday, monday + timedelta(days=6)
    return None


def _score_links(scores: EventScores, corpus: ArticleCorpus, matched: dict[tuple[str, int], str]) -> None:
    links = gold_links(corpus)
    scores.link_gold = len(links)
    keys = sorted(matched)  # (file, gold index): a stable order
    for a, b in combinations(keys, 2):
        if a[0] == b[0] or matched[a] != matched[b]:
            continue
        scores.link_system += 1
        scores.link_right += (a, b) in links or (b, a) in links
