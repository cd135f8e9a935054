-- One row per NER mention, keyed by article and character offsets, with its name forms for matching.
with source_mentions as (
    select * from {{ source('raw', 'entity_mentions') }}
    where {{ is_live_article() }}
)

select
    article_id || ':' || start_char || '-' || end_char as mention_id,
    article_id,
    sentence_index,
    start_char,
    end_char,
    surface_text,
    {{ bare_name('surface_text') }} as bare_name,
    {{ name_key('surface_text') }} as name_key,
    entity_label,
    {{ bare_name('linked_name') }} as linked_name,
    link_rule,
    coalesce(is_agent, false) as is_agent
from source_mentions
