-- One row per sentence of each article.
with source_sentences as (
    select * from {{ source('raw', 'sentences') }}
    where {{ is_live_article() }}
)

select
    article_id || ':' || sentence_index as sentence_id,
    article_id,
    sentence_index,
    start_char,
    end_char,
    sentence_text
from source_sentences
