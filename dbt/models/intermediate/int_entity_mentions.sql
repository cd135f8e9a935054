-- Every mention linked to an entity: names and aliases, pronouns and descriptors that
-- refer to them, and demonyms (linked to their country by relation, with no entity_id).
-- A capital that acts or speaks ("Teheran said") stays the city, its country's government
-- recorded as a relation (related_entity_id, relation = 'metonym_of'): metonyms are kept
-- apart from their countries, and the government reading is one join away.
with named as (
    select * from {{ ref('int_mention_names') }}
),

clusters as (
    select * from {{ ref('int_entity_clusters') }}
),

entities as (
    select * from {{ ref('int_entities') }}
),

named_linked as (
    select
        named.mention_id,
        named.article_id,
        named.sentence_index,
        named.start_char,
        named.end_char,
        named.surface_text,
        case when lower(named.bare_name) = entities.canonical_key then 'name' else 'alias' end as mention_kind,
        named.entity_label,
        entities.entity_id,
        countries.entity_id as related_entity_id,
        case when countries.entity_id is not null then 'metonym_of' end as relation
    from named
    inner join clusters using (article_name_key)
    inner join entities using (canonical_key)
    left join {{ ref('capitals') }} as capitals
        on named.is_agent and named.entity_label = 'GPE' and lower(capitals.capital) = lower(named.bare_name)
    left join entities as countries on countries.canonical_key = lower(capitals.country)
),

coreference as (
    select
        coref.mention_id,
        coref.article_id,
        sentences.sentence_index,
        coref.start_char,
        coref.end_char,
        coref.surface_text,
        coref.mention_kind,
        cast(null as varchar) as entity_label,
        named_linked.entity_id,
        cast(null as varchar) as related_entity_id,
        cast(null as varchar) as relation
    from {{ ref('stg_coreference_mentions') }} as coref
    inner join named_linked on named_linked.mention_id = coref.refers_to_mention_id
    left join {{ ref('stg_sentences') }} as sentences
        on sentences.article_id = coref.article_id
        and coref.start_char >= sentences.start_char
        and coref.start_char < sentences.end_char
),

demonyms as (
    select
        mentions.mention_id,
        mentions.article_id,
        mentions.sentence_index,
        mentions.start_char,
        mentions.end_char,
        mentions.surface_text,
        'demonym' as mention_kind,
        mentions.entity_label,
        cast(null as varchar) as entity_id,
        countries.entity_id as related_entity_id,
        'demonym_of' as relation
    from {{ ref('stg_entity_mentions') }} as mentions
    inner join {{ ref('demonyms') }} as demonym_list on lower(demonym_list.demonym) = mentions.name_key
    left join entities as countries on countries.canonical_key = lower(demonym_list.country)
    where mentions.entity_label = 'NORP'
)

select * from named_linked
union all
select * from coreference
union all
select * from demonyms
