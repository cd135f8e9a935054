"""The event deduplication model (dbt/models/intermediate/int_event_clusters.py) on small frames.

The dbt Python model is a plain function of ``dbt.ref(...)`` frames, so it is loaded from its
file and given frames directly; the real dbt build runs it in the integration tests.
"""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import pandas as pd

from extract.config import PROJECT_ROOT

MODEL = PROJECT_ROOT / "dbt" / "models" / "intermediate" / "int_event_clusters.py"


def cluster(mentions: list[dict], hierarchy: list[tuple[str, str]] = ()) -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("int_event_clusters", MODEL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    frames = {
        "int_event_mentions_resolved": pd.DataFrame([_row(m) for m in mentions]),
        "place_hierarchy": pd.DataFrame(list(hierarchy), columns=["place", "within"]),
    }
    dbt = SimpleNamespace(config=lambda **_: None, ref=lambda name: SimpleNamespace(df=lambda: frames[name]))
    result = module.model(dbt, None)
    return dict(zip(result.event_mention_id, result.event_id, strict=True))


def _row(mention: dict) -> dict:
    day = mention.get("day")
    return {
        "event_mention_id": mention["id"],
        "article_id": mention.get("article", "a1"),
        "event_family": mention.get("family", "meeting"),
        "participant_entity_ids": mention.get("who", []),
        "vague_participant_entity_ids": [],
        "location_name": mention.get("place"),
        "start_date": day,
        "end_date": day,
        "timex_value": day,
        "published_date": "2025-10-01",
    }


def test_same_article_mentions_sharing_participants_are_one_event() -> None:
    ids = cluster([{"id": "m1", "who": ["berg", "lopez"], "day": "2025-10-10"}, {"id": "m2", "who": ["berg", "lopez"]}])
    assert ids["m1"] == ids["m2"]


def test_other_family_or_other_people_stay_apart() -> None:
    ids = cluster([
        {"id": "m1", "who": ["berg", "lopez"]},
        {"id": "m2", "who": ["berg", "lopez"], "family": "vote"},
        {"id": "m3", "who": ["petrov", "moss"]},
    ])
    assert len(set(ids.values())) == 3


def test_across_articles_names_alone_do_not_merge() -> None:
    ids = cluster([
        {"id": "m1", "who": ["berg", "usa"], "article": "a1", "day": "2025-10-10"},
        {"id": "m2", "who": ["berg", "usa"], "article": "a2"},
    ])
    assert ids["m1"] != ids["m2"]


def test_across_articles_an_agreeing_date_or_place_merges() -> None:
    ids = cluster([
        {"id": "m1", "who": ["berg", "lopez"], "article": "a1", "day": "2025-10-10"},
        {"id": "m2", "who": ["berg", "lopez"], "article": "a2", "day": "2025-10-10"},
        {"id": "m3", "who": ["berg", "lopez"], "article": "a3", "place": "Oval Office"},
        {"id": "m4", "who": ["berg", "lopez"], "article": "a4", "place": "White House", "day": "2025-10-10"},
    ], hierarchy=[("Oval Office", "White House")])
    assert len({ids["m1"], ids["m2"], ids["m4"]}) == 1
    assert ids["m3"] == ids["m1"]  # the Oval Office lies within the White House


def test_across_articles_a_place_within_the_other_merges() -> None:
    ids = cluster([
        {"id": "m1", "who": ["berg", "lopez"], "article": "a1", "place": "Bergen", "day": "2025-10-10"},
        {"id": "m2", "who": ["berg", "lopez"], "article": "a2", "place": "Norway"},
        {"id": "m3", "who": ["berg", "lopez"], "article": "a3", "place": "Lisbon"},
    ], hierarchy=[("Bergen", "Norway")])
    assert ids["m1"] == ids["m2"] != ids["m3"]


def test_conflicting_dates_stay_apart() -> None:
    ids = cluster([
        {"id": "m1", "who": ["berg", "lopez"], "day": "2025-10-10"},
        {"id": "m2", "who": ["berg", "lopez"], "day": "2025-11-20"},
    ])
    assert ids["m1"] != ids["m2"]


def test_blocking_finds_the_same_events_as_comparing_all() -> None:
    """Many mentions, few sharing keys: each still lands with the one it agrees with."""
    mentions = []
    for n in range(300):
        mentions.append({"id": f"x{n}", "who": [f"p{n}", f"q{n}"], "article": f"a{n}", "day": "2025-10-10"})
        mentions.append({"id": f"y{n}", "who": [f"p{n}", f"q{n}"], "article": f"a{n}"})
    ids = cluster(mentions)
    assert all(ids[f"x{n}"] == ids[f"y{n}"] for n in range(300))
    assert len(set(ids.values())) == 300
