-- One row per quote (a paragraph of a direct quotation, a partial quote, or reported speech).
with source_quotes as (
    select * from {{ source('raw', 'quotes') }}
    where {{ is_live_article() }}
)

select
    quote_id,
    article_id,
    kind as quote_kind,
    quote_text,
    start_char,
    end_char,
    speaker_text,
    speaker_start,
    speaker_end,
    speaker_kind,
    speaker_name,
    speaker_mention_id,
    verb_lemma,
    verb_start,
    medium,
    utterance_date
from source_quotes
