{#
  How a written name becomes comparable: drop an unclosed parenthesis the NER span took
  ("Democratic Alliance (DA"), a possessive ("Trump’s", and the owner in
  "Trump’s White House"), a leading "the"
  before a capitalised name or a year ("the US", "the 2022 World Cup"), and leading titles and honorifics
  ("Mr.", "US President", "Secretary of State", "Senate Majority Leader").
  bare_name keeps the case (for display); name_key lowercases it (for matching).
#}
{% macro title_words_pattern() -%}
'^((Mr|Mrs|Ms|Dr|Messrs|Sen|Rep|Gov|Gen|Lt|Col)\.?|US|U\.S\.|American|Russian|Ukrainian|Hungarian|Indian|President|Vice|Prime|Minister|Deputy|Foreign|Defense|Defence|Secretary|of|State|Senate|House|Majority|Minority|Leader|Speaker|Chancellor|Senator|Governor|Ambassador)\s+'
{%- endmacro %}

{% macro bare_name(expression) -%}
trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(trim({{ expression }}), '\s*\([^)]*$', ''),
    '^[A-Z][A-Za-z.-]*[’'']s\s+([A-Z])', '\1'),
    '[’'']s$', ''),
    '^[Tt]he\s+([A-Z0-9])', '\1'),
    {{ title_words_pattern() }}, ''),
    {{ title_words_pattern() }}, ''),
    {{ title_words_pattern() }}, ''))
{%- endmacro %}

{% macro name_key(expression) -%}
lower({{ bare_name(expression) }})
{%- endmacro %}

{# A SQL macro in the warehouse, so users can look names up the way the models match them:
   select * from marts.dim_entity_aliases where alias_key = newswire_name_key('Mr. Zelensky') #}
{% macro create_name_key_function() -%}
create or replace macro main.newswire_name_key(name) as {{ name_key('name') }}
{%- endmacro %}
