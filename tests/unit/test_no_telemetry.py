"""dbt and GX are configured never to send usage data."""

from __future__ import annotations

import yaml

from extract.config import Settings
from extract.transform import dbt_environment
from tests.conftest import PROJECT_ROOT


def test_dbt_project_disables_anonymous_usage_stats() -> None:
    project = yaml.safe_load((PROJECT_ROOT / "dbt" / "dbt_project.yml").read_text())
    assert project["flags"]["send_anonymous_usage_stats"] is False


def test_dbt_child_process_gets_tracking_off() -> None:
    assert dbt_environment(Settings.from_env())["DBT_SEND_ANONYMOUS_USAGE_STATS"] == "False"


def test_gx_context_has_analytics_off() -> None:
    from expectations.gx_checks import GxValidator

    validator = GxValidator("telemetry_check")
    assert validator.context.config.analytics_enabled is False
    assert validator.context.variables.progress_bars.globally is False


def test_cosmos_never_reports_usage() -> None:
    """astronomer-cosmos (the dbt task groups) emits usage metrics unless switched off."""
    import extract.transform_tasks  # noqa: F401  (switches it off before cosmos is imported)
    from cosmos import telemetry

    assert telemetry.should_emit() is False
