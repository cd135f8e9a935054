-- One row per NER mention, keyed by article and character offsets.
with source_mentions as (
    select * from {{ source('raw', 'entity_mentions') }}
)

select
    article_id || ':' || start_char || '-' || end_char as mention_id,
    article_id,
    sentence_index,
    start_char,
    end_char,
    surface_text,
    entity_label
from source_mentions
