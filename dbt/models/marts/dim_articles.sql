-- One row per article with its date and how much the NLP stage found in it.
with articles as (
    select * from {{ ref('stg_articles') }}
),

sentence_counts as (
    select article_id, count(*) as sentence_count
    from {{ ref('stg_sentences') }}
    group by article_id
),

mention_counts as (
    select article_id, count(*) as mention_count
    from {{ ref('stg_entity_mentions') }}
    group by article_id
)

select
    articles.article_id,
    articles.published_date,
    articles.source_path,
    articles.text_length,
    coalesce(sentence_counts.sentence_count, 0) as sentence_count,
    coalesce(mention_counts.mention_count, 0) as mention_count,
    articles.ingested_at
from articles
left join sentence_counts using (article_id)
left join mention_counts using (article_id)
