-- One row per article, with the columns downstream models use.
with source_articles as (
    select * from {{ source('raw', 'articles') }}
    where {{ is_live_article() }}
)

select
    article_id,
    source_path,
    published_date,
    article_text,
    length(article_text) as text_length,
    content_sha256,
    ingested_at
from source_articles
