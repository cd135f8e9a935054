-- What is dated when: one row per time expression, with its article's publication date.
-- Incremental: a run builds the rows of new and re-processed articles only (macros/incremental_articles.sql).
{{ config(
    materialized='incremental',
    unique_key='article_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    post_hook="{{ drop_rows_not_live_in(ref('dim_articles')) }}"
) }}

with articles as (
    select article_id, published_date, tagged_at from {{ ref('dim_articles') }} as live
    {{ articles_to_build('live') }}
),

expressions as (
    select * from {{ ref('stg_temporal_expressions') }}
    where article_id in (select article_id from articles)
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
    expressions.unresolved_reason,
    articles.tagged_at
from expressions
inner join articles using (article_id)
