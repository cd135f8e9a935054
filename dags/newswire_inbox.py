"""newswire_inbox: files dropped into the landing folder start a newswire_etl run on that folder.

    new_files_in_inbox (deferrable sensor) → name_the_run → start_newswire_etl

Every minute a run waits, deferred in Airflow's triggerer (no worker slot held), up to 55 s
for files in ``NEWSWIRE_INBOX_DIR`` (default ``warehouse/inbox/``) that the warehouse has not
taken in, then starts ``newswire_etl`` with the inbox as its input folder: extract reads only
those files (a file already loaded with the same size and modification time is skipped).
The run id names the files, so the same new files never start two runs while the first is
queued. Unpause this DAG in the UI to turn the landing folder on.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator
from airflow.sdk import dag, task

from extract.config import Settings
from extract.inbox_watch import InboxSensor

SETTINGS = Settings.from_env()


@dag(
    dag_id="newswire_inbox",
    schedule=timedelta(minutes=1),
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    is_paused_upon_creation=True,  # opt in: unpause it in the UI to turn the landing folder on
    tags=["newswire"],
    doc_md=__doc__,
)
def newswire_inbox():
    new_files = InboxSensor(
        task_id="new_files_in_inbox",
        inbox=str(SETTINGS.inbox_dir),
        warehouse=str(SETTINGS.warehouse_path),
        poke_interval=10,
        timeout=55,
        soft_fail=True,  # nothing new within the minute: skipped, not failed
    )

    @task
    def name_the_run(files: list[str]) -> str:
        """One run id per set of new files: a second look at the same files finds the run already there."""
        from extract.inbox import run_id_for

        return run_id_for(files)

    TriggerDagRunOperator(
        task_id="start_newswire_etl",
        trigger_dag_id="newswire_etl",
        trigger_run_id=name_the_run(new_files.output),
        conf={"input_dir": str(SETTINGS.inbox_dir)},
        skip_when_already_exists=True,
    )


newswire_inbox()
