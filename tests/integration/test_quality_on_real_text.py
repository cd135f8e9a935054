"""Quality floors on real text: the figures `make eval` measures, asserted as floors.

The original seed articles and news-dev (read from ../shared, never copied) go through the
real pipeline (the Airflow DAG) and are scored from the published marts by the same code as
`make eval` (evaluation/report.py), without the peers. TBAQ is scored on time expressions.
Each floor is the level measured when it was set: raise it as quality rises, never set it
above what is measured. Where ../shared is absent (a user's clone) these tests skip.
"""

from __future__ import annotations

import pytest

from evaluation.corpora import article_corpora, tbaq_dir
from evaluation.report import score_all

pytestmark = pytest.mark.integration

FLOORS = {
    # (corpus, task, metric): floor
    ("original seeds", "time expressions", "value_f1"): 86.6,
    ("original seeds", "time expressions", "strict_f1"): 86.6,
    ("original seeds", "quotes", "detection_r"): 100.0,
    ("original seeds", "quotes", "detection_p"): 54.3,  # lowered from 55.9: the added rows are reported speech the seed gold omits (README)
    ("original seeds", "quotes", "speaker_r"): 100.0,
    ("original seeds", "entities", "on_majority_pct"): 100.0,
    ("original seeds", "entities", "consolidated_pct"): 100.0,
    ("original seeds", "events", "p"): 45.0,
    ("original seeds", "events", "r"): 69.2,
    ("original seeds", "events", "participants_pct"): 91.7,
    ("original seeds", "events", "status_pct"): 91.7,
    ("original seeds", "events", "links_r"): 60.0,
    ("news-dev", "time expressions", "value_f1"): 93.6,
    ("news-dev", "time expressions", "strict_f1"): 88.8,
    ("news-dev", "quotes", "detection_r"): 100.0,
    ("news-dev", "quotes", "detection_p"): 96.2,
    ("news-dev", "quotes", "speaker_r"): 93.1,
    ("news-dev", "quotes", "verb_f1"): 95.2,
    ("news-dev", "entities", "on_majority_pct"): 97.7,
    ("news-dev", "entities", "consolidated_pct"): 92.0,
    ("news-dev", "events", "kind_pct"): 77.4,
    ("news-dev", "events", "status_pct"): 88.7,
    # P from 15.3 and participants from 36.5: "beating X 6-4, 6-1" is now a match of its own (a full
    # match), so last year's final it follows no longer takes X from that clause; the gold has X
    # there from the next sentence. One more right event is one more system event: 13 of 86.
    ("news-dev", "events", "p"): 16.5,
    ("news-dev", "events", "participants_pct"): 37.7,
    ("news-dev", "events", "date_pct"): 71.7,
    ("news-dev", "events", "r"): 17.9,
    ("news-dev", "events", "links_p"): 100.0,
    ("news-dev", "events", "links_r"): 50.0,
    ("news-dev", "events", "place_pct"): 73.6,
    ("TBAQ", "time expressions", "value_f1"): 78.9,
    ("TBAQ", "time expressions", "strict_f1"): 86.4,
}
CEILINGS = {
    ("original seeds", "entities", "wrong_merges"): 0,
    ("news-dev", "entities", "wrong_merges"): 1,  # "Netflix Walt Disney Co": two names the text runs together
}


@pytest.fixture(scope="session")
def quality(tmp_path_factory) -> dict:
    corpora = [c for c in article_corpora() if c.available()]
    if len(corpora) < 2 or not tbaq_dir().is_dir():
        pytest.skip("real-text corpora not found: they live in ../shared beside the project")
    scratch = tmp_path_factory.mktemp("quality")
    return score_all(corpora, scratch, tbaq_dir(), None, peers=False, show_errors=False)


@pytest.mark.parametrize("corpus", ["original seeds", "news-dev"])
def test_every_real_article_is_published(quality, corpus: str) -> None:
    pipeline = quality[corpus]["pipeline"]["newswire"]
    assert pipeline["published"] == pipeline["articles"]


@pytest.mark.parametrize(("key", "floor"), FLOORS.items(), ids=[" / ".join(k) for k in FLOORS])
def test_figure_holds_its_floor(quality, key: tuple[str, str, str], floor: float) -> None:
    corpus, task, metric = key
    assert quality[corpus][task]["newswire"][metric] >= floor


@pytest.mark.parametrize(("key", "ceiling"), CEILINGS.items(), ids=[" / ".join(k) for k in CEILINGS])
def test_figure_stays_under_its_ceiling(quality, key: tuple[str, str, str], ceiling: float) -> None:
    corpus, task, metric = key
    assert quality[corpus][task]["newswire"][metric] <= ceiling
