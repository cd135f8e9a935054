"""What the marts hold after the sample run on seeds/: structure and behaviour a user relies on.

No quality figure comes from here (seeds/ was written for the project with the gold open):
the quality floors on real text are in test_quality_on_real_text.py.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def test_every_resolved_expression_has_an_ordered_interval(seed_run) -> None:
    total, ordered = seed_run.query(
        "select count(*), count(*) filter (where start_date <= end_date and granularity is not null)"
        " from marts.fct_temporal_expressions where start_date is not null"
    )[0]
    assert total >= 20 and ordered == total


def test_dim_dates_covers_every_resolved_day(seed_run) -> None:
    missing = seed_run.query(
        "select count(*) from marts.fct_temporal_expressions e"
        " left join marts.dim_dates d on d.date_day = e.start_date"
        " where e.is_calendar_resolved and d.date_day is null"
    )
    assert missing == [(0,)]
    assert seed_run.query("select iso_week_value from marts.dim_dates where date_day = date '2025-10-20'") == [
        ("2025-W43",)
    ]


def test_demonyms_relate_to_their_country_without_counting_as_it(seed_run) -> None:
    rows = seed_run.query(
        "select m.entity_id, e.canonical_name from marts.fct_mentions m"
        " join marts.dim_entities e on e.entity_id = m.related_entity_id"
        " where m.surface_text = 'Russian' and m.relation = 'demonym_of'"
    )
    assert rows and set(rows) == {(None, "Russia")}
    russia_mentions = seed_run.query("select mention_count from marts.dim_entities where canonical_name = 'Russia'")[0][0]
    by_name = seed_run.query(
        "select count(*) from marts.fct_mentions m join marts.dim_entities e using (entity_id)"
        " where e.canonical_name = 'Russia' and m.mention_kind in ('name', 'alias')"
    )[0][0]
    assert russia_mentions == by_name


def test_pronouns_and_descriptors_counted_apart(seed_run) -> None:
    [(mentions, coreference)] = seed_run.query(
        "select mention_count, coreference_count from marts.dim_entities where canonical_name = 'Donald Trump'"
    )
    assert mentions >= 10 and coreference >= 2


def test_org_mislabelled_surnames_are_mended_and_the_person_typed_person(seed_run) -> None:
    """spaCy's small model tags a bare "Trump" ORG in places; the tag stage relabels a one-word name
    that is the surname of a person named in full (extract/mention_links.py), and the type vote
    (dbt unit test type_is_voted_by_mentions_unless_curated) types him PERSON."""
    [(entity_type, org_labels, mentions)] = seed_run.query(
        "select e.entity_type, count(*) filter (where m.entity_label = 'ORG'), count(*)"
        " from marts.dim_entities e join marts.fct_mentions m using (entity_id)"
        " where e.canonical_name = 'Donald Trump' group by all"
    )
    assert entity_type == "PERSON" and mentions > 10 and org_labels == 0


def test_unnamed_source_kept_without_a_name(seed_run) -> None:
    rows = seed_run.query(
        "select speaker_kind, speaker_name, speaker_entity_id from marts.fct_quotes where speaker_text = 'an aide'"
    )
    assert rows and set(rows) == {("unnamed", None, None)}


def test_events_link_participants_and_keep_every_report(seed_run) -> None:
    rows = seed_run.query(
        "select e.event_id, len(e.participant_entity_ids), count(m.event_mention_id)"
        " from marts.fct_scheduled_events e join marts.fct_event_mentions m using (event_id) group by all"
    )
    assert rows and all(mentions >= 1 for _, _, mentions in rows)
    assert any(participants >= 2 for _, participants, _ in rows)
