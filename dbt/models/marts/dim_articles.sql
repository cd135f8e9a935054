-- One row per article with its date and how much the NLP stage found in it.
-- Incremental: a run builds the rows of new and re-processed articles only (macros/incremental_articles.sql).
{{ config(
    materialized='incremental',
    unique_key='article_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    post_hook="{{ drop_rows_not_live_in(ref('stg_articles')) }}"
) }}

with articles as (
    select * from {{ ref('stg_articles') }} as live
    {{ articles_to_build('live') }}
),

sentence_counts as (
    select article_id, count(*) as sentence_count
    from {{ ref('stg_sentences') }}
    where article_id in (select article_id from articles)
    group by article_id
),

mention_counts as (
    select article_id, count(*) as mention_count
    from {{ ref('stg_entity_mentions') }}
    where article_id in (select article_id from articles)
    group by article_id
)

select
    articles.article_id,
    articles.published_date,
    articles.source_path,
    articles.text_length,
    coalesce(sentence_counts.sentence_count, 0) as sentence_count,
    coalesce(mention_counts.mention_count, 0) as mention_count,
    articles.ingested_at,
    articles.tagged_at
from articles
left join sentence_counts using (article_id)
left join mention_counts using (article_id)
