-- Every way an entity was written or is curated, keyed for lookup with newswire_name_key(),
-- with the rule that tied the written form to the entity (auditable merges).
with named as (
    select * from {{ ref('int_mention_names') }}
),

clusters as (
    select * from {{ ref('int_entity_clusters') }}
),

entities as (
    select * from {{ ref('int_entities') }}
),

observed as (
    select
        {{ name_key('named.surface_text') }} as alias_key,
        entities.entity_id,
        'observed' as alias_source,
        case
            when named.link_rule is not null and clusters.match_rule in ('self', 'seed_alias')
                then 'in_article_' || named.link_rule
            when named.link_rule is not null then 'in_article_' || named.link_rule || '+' || clusters.match_rule
            else clusters.match_rule
        end as merge_rule
    from named
    inner join clusters using (article_name_key)
    inner join entities using (canonical_key)
),

referring as (
    select distinct {{ name_key('surface_text') }} as alias_key, entity_id, mention_kind as alias_source,
        'coreference' as merge_rule
    from {{ ref('fct_mentions') }}
    where entity_id is not null and mention_kind in ('pronoun', 'descriptor')
),

curated as (
    select distinct aliases.alias_key, entities.entity_id, 'curated' as alias_source, 'curated' as merge_rule
    from {{ ref('int_alias_keys') }} as aliases
    inner join entities using (canonical_key)
)

select distinct alias_key, entity_id, alias_source, merge_rule
from (
    select * from observed
    union all
    select * from referring
    union all
    select * from curated
)
where alias_key <> ''
