-- Each named-entity mention with the fullest form of its name in the same article:
-- "Trump", "Mr. Trump", "Trump’s" → "Donald Trump" when the article names Donald Trump.
-- Demonyms ("Russian") and numeric labels are left out: they are not entity mentions.
with entity_mentions as (
    select *
    from {{ ref('stg_entity_mentions') }}
    where entity_label in ('PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'NORP', 'PRODUCT', 'EVENT', 'WORK_OF_ART', 'LAW')
      and bare_name <> ''
),

demonym_keys as (
    select lower(demonym) as demonym_key from {{ ref('demonyms') }}
),

named_mentions as (
    select entity_mentions.*
    from entity_mentions
    where not (entity_label = 'NORP' and name_key in (select demonym_key from demonym_keys))
),

person_full_names as (
    -- multi-word names the article gives a person, indexed by their last word
    select
        article_id,
        bare_name as full_name,
        lower(string_split(bare_name, ' ')[-1]) as surname_key,
        count(*) as uses
    from named_mentions
    where entity_label = 'PERSON' and bare_name like '% %'
    group by all
),

fullest_name_per_surname as (
    select article_id, surname_key, first(full_name order by length(full_name) desc, uses desc, full_name) as full_name
    from person_full_names
    group by all
)

select
    named_mentions.mention_id,
    named_mentions.article_id,
    named_mentions.sentence_index,
    named_mentions.start_char,
    named_mentions.end_char,
    named_mentions.surface_text,
    named_mentions.bare_name,
    named_mentions.entity_label,
    coalesce(fullest.full_name, named_mentions.bare_name) as article_name,
    lower(coalesce(fullest.full_name, named_mentions.bare_name)) as article_name_key,
    fullest.full_name is not null as linked_in_article
from named_mentions
left join fullest_name_per_surname as fullest
    on fullest.article_id = named_mentions.article_id
    and fullest.surname_key = named_mentions.name_key
    and named_mentions.bare_name not like '% %'
    and named_mentions.entity_label in ('PERSON', 'ORG')
