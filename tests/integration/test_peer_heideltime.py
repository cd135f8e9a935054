"""HeidelTime, the temporal peer, runs for real: NEWS mode, one JVM, offsets into our text.

Skips (with the reason) when the eval extra or Java is missing: the default test
command installs only ``.[dev]``. Sentences are written for this test.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from evaluation.peers import PeerUnavailableError
from evaluation.peers.heideltime import HeidelTime, find_installation, tag_corpus

pytestmark = pytest.mark.integration

try:
    find_installation()
except PeerUnavailableError as missing:
    pytest.skip(f"HeidelTime peer unavailable: {missing}", allow_module_level=True)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private driver cache, so tests never write into the project's warehouse/."""
    return tmp_path_factory.mktemp("peer_cache")


def test_next_tuesday_resolves_against_the_creation_date(cache: Path) -> None:
    text = "The minister will travel to Paris next Tuesday."
    found = tag_corpus([("trip", text, date(2024, 3, 6))], cache_root=cache)["trip"]
    assert [(t.start, t.end, t.type, t.value) for t in found] == [(34, 46, "DATE", "2024-03-12")]
    assert text[34:46] == "next Tuesday"


def test_many_documents_share_one_jvm_and_keep_python_offsets(cache: Path) -> None:
    documents = [
        # characters outside the BMP count once in Python, twice in Java
        ("rocket", "🚀🚀 The launch slipped to June 2025, officials said.", date(2025, 1, 10)),
        ("blank-lines", "\n\nTalks will resume next Monday after a two-week pause.", date(2023, 11, 15)),
        ("nothing", "No date is mentioned here at all.", date(2023, 11, 15)),
        ("empty", "", date(2023, 11, 15)),
    ]
    with HeidelTime(cache) as heideltime:
        results = {doc_id: heideltime.tag(text, dct) for doc_id, text, dct in documents}
        assert heideltime.startup_seconds is not None and heideltime.startup_seconds > 0
    texts = {doc_id: text for doc_id, text, _ in documents}
    for doc_id, timexes in results.items():
        for t in timexes:
            assert texts[doc_id][t.start : t.end] == t.text
    assert [(t.text, t.type, t.value) for t in results["rocket"]] == [("June 2025", "DATE", "2025-06")]
    monday = next(t for t in results["blank-lines"] if t.text == "next Monday")
    assert (monday.start, monday.type, monday.value) == (20, "DATE", "2023-11-20")
    assert any(t.type == "DURATION" and t.value == "P2W" for t in results["blank-lines"])
    assert results["nothing"] == [] and results["empty"] == []


def test_duplicate_ids_are_refused(cache: Path) -> None:
    with pytest.raises(ValueError, match="duplicate"):
        tag_corpus([("a", "Today.", date(2024, 1, 1)), ("a", "Today.", date(2024, 1, 1))], cache_root=cache)
