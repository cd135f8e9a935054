"""Every quote of the seed gold, found by the real pipeline run, with its canonical speaker, verb and kind."""

from __future__ import annotations

import pytest

from extract.quote_evaluation import SystemQuote, load_gold, match
from tests.conftest import GOLD_FILE

pytestmark = pytest.mark.integration

GOLD = load_gold(GOLD_FILE)
CASES = [
    pytest.param(file_name, quote, id=f"{file_name[:3]}-{quote['starts'][:35]}")
    for file_name, article in GOLD["articles"].items()
    for quote in article["quotes"]
]


@pytest.fixture(scope="module")
def quotes_by_file(seed_run) -> dict[str, list[SystemQuote]]:
    rows = seed_run.query(
        "select a.source_path, q.quote_text, q.quote_kind, q.speaker, q.verb_lemma"
        " from marts.fct_quotes q join raw.articles a using (article_id)"
    )
    by_file: dict[str, list[SystemQuote]] = {}
    for path, text, kind, speaker, verb in rows:
        by_file.setdefault(path.rsplit("/", 1)[-1], []).append(SystemQuote(text, kind, speaker, verb))
    return by_file


@pytest.mark.parametrize(("file_name", "gold_quote"), CASES)
def test_gold_quote_found_with_speaker_verb_and_kind(quotes_by_file, file_name: str, gold_quote: dict) -> None:
    found = match(gold_quote, quotes_by_file[file_name])
    assert found is not None, f"quote starting {gold_quote['starts']!r} not found"
    assert found.speaker_name == gold_quote["speaker"]
    assert found.verb_lemma == gold_quote["verb"]
    assert found.kind == gold_quote["kind"]


def test_unnamed_source_kept_without_a_name(seed_run) -> None:
    rows = seed_run.query(
        "select speaker_text, speaker_kind, speaker_name, utterance_date from marts.fct_quotes"
        " where speaker_text = 'an aide'"
    )
    assert [(text, kind, name, day.isoformat()) for text, kind, name, day in rows] == [
        ("an aide", "unnamed", None, "2025-10-16")
    ]


def test_utterance_date_is_the_anchor_of_tomorrow(seed_run) -> None:
    """“… meeting tomorrow,” the president said in the same post (written Thursday 2025-10-16)."""
    quote = seed_run.query(
        "select utterance_date, medium from marts.fct_quotes where quote_text like 'President Zelenskyy and I%'"
    )
    tomorrow = seed_run.query(
        "select timex_value, anchor_kind, anchor_date from raw.temporal_expressions where expression_text = 'tomorrow'"
    )
    assert [(d.isoformat(), m) for d, m in quote] == [("2025-10-16", "Truth Social")]
    assert [(v, k, d.isoformat()) for v, k, d in tomorrow] == [("2025-10-17", "utterance", "2025-10-16")]
