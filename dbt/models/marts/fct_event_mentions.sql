-- Bridge: every event mention with the event it reports.
with mentions as (
    select * from {{ ref('int_event_mentions_resolved') }}
),

clusters as (
    select * from {{ ref('int_event_clusters') }}
)

select
    clusters.event_id,
    mentions.event_mention_id,
    mentions.article_id,
    mentions.published_date,
    mentions.event_kind,
    mentions.trigger,
    mentions.event_status,
    mentions.participant_entity_ids,
    mentions.vague_participant_entity_ids,
    mentions.location_entity_id,
    mentions.timex_id,
    mentions.timex_value,
    mentions.start_date,
    mentions.end_date,
    mentions.time_status,
    mentions.is_anaphoric,
    mentions.evidence
from mentions
inner join clusters using (event_mention_id)
