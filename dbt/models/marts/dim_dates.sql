-- A calendar with one row per day, covering every publication date and every resolved interval.
with article_bounds as (
    select min(published_date) as first_day, max(published_date) as last_day
    from {{ ref('stg_articles') }}
),

expression_bounds as (
    select min(start_date) as first_day, max(end_date) as last_day
    from {{ ref('stg_temporal_expressions') }}
    where is_calendar_resolved
),

bounds as (
    select
        least(a.first_day, coalesce(e.first_day, a.first_day)) as first_day,
        greatest(a.last_day, coalesce(e.last_day, a.last_day)) as last_day
    from article_bounds a
    cross join expression_bounds e
),

days as (
    select cast(unnest(generate_series(first_day, last_day, interval 1 day)) as date) as date_day
    from bounds
    where first_day is not null
)

select
    date_day,
    year(date_day) as year_number,
    quarter(date_day) as quarter_number,
    month(date_day) as month_number,
    monthname(date_day) as month_name,
    isoyear(date_day) as iso_year,
    week(date_day) as iso_week,
    strftime(date_day, '%G-W%V') as iso_week_value,
    isodow(date_day) as iso_day_of_week,
    dayname(date_day) as day_name,
    isodow(date_day) >= 6 as is_weekend
from days
