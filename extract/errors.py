"""Errors that retrying cannot fix.

The DAG retries a task that fails on something transient (a killed worker, a file lock);
a ``PermanentError`` (a failed validation, a failed dbt test, an unknown operator target,
a missing model) fails the task at once with its message, so nobody waits for retries
that would fail the same way.
"""

from __future__ import annotations


class PermanentError(RuntimeError):
    """The same input would fail the same way: fail the task now, without retries."""
