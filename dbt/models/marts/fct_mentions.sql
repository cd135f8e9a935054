-- One row per entity mention, linked to its canonical entity and dated by its article.
with mentions as (
    select * from {{ ref('int_entity_mentions') }}
),

articles as (
    select article_id, published_date from {{ ref('stg_articles') }}
)

select
    mentions.mention_id,
    mentions.entity_id,
    mentions.article_id,
    articles.published_date,
    mentions.sentence_index,
    mentions.start_char,
    mentions.end_char,
    mentions.surface_text,
    mentions.mention_kind,
    mentions.entity_label,
    mentions.related_entity_id,
    mentions.relation
from mentions
inner join articles using (article_id)
