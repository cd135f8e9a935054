-- One row per real-world event (deduplicated across mentions and articles): what, who, where, when, status.
with mentions as (
    select * from {{ ref('fct_event_mentions') }}
),

entities as (
    select entity_id, canonical_name from {{ ref('int_entities') }}
),

dated_mentions as (
    select event_id, event_mention_id, timex_id, timex_value, start_date, end_date,
        bool_or(timex_id is not null) over (partition by event_id) as event_has_written_date
    from mentions
    where start_date is not null
),

dated as (
    -- a date the text writes wins over the publication day an undated lede mention stands for
    select event_id, event_mention_id, timex_value, start_date, end_date,
        date_diff('day', start_date, end_date) as span_days
    from dated_mentions
    where timex_id is not null or not event_has_written_date
),

consistency as (
    -- a dated mention is consistent when its interval overlaps every other dated mention of the event
    select a.event_id, a.event_mention_id, a.timex_value, a.start_date, a.end_date, a.span_days,
        bool_and(b.start_date <= a.end_date and a.start_date <= b.end_date) as overlaps_all
    from dated a
    inner join dated b using (event_id)
    group by all
),

ranked_dates as (
    -- the most specific interval consistent with every mention; among equals the most specific
    -- value ("2025-10-17TMO" before "2025-10-17"), then the first in order, so reruns agree
    select *,
        row_number() over (
            partition by event_id
            order by (not overlaps_all), span_days, length(timex_value) desc, timex_value, event_mention_id
        ) as date_rank
    from consistency
),

best_date as (
    select
        event_id,
        any_value(timex_value) filter (where date_rank = 1) as timex_value,
        any_value(start_date) filter (where date_rank = 1) as start_date,
        any_value(end_date) filter (where date_rank = 1) as end_date,
        not bool_and(overlaps_all) as has_date_conflict,
        list(distinct timex_value order by timex_value) as reported_values
    from ranked_dates
    group by event_id
),

vague_times as (
    -- an event no mention dates may still be placed ahead ("in the coming days": FUTURE_REF); a
    -- PRESENT_REF ("now") or PAST_REF ("recently") restates when the report speaks, not the event's date
    select event_id, min(timex_value) as timex_value
    from mentions
    where start_date is null and timex_value = 'FUTURE_REF'
    group by event_id
),

participant_lists as (
    -- named participants, and separately those only a plural reference ("the two leaders") points to
    select event_id, is_vague,
        list(distinct entities.entity_id order by entities.entity_id) as participant_entity_ids,
        list(distinct entities.canonical_name order by entities.canonical_name) as participants
    from (
        select event_id, false as is_vague, unnest(participant_entity_ids) as entity_id from mentions
        union all
        select event_id, true as is_vague, unnest(vague_participant_entity_ids) as entity_id from mentions
    ) listed
    inner join entities using (entity_id)
    group by event_id, is_vague
),

participants as (
    select * from participant_lists where not is_vague
),

vague_participants as (
    select * from participant_lists where is_vague
),

places as (
    select event_id, first(entities.canonical_name order by uses desc, entities.canonical_name) as location, list(distinct entities.canonical_name order by entities.canonical_name) as locations
    from (
        select event_id, location_entity_id as entity_id, count(*) as uses
        from mentions where location_entity_id is not null group by all
    ) used
    inner join entities using (entity_id)
    group by event_id
),

summary as (
    select
        event_id,
        -- generic kinds (meeting, visit, conference) give way to specific ones; ties break by name
        arg_max(event_kind, struct_pack(
            specificity := case event_kind when 'meeting' then 0 when 'conference' then 1 when 'visit' then 2
                when 'call' then 3 when 'talks' then 5 when 'summit' then 6 else 4 end,
            kind := event_kind
        )) as event_kind,
        arg_max(event_status, case event_status when 'cancelled' then 6 when 'postponed' then 5 when 'held' then 4
            when 'ongoing' then 3 when 'scheduled' then 2 else 1 end) as event_status,
        bool_or(time_status = 'to be determined') as said_to_be_determined,
        min(published_date) as first_reported,
        max(published_date) as last_reported,
        count(*) as mention_count,
        count(distinct article_id) as article_count
    from mentions
    group by event_id
)

select
    summary.event_id,
    summary.event_kind,
    coalesce(participants.participant_entity_ids, vague_participants.participant_entity_ids, []) as participant_entity_ids,
    coalesce(participants.participants, vague_participants.participants, []) as participants,
    places.location,
    coalesce(places.locations, []) as locations,
    coalesce(best_date.timex_value, vague_times.timex_value) as timex_value,
    best_date.start_date,
    best_date.end_date,
    case
        when best_date.start_date is not null then 'resolved'
        when summary.said_to_be_determined then 'to be determined'
        else 'unknown'
    end as date_status,
    coalesce(best_date.has_date_conflict, false) as has_date_conflict,
    coalesce(best_date.reported_values, []) as reported_values,
    summary.event_status,
    summary.first_reported,
    summary.last_reported,
    summary.mention_count,
    summary.article_count
from summary
left join participants using (event_id)
left join vague_participants using (event_id)
left join places using (event_id)
left join best_date using (event_id)
left join vague_times using (event_id)
