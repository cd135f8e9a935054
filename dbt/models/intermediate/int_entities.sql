-- One row per canonical entity: its id, name, type (curated, else voted by its mentions) and QID.
with mentions as (
    select * from {{ ref('int_mention_names') }}
),

clusters as (
    select * from {{ ref('int_entity_clusters') }}
),

curated as (
    select distinct canonical_key, entity_type, wikidata_qid from {{ ref('int_alias_keys') }}
),

label_votes as (
    -- the weight of the mentions decides the type, not one mislabel
    select
        clusters.canonical_key,
        mentions.entity_label,
        count(*) as votes
    from mentions
    inner join clusters using (article_name_key)
    group by all
),

voted_type as (
    select
        canonical_key,
        first(
            entity_label order by
                votes desc,
                case entity_label when 'PERSON' then 3 when 'GPE' then 2 when 'ORG' then 1 else 0 end desc,
                entity_label
        ) as entity_type
    from label_votes
    group by canonical_key
),

names as (
    select distinct canonical_key, canonical_name from clusters
)

select
    coalesce(curated.wikidata_qid, 'NW' || left(md5(names.canonical_key), 10)) as entity_id,
    names.canonical_name,
    names.canonical_key,
    coalesce(curated.entity_type, voted_type.entity_type) as entity_type,
    curated.wikidata_qid,
    curated.canonical_key is not null as is_curated
from names
left join curated using (canonical_key)
left join voted_type using (canonical_key)
