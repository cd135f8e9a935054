{#
  Staging reads only live articles: the current version of each source file, not under
  quarantine (raw.live_articles, a view the pipeline keeps in the warehouse schema; see
  extract/warehouse.py). Every staging model filters on it, so superseded and quarantined
  articles leave every view and mart at once.
#}
{% macro is_live_article(column='article_id') -%}
{{ column }} in (select article_id from {{ source('raw', 'live_articles') }})
{%- endmacro %}
