-- One row per event mention, with the event family used for deduplication.
with source_events as (
    select * from {{ source('raw', 'event_mentions') }}
    where {{ is_live_article() }}
)

select
    event_mention_id,
    article_id,
    sentence_index,
    start_char,
    end_char,
    trigger,
    kind as event_kind,
    case when kind in ('meeting', 'summit', 'talks', 'visit') then 'meeting' else kind end as event_family,
    participant_mention_ids,
    vague_participant_mention_ids,
    location_mention_id,
    location_text,
    timex_id,
    time_status,
    status as event_status,
    is_anaphoric,
    evidence
from source_events
