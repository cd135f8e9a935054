-- One row per entity mention, with the publication date of its article for time series.
with mentions as (
    select * from {{ ref('stg_entity_mentions') }}
),

articles as (
    select article_id, published_date from {{ ref('stg_articles') }}
)

select
    mentions.mention_id,
    mentions.article_id,
    articles.published_date,
    mentions.sentence_index,
    mentions.start_char,
    mentions.end_char,
    mentions.surface_text,
    mentions.entity_label
from mentions
inner join articles using (article_id)
