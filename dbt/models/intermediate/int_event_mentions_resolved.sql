-- Event mentions with canonical participants and place, and the date interval of their time.
with events as (
    select * from {{ ref('stg_event_mentions') }}
),

entity_mentions as (
    select mention_id, entity_id from {{ ref('int_entity_mentions') }} where entity_id is not null
),

entities as (
    select entity_id, canonical_name, entity_type from {{ ref('int_entities') }}
),

participants as (
    select * from {{ ref('int_event_participants') }}
),

explicit_participants as (
    select event_mention_id, list(entity_id order by entity_id) as ids
    from participants
    where not is_vague
    group by event_mention_id
),

vague_participants as (
    -- people a plural reference points to, unless the mention also names them
    select event_mention_id, list(entity_id order by entity_id) as ids
    from participants
    where is_vague
    group by event_mention_id
),

places as (
    select entity_mentions.mention_id, entities.entity_id, entities.canonical_name
    from entity_mentions
    inner join entities using (entity_id)
),

times as (
    select timex_id, timex_value, start_date, end_date, granularity from {{ ref('stg_temporal_expressions') }}
),

articles as (
    select article_id, published_date from {{ ref('stg_articles') }}
)

select
    events.event_mention_id,
    events.article_id,
    articles.published_date,
    events.event_kind,
    events.event_family,
    coalesce(explicit_participants.ids, []) as participant_entity_ids,
    coalesce(vague_participants.ids, []) as vague_participant_entity_ids,
    places.entity_id as location_entity_id,
    places.canonical_name as location_name,
    events.timex_id,
    -- an undated lede event told in the present perfect is the news of the publication day
    case when events.time_status = 'publication day' then strftime(articles.published_date, '%Y-%m-%d')
        else times.timex_value end as timex_value,
    case when events.time_status = 'publication day' then articles.published_date else times.start_date end as start_date,
    case when events.time_status = 'publication day' then articles.published_date else times.end_date end as end_date,
    case when events.time_status = 'publication day' then 'day' else times.granularity end as granularity,
    events.time_status,
    events.event_status,
    events.is_anaphoric,
    events.trigger,
    events.evidence
from events
inner join articles using (article_id)
left join explicit_participants using (event_mention_id)
left join vague_participants using (event_mention_id)
left join places on places.mention_id = events.location_mention_id
left join times using (timex_id)
