-- What is dated when: one row per time expression, with its article's publication date.
with expressions as (
    select * from {{ ref('stg_temporal_expressions') }}
),

articles as (
    select article_id, published_date from {{ ref('dim_articles') }}
)

select
    expressions.timex_id,
    expressions.article_id,
    articles.published_date,
    expressions.sentence_index,
    expressions.start_char,
    expressions.end_char,
    expressions.expression_text,
    expressions.timex_type,
    expressions.timex_value,
    expressions.start_date,
    expressions.end_date,
    expressions.granularity,
    expressions.is_calendar_resolved,
    expressions.anchor_kind,
    expressions.anchor_date,
    expressions.tense_direction,
    expressions.in_quote,
    expressions.resolution_rule,
    expressions.unresolved_reason
from expressions
inner join articles using (article_id)
