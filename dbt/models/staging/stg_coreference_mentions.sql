-- Pronoun and descriptor mentions the tagger resolved to a named mention of the same article.
with source_mentions as (
    select * from {{ source('raw', 'coreference_mentions') }}
    where {{ is_live_article() }}
)

select
    article_id || ':' || start_char || '-' || end_char as mention_id,
    article_id,
    start_char,
    end_char,
    surface_text,
    mention_kind,
    refers_to_mention_id
from source_mentions
