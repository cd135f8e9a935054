-- One row per temporal expression, with a key and a flag for calendar-resolved rows.
with source_expressions as (
    select * from {{ source('raw', 'temporal_expressions') }}
    where {{ is_live_article() }}
)

select
    article_id || ':' || start_char || '-' || end_char as timex_id,
    article_id,
    sentence_index,
    start_char,
    end_char,
    expression_text,
    timex_type,
    timex_value,
    start_date,
    end_date,
    granularity,
    anchor_kind,
    anchor_date,
    tense_direction,
    resolution_rule,
    in_quote,
    start_date is not null as is_calendar_resolved,
    unresolved_reason
from source_expressions
