-- Who said what: one row per quote, with its canonical speaker, article date and utterance date.
with quotes as (
    select * from {{ ref('stg_quotes') }}
),

articles as (
    select article_id, published_date from {{ ref('dim_articles') }}
),

speaker_mentions as (
    select mention_id, entity_id from {{ ref('int_entity_mentions') }}
),

entities as (
    select entity_id, canonical_name from {{ ref('int_entities') }}
)

select
    quotes.quote_id,
    quotes.article_id,
    articles.published_date,
    quotes.utterance_date,
    coalesce(quotes.utterance_date, articles.published_date) as said_on_or_before,
    quotes.quote_kind,
    quotes.quote_text,
    speaker_mentions.entity_id as speaker_entity_id,
    entities.canonical_name as speaker,
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
left join speaker_mentions on speaker_mentions.mention_id = quotes.speaker_mention_id
left join entities using (entity_id)
