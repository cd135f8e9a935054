-- One row per article, with the columns downstream models use.
with source_articles as (
    select * from {{ source('raw', 'articles') }}
    where {{ is_live_article() }}
),

tagging as (
    select article_id, tagged_at from {{ source('raw', 'tagged_articles') }}
)

select
    source_articles.article_id,
    source_articles.source_path,
    source_articles.published_date,
    source_articles.article_text,
    length(source_articles.article_text) as text_length,
    source_articles.content_sha256,
    source_articles.ingested_at,
    tagging.tagged_at
from source_articles
left join tagging using (article_id)
