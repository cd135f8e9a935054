"""Peer systems run on the same documents as newswire, for a side-by-side quality report.

- ``heideltime``: HeidelTime (TIMEX3 tagging and normalisation), NEWS mode, in one JVM.
- ``textacy_quotes``: textacy's direct-quotation extractor over the project's spaCy parse.

Both need the ``eval`` extra; HeidelTime also needs Java. A missing piece raises
``PeerUnavailableError`` naming what to install, so callers (and tests) can report or
skip instead of failing deep inside a subprocess or an import.
"""


class PeerUnavailableError(RuntimeError):
    """A peer system cannot run here: a package or a program it needs is missing."""
