-- A resolved interval never ends before it starts.
select timex_id, start_date, end_date
from {{ ref('stg_temporal_expressions') }}
where start_date > end_date
