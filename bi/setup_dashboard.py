"""Create or update the newswire dashboard in a running Superset, over its REST API.

Idempotent: the database connection, the three virtual datasets, the three charts and the
dashboard are looked up by name (dashboard by slug) and updated in place on every run.

Runs with the Superset venv's python (stdlib + requests + prison, both Superset dependencies);
it does not import the project's packages.

Environment (all optional):
  NEWSWIRE_BI_URL        Superset base URL               (default http://127.0.0.1:8088)
  NEWSWIRE_BI_USER       admin user                      (default admin)
  NEWSWIRE_BI_PASSWORD   admin password                  (default newswire)
  NEWSWIRE_PUBLISHED     published DuckDB file           (default <repo>/warehouse/published/newswire.duckdb)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import uuid
from pathlib import Path
from typing import Any

import prison
import requests

REPO = Path(__file__).resolve().parent.parent
DATABASE_NAME = "newswire (published marts)"
DASHBOARD_TITLE = "newswire"
DASHBOARD_SLUG = "newswire"
SCHEMA = "marts"
# Stable uuids make the objects recognisable across re-creations of the metadata database.
NS = uuid.UUID("6f1b7f1e-3c1a-4d53-9a55-6e6577737769")


def published_path() -> Path:
    default = REPO / "warehouse" / "published" / "newswire.duckdb"
    return Path(os.environ.get("NEWSWIRE_PUBLISHED", default)).resolve()


def duckdb_uri(path: Path) -> str:
    # Read-only, opened per query (Superset uses a NullPool for analytics databases), so an
    # os.replace() of the published file is picked up by the next query. No extension
    # auto-install: the product never reaches the network.
    return f"duckdb:///{path}?access_mode=read_only&autoinstall_known_extensions=false"


# --------------------------------------------------------------------------------------------
# Datasets (virtual, SQL over the published marts)
# --------------------------------------------------------------------------------------------
DATASETS: dict[str, str] = {
    "bi_entity_mentions_daily": """
SELECT
    a.published_date,
    e.canonical_name AS entity,
    e.entity_type,
    count(*) AS mentions
FROM marts.fct_mentions AS m
JOIN marts.dim_entities AS e ON e.entity_id = m.entity_id
JOIN marts.dim_articles AS a ON a.article_id = m.article_id
GROUP BY ALL
""",
    "bi_quotes_by_speaker": """
SELECT
    coalesce(q.speaker, '(unattributed)') AS speaker,
    q.speaker_kind,
    q.quote_kind,
    q.published_date,
    q.quote_id
FROM marts.fct_quotes AS q
""",
    # "Upcoming" is relative to the newest publication date in the warehouse (news_as_of), not
    # to the wall clock: the corpus is historical and every dated event may be in the past.
    "bi_scheduled_events": """
WITH latest AS (SELECT max(published_date) AS news_as_of FROM marts.dim_articles)
SELECT
    e.start_date,
    e.end_date,
    e.event_kind,
    e.event_status,
    e.date_status,
    CASE
        WHEN e.start_date IS NULL THEN 'undated'
        WHEN e.start_date > l.news_as_of THEN 'upcoming'
        WHEN coalesce(e.end_date, e.start_date) >= l.news_as_of THEN 'current'
        ELSE 'past'
    END AS timing,
    array_to_string(e.participants, ', ') AS participants,
    e.location,
    e.timex_value,
    e.has_date_conflict,
    e.mention_count,
    e.article_count,
    e.first_reported,
    e.last_reported,
    l.news_as_of,
    e.event_id
FROM marts.fct_scheduled_events AS e
CROSS JOIN latest AS l
""",
}


# --------------------------------------------------------------------------------------------
# Charts: form_data (params) + the query_context the frontend would save with them
# --------------------------------------------------------------------------------------------
def _metric(sql: str, label: str) -> dict[str, Any]:
    return {
        "expressionType": "SQL",
        "sqlExpression": sql,
        "label": label,
        "hasCustomLabel": True,
        "optionName": f"metric_{label}",
    }


def _base_axis(column: str, time_grain: str | None) -> dict[str, Any]:
    col: dict[str, Any] = {
        "columnType": "BASE_AXIS",
        "sqlExpression": column,
        "label": column,
        "expressionType": "SQL",
    }
    if time_grain:
        col["timeGrain"] = time_grain
    return col


def _pivot(index: str, series: str, metric: str) -> list[dict[str, Any]]:
    """The post-processing Superset's bar charts expect: one column per series value."""
    return [
        {
            "operation": "pivot",
            "options": {
                "index": [index],
                "columns": [series],
                "aggregates": {metric: {"operator": "mean"}},
                "drop_missing_columns": False,
            },
        },
        {"operation": "rename", "options": {"columns": {metric: None}, "level": 0, "inplace": True}},
        {"operation": "flatten"},
    ]


def _bar_params(dataset_id: int, metric: dict[str, Any], series: str, **chart: Any) -> dict[str, Any]:
    """Form data of a bar chart of one metric split by a series column: the look both bars share,
    then the chart's own axes and options."""
    return {
        "datasource": f"{dataset_id}__table",
        "viz_type": "echarts_timeseries_bar",
        "metrics": [metric],
        "groupby": [series],
        "adhoc_filters": [],
        "row_limit": 10000,
        "order_desc": True,
        "truncate_metric": True,
        "show_legend": True,
        "legendType": "scroll",
        "legendOrientation": "top",
        "y_axis_title_margin": 30,
        "rich_tooltip": True,
        "color_scheme": "supersetColors",
        **chart,
    }


def _query(**kw: Any) -> dict[str, Any]:
    q: dict[str, Any] = {
        "filters": [],
        "extras": {"having": "", "where": ""},
        "applied_time_extras": {},
        "columns": [],
        "metrics": [],
        "orderby": [],
        "annotation_layers": [],
        "row_limit": 10000,
        "series_limit": 0,
        "order_desc": True,
        "url_params": {},
        "custom_params": {},
        "custom_form_data": {},
        "post_processing": [],
    }
    q.update(kw)
    return q


def chart_specs(ds: dict[str, int]) -> list[dict[str, Any]]:
    """Return [{slice_name, viz_type, dataset_id, params, query}] for the three charts."""
    mentions = _metric("SUM(mentions)", "mentions")
    quotes = _metric("COUNT(*)", "quotes")

    ds_m = ds["bi_entity_mentions_daily"]
    mentions_params = _bar_params(
        ds_m, mentions, "entity",
        x_axis="published_date",
        time_grain_sqla="P1D",
        x_axis_sort_asc=True,
        series_limit=8,
        series_limit_metric=mentions,
        orientation="vertical",
        x_axis_title="publication date",
        x_axis_title_margin=30,
        y_axis_title="mentions",
        x_axis_time_format="%Y-%m-%d",
        show_value=False,
        only_total=True,
    )
    mentions_query = _query(
        columns=[_base_axis("published_date", "P1D"), "entity"],
        extras={"having": "", "where": "", "time_grain_sqla": "P1D"},
        metrics=[mentions],
        orderby=[[mentions, False]],
        series_columns=["entity"],
        series_limit=8,
        series_limit_metric=mentions,
        post_processing=_pivot("published_date", "entity", "mentions"),
    )

    ds_q = ds["bi_quotes_by_speaker"]
    quotes_params = _bar_params(
        ds_q, quotes, "speaker_kind",
        x_axis="speaker",
        x_axis_sort="quotes",
        x_axis_sort_asc=False,
        stack="Stack",
        orientation="horizontal",
        x_axis_title="",
        y_axis_title="quotes",
        show_value=True,
    )
    quotes_query = _query(
        columns=[_base_axis("speaker", None), "speaker_kind"],
        metrics=[quotes],
        orderby=[[quotes, False]],
        series_columns=["speaker_kind"],
        post_processing=_pivot("speaker", "speaker_kind", "quotes"),
    )

    ds_e = ds["bi_scheduled_events"]
    event_columns = [
        "start_date",
        "end_date",
        "timing",
        "event_kind",
        "event_status",
        "date_status",
        "participants",
        "location",
        "timex_value",
        "mention_count",
        "last_reported",
    ]
    events_params = {
        "datasource": f"{ds_e}__table",
        "viz_type": "table",
        "query_mode": "raw",
        "all_columns": event_columns,
        "order_by_cols": [json.dumps(["start_date", True]), json.dumps(["event_kind", True])],
        "adhoc_filters": [],
        "row_limit": 1000,
        "server_page_length": 10,
        "include_search": True,
        "table_timestamp_format": "%Y-%m-%d",
        "show_cell_bars": False,
        "color_pn": False,
    }
    events_query = _query(
        columns=event_columns,
        orderby=[["start_date", True], ["event_kind", True]],
        row_limit=1000,
    )

    return [
        {
            "slice_name": "Mentions per entity over time",
            "description": "Top 8 entities by mentions, per publication date (marts.fct_mentions).",
            "dataset_id": ds_m,
            "params": mentions_params,
            "query": mentions_query,
        },
        {
            "slice_name": "Quotes by speaker",
            "description": "Quotes per resolved speaker and how the speaker was named (marts.fct_quotes).",
            "dataset_id": ds_q,
            "params": quotes_params,
            "query": quotes_query,
        },
        {
            "slice_name": "Scheduled events by date and status",
            "description": (
                "All scheduled events ordered by start date (undated last); timing is upcoming / "
                "current / past relative to the newest publication date (news_as_of), not to "
                "today, undated when no date was resolved."
            ),
            "dataset_id": ds_e,
            "params": events_params,
            "query": events_query,
        },
    ]


# --------------------------------------------------------------------------------------------
# REST client
# --------------------------------------------------------------------------------------------
class Superset:
    def __init__(self, base_url: str, user: str, password: str) -> None:
        self.base = base_url.rstrip("/")
        self.s = requests.Session()
        self.s.headers["Referer"] = self.base
        r = self.s.post(
            f"{self.base}/api/v1/security/login",
            json={"username": user, "password": password, "provider": "db", "refresh": True},
            timeout=60,
        )
        r.raise_for_status()
        self.s.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        # Mutating endpoints are CSRF protected: token + the session cookie set by this call.
        r = self.s.get(f"{self.base}/api/v1/security/csrf_token/", timeout=60)
        r.raise_for_status()
        self.s.headers["X-CSRFToken"] = r.json()["result"]

    def call(self, method: str, path: str, **kw: Any) -> dict[str, Any]:
        r = self.s.request(method, f"{self.base}{path}", timeout=120, **kw)
        if r.status_code >= 400:
            raise RuntimeError(f"{method} {path} -> {r.status_code}: {r.text[:2000]}")
        return r.json() if r.content else {}

    def find(self, resource: str, col: str, value: str) -> list[dict[str, Any]]:
        q = prison.dumps(
            {"filters": [{"col": col, "opr": "eq", "value": value}], "page_size": 100}
        )
        return self.call("GET", f"/api/v1/{resource}/", params={"q": q})["result"]

    def upsert(self, resource: str, col: str, value: str, payload: dict[str, Any],
               create_only: dict[str, Any] | None = None) -> tuple[int, bool]:
        found = self.find(resource, col, value)
        if found:
            oid = found[0]["id"]
            self.call("PUT", f"/api/v1/{resource}/{oid}", json=payload)
            return oid, False
        body = {**payload, **(create_only or {})}
        return self.call("POST", f"/api/v1/{resource}/", json=body)["id"], True


def setup(sup: Superset, duckdb_file: Path) -> dict[str, Any]:
    # 1. database connection -------------------------------------------------------------
    db_payload = {
        "database_name": DATABASE_NAME,
        "sqlalchemy_uri": duckdb_uri(duckdb_file),
        "expose_in_sqllab": True,
        "allow_run_async": False,
        "allow_dml": False,
        "allow_file_upload": False,
        "allow_ctas": False,
        "allow_cvas": False,
        "cache_timeout": 0,
        "extra": json.dumps(
            {
                # No engine_params: Superset then creates each engine with NullPool, i.e. one
                # fresh read-only duckdb connection per query (nothing pinned to an old inode).
                "engine_params": {},
                "metadata_params": {},
                "metadata_cache_timeout": {},
                "schemas_allowed_for_file_upload": [],
                "allows_virtual_table_explore": True,
            }
        ),
    }
    db_id, created = sup.upsert("database", "database_name", DATABASE_NAME, db_payload,
                                create_only={"uuid": str(uuid.uuid5(NS, "database"))})
    print(f"database  {'created' if created else 'updated'}: {DATABASE_NAME} (id={db_id}) -> {duckdb_file}")

    # 2. virtual datasets ------------------------------------------------------------------
    ds_ids: dict[str, int] = {}
    for name, sql in DATASETS.items():
        found = [d for d in sup.find("dataset", "table_name", name) if d["database"]["id"] == db_id]
        sql = sql.strip()
        if found:
            ds_id = found[0]["id"]
            sup.call("PUT", f"/api/v1/dataset/{ds_id}", json={"sql": sql, "schema": SCHEMA})
            created = False
        else:
            ds_id = sup.call(
                "POST", "/api/v1/dataset/",
                json={"database": db_id, "schema": SCHEMA, "table_name": name, "sql": sql},
            )["id"]
            created = True
        # Sync the column list (and temporal flags) with the SQL.
        sup.call("PUT", f"/api/v1/dataset/{ds_id}/refresh")
        ds_ids[name] = ds_id
        print(f"dataset   {'created' if created else 'updated'}: {name} (id={ds_id})")

    # 3. dashboard shell (charts reference it) -----------------------------------------------
    found = sup.find("dashboard", "slug", DASHBOARD_SLUG)
    if found:
        dash_id = found[0]["id"]
        created = False
    else:
        dash_id = sup.call(
            "POST", "/api/v1/dashboard/",
            json={"dashboard_title": DASHBOARD_TITLE, "slug": DASHBOARD_SLUG, "published": True},
        )["id"]
        created = True
    print(f"dashboard {'created' if created else 'found'}: {DASHBOARD_TITLE} (id={dash_id})")

    # 4. charts ------------------------------------------------------------------------------
    charts: list[tuple[int, str]] = []
    for spec in chart_specs(ds_ids):
        params = spec["params"]
        query_context = {
            "datasource": {"id": spec["dataset_id"], "type": "table"},
            "force": False,
            "queries": [spec["query"]],
            "form_data": {**params, "slice_id": None},
            "result_format": "json",
            "result_type": "full",
        }
        payload = {
            "slice_name": spec["slice_name"],
            "description": spec["description"],
            "viz_type": params["viz_type"],
            "datasource_id": spec["dataset_id"],
            "datasource_type": "table",
            "params": json.dumps(params),
            "query_context": json.dumps(query_context),
            "cache_timeout": 0,
            "dashboards": [dash_id],
        }
        chart_id, created = sup.upsert("chart", "slice_name", spec["slice_name"], payload)
        # Store the query context with the real slice_id (as the frontend does on save).
        query_context["form_data"]["slice_id"] = chart_id
        sup.call("PUT", f"/api/v1/chart/{chart_id}", json={"query_context": json.dumps(query_context)})
        charts.append((chart_id, spec["slice_name"]))
        print(f"chart     {'created' if created else 'updated'}: {spec['slice_name']} (id={chart_id})")

    # 5. dashboard layout --------------------------------------------------------------------
    def chart_node(key: str, chart_id: int, name: str, width: int, height: int, row: str) -> dict:
        return {
            "type": "CHART",
            "id": key,
            "children": [],
            "parents": ["ROOT_ID", "GRID_ID", row],
            "meta": {"width": width, "height": height, "chartId": chart_id, "sliceName": name,
                     "uuid": str(uuid.uuid5(NS, f"chart-{name}"))},
        }

    (c1, n1), (c2, n2), (c3, n3) = charts
    position = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
        "HEADER_ID": {"id": "HEADER_ID", "type": "HEADER", "meta": {"text": DASHBOARD_TITLE}},
        "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": ["ROW-top", "ROW-bottom"],
                    "parents": ["ROOT_ID"]},
        "ROW-top": {"type": "ROW", "id": "ROW-top", "children": ["CHART-mentions", "CHART-quotes"],
                    "parents": ["ROOT_ID", "GRID_ID"], "meta": {"background": "BACKGROUND_TRANSPARENT"}},
        "ROW-bottom": {"type": "ROW", "id": "ROW-bottom", "children": ["CHART-events"],
                       "parents": ["ROOT_ID", "GRID_ID"], "meta": {"background": "BACKGROUND_TRANSPARENT"}},
        "CHART-mentions": chart_node("CHART-mentions", c1, n1, 7, 60, "ROW-top"),
        "CHART-quotes": chart_node("CHART-quotes", c2, n2, 5, 60, "ROW-top"),
        "CHART-events": chart_node("CHART-events", c3, n3, 12, 60, "ROW-bottom"),
    }
    metadata = {
        "color_scheme": "supersetColors",
        "refresh_frequency": 0,
        "timed_refresh_immune_slices": [],
        "expanded_slices": {},
        "label_colors": {},
        "shared_label_colors": [],
        "color_scheme_domain": [],
        "cross_filters_enabled": False,
        "native_filter_configuration": [],
        "chart_configuration": {},
        "positions": position,
    }
    sup.call(
        "PUT", f"/api/v1/dashboard/{dash_id}",
        json={
            "dashboard_title": DASHBOARD_TITLE,
            "slug": DASHBOARD_SLUG,
            "published": True,
            "position_json": json.dumps(position),
            "json_metadata": json.dumps(metadata),
        },
    )
    url = f"{sup.base}/superset/dashboard/{DASHBOARD_SLUG}/"
    print(f"dashboard ready: {url}")
    return {"database_id": db_id, "datasets": ds_ids, "dashboard_id": dash_id,
            "charts": [c for c, _ in charts], "url": url}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default=os.environ.get("NEWSWIRE_BI_URL", "http://127.0.0.1:8088"))
    ap.add_argument("--user", default=os.environ.get("NEWSWIRE_BI_USER", "admin"))
    ap.add_argument("--password", default=os.environ.get("NEWSWIRE_BI_PASSWORD", "newswire"))
    ap.add_argument("--published", type=Path, default=published_path())
    args = ap.parse_args(argv)
    if not args.published.is_file():
        print(f"published DuckDB file not found: {args.published}", file=sys.stderr)
        return 2
    setup(Superset(args.url, args.user, args.password), args.published.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
