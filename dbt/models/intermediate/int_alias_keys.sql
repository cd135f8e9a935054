-- The curated aliases, keyed the way mentions are matched.
with aliases as (
    select * from {{ ref('entity_aliases') }}
)

select distinct
    {{ name_key('alias') }} as alias_key,
    canonical_name,
    lower(canonical_name) as canonical_key,
    entity_type,
    wikidata_qid
from aliases
