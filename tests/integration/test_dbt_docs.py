"""make docs: dbt docs generated from the real warehouse, with every mart and its description."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from extract.config import Settings
from extract.docs import DocsError, generate_docs
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.integration


def test_docs_hold_every_mart_with_its_columns(seed_run, tmp_path) -> None:
    settings = replace(Settings.from_env(), warehouse_path=seed_run.warehouse, dbt_target_dir=tmp_path / "docs")
    target = generate_docs(settings)
    assert (target / "index.html").exists()
    catalog = json.loads((target / "catalog.json").read_text())
    manifest = json.loads((target / "manifest.json").read_text())
    marts = {p.stem for p in (PROJECT_ROOT / "dbt" / "models" / "marts").glob("*.sql")}
    in_catalog = {node["metadata"]["name"] for node in catalog["nodes"].values() if node["metadata"]["schema"] == "marts"}
    assert marts <= in_catalog
    described = {n["name"] for n in manifest["nodes"].values() if n["resource_type"] == "model" and n["description"]}
    assert marts <= described


def test_docs_without_a_warehouse_say_what_to_do(tmp_path) -> None:
    settings = replace(Settings.from_env(), warehouse_path=tmp_path / "none.duckdb", dbt_target_dir=tmp_path / "docs")
    with pytest.raises(DocsError, match=r"run the pipeline first \(make run\)"):
        generate_docs(settings)
