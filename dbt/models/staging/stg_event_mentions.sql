-- One row per event mention, with the event family (from the event_kinds seed) used for deduplication.
with source_events as (
    select * from {{ source('raw', 'event_mentions') }}
    where {{ is_live_article() }}
),

event_kinds as (
    select event_kind, event_family from {{ ref('event_kinds') }}
)

select
    source_events.event_mention_id,
    source_events.article_id,
    source_events.sentence_index,
    source_events.start_char,
    source_events.end_char,
    source_events.trigger,
    source_events.kind as event_kind,
    coalesce(event_kinds.event_family, source_events.kind) as event_family,
    source_events.participant_mention_ids,
    -- rows tagged before roles existed count every participant as an attendee
    coalesce(
        source_events.participant_roles,
        list_transform(source_events.participant_mention_ids, lambda x: 'attendee')
    ) as participant_roles,
    source_events.vague_participant_mention_ids,
    source_events.location_mention_id,
    source_events.location_text,
    source_events.timex_id,
    source_events.time_status,
    source_events.status as event_status,
    source_events.is_anaphoric,
    source_events.evidence
from source_events
left join event_kinds on event_kinds.event_kind = source_events.kind
