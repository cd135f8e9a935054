-- Bridge: who takes part in each event, in which role (host, subject, attendee).
with event_mentions as (
    select event_id, event_mention_id from {{ ref('fct_event_mentions') }}
),

mention_participants as (
    select * from {{ ref('int_event_participants') }}
),

entities as (
    select entity_id, canonical_name, entity_type from {{ ref('int_entities') }}
),

per_event as (
    -- an entity's role in an event is the strongest any mention gives it; named beats vague
    select
        event_mentions.event_id,
        mention_participants.entity_id,
        min_by(mention_participants.participant_role, case mention_participants.participant_role
            when 'host' then 0 when 'subject' then 1 else 2 end) as participant_role,
        bool_and(mention_participants.is_vague) as is_vague,
        count(*) as mention_count
    from mention_participants
    inner join event_mentions using (event_mention_id)
    group by event_mentions.event_id, mention_participants.entity_id
)

select
    per_event.event_id,
    per_event.entity_id,
    entities.canonical_name as participant,
    entities.entity_type,
    per_event.participant_role,
    per_event.is_vague,
    per_event.mention_count
from per_event
inner join entities using (entity_id)
