-- Every resolved start and end date has a row in dim_dates.
select e.timex_id
from {{ ref('stg_temporal_expressions') }} e
left join {{ ref('dim_dates') }} s on s.date_day = e.start_date
left join {{ ref('dim_dates') }} f on f.date_day = e.end_date
where e.is_calendar_resolved and (s.date_day is null or f.date_day is null)
