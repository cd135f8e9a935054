-- Each named-entity mention with the name it stands for in its article: the full name the
-- tag stage linked it to ("Trump" → "Donald Trump", "ANC" → "African National Congress",
-- extract/mention_links.py), else its own bare name. Demonyms ("Russian") and numeric labels
-- are left out: they are not entity mentions.
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
)

select
    mention_id,
    article_id,
    sentence_index,
    start_char,
    end_char,
    surface_text,
    bare_name,
    entity_label,
    coalesce(nullif(linked_name, ''), bare_name) as article_name,
    lower(coalesce(nullif(linked_name, ''), bare_name)) as article_name_key,
    nullif(linked_name, '') is not null as linked_in_article,
    link_rule,
    is_agent
from named_mentions
