-- Every way an entity was written or is curated, keyed for lookup with newswire_name_key().
with mentions as (
    select * from {{ ref('fct_mentions') }}
    where entity_id is not null
),

observed as (
    select distinct
        {{ name_key('surface_text') }} as alias_key,
        entity_id,
        case when mention_kind in ('pronoun', 'descriptor') then mention_kind else 'observed' end as alias_source
    from mentions
),

curated as (
    select distinct aliases.alias_key, entities.entity_id, 'curated' as alias_source
    from {{ ref('int_alias_keys') }} as aliases
    inner join {{ ref('int_entities') }} as entities using (canonical_key)
)

select distinct alias_key, entity_id, alias_source
from (
    select * from observed
    union all
    select * from curated
)
where alias_key <> ''
