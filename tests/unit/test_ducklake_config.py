"""The DuckLake switch: configuration, the ATTACH statement, and a clear error where the extensions are missing."""

from __future__ import annotations

import importlib.util

import pytest

from extract import ducklake
from extract.config import Settings


def test_the_published_file_is_the_default_and_the_lake_is_chosen_by_configuration(tmp_path):
    embedded = Settings.from_env({"NEWSWIRE_WAREHOUSE": str(tmp_path / "w.duckdb")})
    assert embedded.ducklake_catalog is None
    lake = Settings.from_env({
        "NEWSWIRE_WAREHOUSE": str(tmp_path / "w.duckdb"),
        "NEWSWIRE_DUCKLAKE": "postgres:dbname=lake host=db",
        "NEWSWIRE_DUCKLAKE_DATA_PATH": "s3://bucket/newswire/",
    })
    assert (lake.ducklake_catalog, lake.ducklake_data_path) == ("postgres:dbname=lake host=db", "s3://bucket/newswire/")
    assert Settings.from_env({"NEWSWIRE_WAREHOUSE": str(tmp_path / "w.duckdb")}).ducklake_data_path == str(
        tmp_path / "lake"
    )


def test_attach_statement_escapes_quotes_and_readers_attach_read_only():
    writer = ducklake.attach_sql("postgres:dbname=lake password=it's", "/data/o'brien/")
    assert writer == (
        "attach 'ducklake:postgres:dbname=lake password=it''s' as newswire (data_path '/data/o''brien/')"
    )
    assert ducklake.attach_sql("postgres:dbname=lake", "/data", read_only=True).endswith("as newswire (read_only)")


@pytest.mark.skipif(importlib.util.find_spec("duckdb_ext") is not None, reason="this venv has the extensions")
def test_without_the_distributed_extra_the_error_says_what_to_install():
    with pytest.raises(ducklake.DuckLakeUnavailable, match="make run-distributed"):
        ducklake.extension_directory()
