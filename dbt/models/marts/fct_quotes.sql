-- Who said what: one row per quote, with its speaker, article date and utterance date.
with quotes as (
    select * from {{ ref('stg_quotes') }}
),

articles as (
    select article_id, published_date from {{ ref('dim_articles') }}
)

select
    quotes.quote_id,
    quotes.article_id,
    articles.published_date,
    quotes.utterance_date,
    coalesce(quotes.utterance_date, articles.published_date) as said_on_or_before,
    quotes.quote_kind,
    quotes.quote_text,
    quotes.speaker_name,
    quotes.speaker_text,
    quotes.speaker_kind,
    quotes.speaker_mention_id,
    quotes.verb_lemma,
    quotes.medium,
    quotes.start_char,
    quotes.end_char
from quotes
inner join articles using (article_id)
