"""Which event mentions report the same event, within and across articles.

Python rather than SQL: merging is greedy and order-dependent (each mention joins the
best compatible event found so far). Mentions with the most evidence go first. A
mention joins an event of the same family (meeting-like, call, vote, conference) when:

- its place is unknown, the same, or one lies within the other (seeds/place_hierarchy.csv);
- its date interval is unknown or overlaps the event's;
- the participants agree: named participants share two entities (or all, when fewer are
  known); a mention with only vague participants ("the two leaders") shares them (up to
  two) or reports the same date value; a mention with none needs a place or a date that agrees;
- across articles, shared participants are not enough: both must give a date (overlapping,
  as above) or the same place, so one country's many visits stay apart.

Among compatible events the one sharing most participants, then the most exact date
and place, wins. A mention is compared only with the events that share a blocking key
with it (a participant, the place, the dated value; see ``_keys``), which are the only
ones it can agree with: the cost grows with the events per key, not with all events. Conflicting dates are not averaged: fct_scheduled_events shows them.
"""

import hashlib

import pandas as pd


def _ancestors(hierarchy):
    parents = {}
    for row in hierarchy.itertuples():
        parents.setdefault(row.place, set()).add(row.within)
    closure = {}
    for place in parents:
        seen, todo = set(), list(parents[place])
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(parents.get(parent, ()))
        closure[place] = seen
    return closure


def _keys(mention):
    """The blocking keys a mention brings to its event: each participant, its place, its dated value.

    Every way two mentions can agree (a shared participant, the same place, the same dated
    value) goes through one of these keys, so comparing a mention only with the events that
    share a key finds the same event as comparing it with all, at a cost that grows with the
    events sharing a key rather than with every event in the warehouse."""
    family = mention["family"]
    keys = [(family, "who", entity) for entity in mention["named"] | mention["vague"]]
    if mention["place"] is not None:
        keys.append((family, "place", mention["place"]))
    if mention["interval"] is not None and mention["value"] is not None:
        keys.append((family, "value", mention["value"]))
    return keys


def _candidates(mention, index):
    """Events sharing a blocking key with the mention, oldest first (the order ties are broken in)."""
    found = set()
    for key in _keys(mention):
        found |= index.get(key, set())
    return sorted(found)


def _same_time_or_place(mention, event, same_place):
    """Another article's mention must agree on something besides who: a date both give, or a
    place both give that is the same or lies within the other ("Budapest" and "Hungary")."""
    dated = mention["interval"] is not None and bool(event["intervals"])
    placed = mention["place"] is not None and bool(event["places"]) and same_place(mention["place"], event["places"])
    return dated or placed


def model(dbt, session):
    dbt.config(materialized="table")
    mentions = dbt.ref("int_event_mentions_resolved").df()
    within = _ancestors(dbt.ref("place_hierarchy").df())

    def same_place(a, places):
        if a is None or pd.isna(a) or not places:
            return True
        return any(a == b or b in within.get(a, ()) or a in within.get(b, ()) for b in places)

    def interval(row):
        if pd.isna(row.start_date) or pd.isna(row.end_date):
            return None
        return (pd.Timestamp(row.start_date), pd.Timestamp(row.end_date))

    rows = []
    for row in mentions.itertuples():
        rows.append(
            {
                "id": row.event_mention_id,
                "family": row.event_family,
                "named": set(row.participant_entity_ids),
                "vague": set(row.vague_participant_entity_ids),
                "place": None if pd.isna(row.location_name) else row.location_name,
                "interval": interval(row),
                "value": row.timex_value,
                "published": row.published_date,
                "article": row.article_id,
            }
        )
    rows.sort(key=lambda r: (-len(r["named"]), r["interval"] is None, r["place"] is None, str(r["published"]), r["id"]))

    events = []
    index = {}  # (family, "who"/"place"/"value", key) -> numbers of the events that have it
    for mention in rows:
        best, best_score = None, None
        for number in _candidates(mention, index):
            event = events[number]
            if not same_place(mention["place"], event["places"]):
                continue
            if mention["interval"] and any(
                mention["interval"][0] > end or start > mention["interval"][1] for start, end in event["intervals"]
            ):
                continue
            named_shared = len(mention["named"] & event["named"])
            any_shared = len((mention["named"] | mention["vague"]) & (event["named"] | event["vague"]))
            if mention["named"] and event["named"]:
                agree = named_shared >= min(2, len(mention["named"]), len(event["named"]))
            elif mention["named"] or mention["vague"]:
                people = mention["named"] | mention["vague"]
                agree = any_shared >= min(2, len(people)) or (
                    mention["interval"] is not None and mention["value"] in event["values"]
                )
            else:
                agree = (mention["place"] is not None and mention["place"] in event["places"]) or (
                    mention["interval"] is not None and mention["value"] in event["values"]
                )
            if not agree:
                continue
            if mention["article"] not in event["articles"] and not _same_time_or_place(mention, event, same_place):
                continue  # across articles, shared names alone are not enough: "a visit" is not every visit
            score = (
                named_shared * 3 + any_shared
                + (3 if mention["value"] is not None and mention["value"] in event["values"] else 0)
                + (1 if mention["place"] is not None and mention["place"] in event["places"] else 0)
            )
            if best_score is None or score > best_score:
                best, best_score = event, score
        if best is None:
            best = {"number": len(events), "family": mention["family"], "named": set(), "vague": set(),
                    "places": set(), "intervals": [], "values": set(), "mentions": [], "articles": set()}
            events.append(best)
        best["named"] |= mention["named"]
        best["vague"] |= mention["vague"]
        if mention["place"] is not None:
            best["places"].add(mention["place"])
        if mention["interval"] is not None:
            best["intervals"].append(mention["interval"])
            best["values"].add(mention["value"])
        best["mentions"].append(mention)
        best["articles"].add(mention["article"])
        for key in _keys(mention):
            index.setdefault(key, set()).add(best["number"])

    assignments = []
    for event in events:
        first = min(event["mentions"], key=lambda m: (str(m["published"]), m["id"]))["id"]
        event_id = "EV" + hashlib.md5(first.encode()).hexdigest()[:10]
        assignments.extend({"event_mention_id": m["id"], "event_id": event_id} for m in event["mentions"])
    return pd.DataFrame(assignments, columns=["event_mention_id", "event_id"])
