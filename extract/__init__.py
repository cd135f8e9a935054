"""newswire's Python package: read articles, tag them with spaCy, load DuckDB.

Each stage lives in its own module so the Airflow DAG can call them one by one:

- ``config``    settings from environment variables and DAG params
- ``articles``  reading article files and telling good ones from bad ones
- ``nlp``       the spaCy pipeline and what it extracts from a document
- ``warehouse`` the DuckDB schema of the raw layer and idempotent loads
- ``pipeline``  the stage functions the DAG tasks call
- ``transform`` running ``dbt build`` in-process
- ``report``    the end-of-run summary printed by ``make run``
"""
