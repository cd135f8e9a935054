-- Every participant of every event mention as a canonical entity, with its role.
-- A nationality that stands for its side ("an Israeli delegation") counts as its country.
with events as (
    select * from {{ ref('stg_event_mentions') }}
),

entity_mentions as (
    select mention_id, coalesce(entity_id, related_entity_id) as entity_id
    from {{ ref('int_entity_mentions') }}
    where coalesce(entity_id, related_entity_id) is not null
),

paired as (
    -- mention ids and roles are parallel lists
    select event_mention_id, unnest(list_zip(participant_mention_ids, participant_roles)) as pair
    from events
),

named as (
    select event_mention_id, pair[1] as mention_id, pair[2] as role, false as is_vague
    from paired
),

vague as (
    select events.event_mention_id, p.mention_id, 'attendee' as role, true as is_vague
    from events, unnest(events.vague_participant_mention_ids) as p(mention_id)
),

listed as (
    select * from named
    union all
    select * from vague
)

-- one row per (mention, entity): the strongest role any of its mentions gets, named before vague
select
    listed.event_mention_id,
    entity_mentions.entity_id,
    min_by(coalesce(listed.role, 'attendee'), case coalesce(listed.role, 'attendee')
        when 'host' then 0 when 'subject' then 1 else 2 end) as participant_role,
    bool_and(listed.is_vague) as is_vague
from listed
inner join entity_mentions using (mention_id)
group by listed.event_mention_id, entity_mentions.entity_id
