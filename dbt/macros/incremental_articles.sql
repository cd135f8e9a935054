{#
  Article-local marts are incremental, keyed on article_id: a run builds the rows of the
  articles it has not built yet (new ones, and re-processed ones, which were tagged again)
  and deletes, then inserts, those articles' rows. Rows of every other article stay as they
  were. `dbt build --full-refresh` (the DAG's full_refresh param) rebuilds them from every
  live article and gives the same rows.

  articles_to_build(live): in an incremental build, a filter keeping the rows of `live` (a
  relation with article_id and tagged_at) whose article this model holds with another
  tagging or not at all; outside one, no filter.
#}
{% macro articles_to_build(live) -%}
{%- if is_incremental() -%}
where not exists (
    select 1 from {{ this }} as built
    where built.article_id = {{ live }}.article_id and built.tagged_at is not distinct from {{ live }}.tagged_at
)
{%- endif -%}
{%- endmacro %}

{#
  A post-hook of the same models: rows whose article is no longer live with the same
  tagging leave the model. That drops an article quarantined, removed by an operator or
  superseded by a new version of its file since the last build, and the stale rows of a
  re-processed article that now yields none.
#}
{% macro drop_rows_not_live_in(live_relation) -%}
delete from {{ this }} as built
where not exists (
    select 1 from {{ live_relation }} as live
    where live.article_id = built.article_id and live.tagged_at is not distinct from built.tagged_at
)
{%- endmacro %}
