-- One row per canonical entity with when it was seen and how often.
with entities as (
    select * from {{ ref('int_entities') }}
),

mentions as (
    select * from {{ ref('fct_mentions') }}
),

usage as (
    select
        entity_id,
        min(published_date) as first_seen,
        max(published_date) as last_seen,
        count(*) filter (where mention_kind in ('name', 'alias')) as mention_count,
        count(*) filter (where mention_kind in ('pronoun', 'descriptor')) as coreference_count,
        count(distinct article_id) as article_count
    from mentions
    where entity_id is not null
    group by entity_id
)

select
    entities.entity_id,
    entities.canonical_name,
    entities.entity_type,
    entities.wikidata_qid,
    entities.is_curated,
    usage.first_seen,
    usage.last_seen,
    usage.mention_count,
    usage.coreference_count,
    usage.article_count
from entities
inner join usage using (entity_id)
