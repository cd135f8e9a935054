"""A deferrable sensor on the landing folder: waits in Airflow's triggerer, not in a worker slot.

``InboxSensor`` defers at once to ``InboxTrigger``, which polls ``extract.inbox.inbox_state``
every ``poke_interval`` seconds in the triggerer's event loop (the check itself runs in a
thread: it lists a folder and reads two small tables). When the folder holds files the
warehouse has not seen and no pipeline run holds the warehouse, the trigger fires and the
sensor returns the new files' paths. If ``timeout`` passes first, the sensor is skipped
(``soft_fail``): "nothing new" is not a failure.

The trigger lives in this installed package, not in ``dags/``, so the triggerer can import it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from airflow.sdk import BaseSensorOperator
from airflow.triggers.base import BaseTrigger, TriggerEvent

from extract.inbox import inbox_state


class InboxTrigger(BaseTrigger):
    """Fires with the new files' paths once the inbox has some and the warehouse is free."""

    def __init__(self, inbox: str, warehouse: str, poke_interval: float = 15.0) -> None:
        super().__init__()
        self.inbox = inbox
        self.warehouse = warehouse
        self.poke_interval = poke_interval

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return (
            f"{type(self).__module__}.{type(self).__qualname__}",
            {"inbox": self.inbox, "warehouse": self.warehouse, "poke_interval": self.poke_interval},
        )

    async def run(self) -> AsyncIterator[TriggerEvent]:
        while True:
            state = await asyncio.to_thread(inbox_state, Path(self.inbox), Path(self.warehouse))
            if state.ready:
                yield TriggerEvent({"new_files": list(state.new_files)})
                return
            await asyncio.sleep(self.poke_interval)


class InboxSensor(BaseSensorOperator):
    """Waits (deferred) for files the warehouse has not seen in ``inbox``; returns their paths."""

    def __init__(self, *, inbox: str, warehouse: str, poke_interval: float = 15.0, **kwargs: Any) -> None:
        super().__init__(poke_interval=poke_interval, **kwargs)
        self.inbox = inbox
        self.warehouse = warehouse

    def execute(self, context: Any) -> list[str] | None:
        state = inbox_state(Path(self.inbox), Path(self.warehouse))
        if state.ready:  # no need to hand over to the triggerer
            return list(state.new_files)
        self.defer(
            trigger=InboxTrigger(self.inbox, self.warehouse, float(self.poke_interval)),
            method_name="execute_complete",
            timeout=timedelta(seconds=float(self.timeout)),
        )
        return None

    def execute_complete(self, context: Any, event: dict[str, Any] | None = None) -> list[str]:
        new_files = list((event or {}).get("new_files", []))
        self.log.info("inbox %s: %d new files: %s", self.inbox, len(new_files), new_files[:20])
        return new_files
