"""dbt docs for the warehouse: ``make docs`` generates them and serves them on 127.0.0.1.

The catalog (column types, row counts) is read from the pipeline's working file, so run the
pipeline first (``make run``); descriptions come from the models' YAML. Serving binds to
127.0.0.1 only, like every other listener of the project.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from extract.config import Settings
from extract.errors import PermanentError
from extract.transform import dbt_command, dbt_environment, run_dbt

log = logging.getLogger(__name__)

DOCS_PORT = int(os.environ.get("NEWSWIRE_DOCS_PORT", "8081"))


class DocsError(PermanentError):
    """dbt docs could not be generated; the message says why."""


def generate_docs(settings: Settings) -> Path:
    """``dbt docs generate`` into the dbt target folder; returns the folder holding index.html."""
    if not settings.warehouse_path.exists():
        raise DocsError(f"no warehouse at {settings.warehouse_path}: run the pipeline first (make run)")
    if run_dbt("docs generate", settings) != 0:
        raise DocsError("dbt docs generate failed: see the dbt output above")
    return settings.dbt_target_dir


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = Settings.from_env()
    try:
        target = generate_docs(settings)
    except DocsError as err:
        sys.exit(f"make docs: {err}")
    print(f"dbt docs generated in {target}; serving on http://127.0.0.1:{DOCS_PORT} (Ctrl-C stops)", flush=True)
    command = dbt_command("docs serve", settings, "--host", "127.0.0.1", "--port", str(DOCS_PORT), "--no-browser")
    os.execvpe(command[0], command, dbt_environment(settings))


if __name__ == "__main__":
    main()
