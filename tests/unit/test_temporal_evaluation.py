"""The TempEval-3 scorer and the TimeML reader behind bench/eval_temporal.py."""

from __future__ import annotations

from datetime import date

from evaluation.temporal import Scores, Timex, read_tml
from tests.conftest import PROJECT_ROOT


def test_tml_reader_gives_dct_and_offsets() -> None:
    document = read_tml(PROJECT_ROOT / "tests" / "fixtures" / "sample.tml")
    assert document.dct == date(1998, 1, 8)
    assert [document.text[t.start : t.end] for t in document.timexes] == ["yesterday", "next week", "three months"]
    assert [t.value for t in document.timexes] == ["1998-01-07", "1998-W03", "P3M"]


def test_scores_strict_relaxed_and_value() -> None:
    gold = [Timex(0, 9, "DATE", "1998-01-07"), Timex(20, 29, "DATE", "1998-W03"), Timex(40, 52, "DURATION", "P3M")]
    system = [
        Timex(0, 9, "DATE", "1998-01-07"),  # exact, right value
        Timex(15, 29, "DATE", "1998-W04"),  # overlap only, wrong value
        Timex(60, 64, "DATE", "1998"),  # spurious
    ]
    scores = Scores()
    scores.add(gold, system)
    table = scores.table()
    assert (scores.strict, scores.relaxed, scores.value_correct, scores.type_correct) == (1, 2, 1, 2)
    assert round(table["relaxed"][2], 1) == 66.7  # P 2/3, R 2/3
    assert round(table["value"][2], 1) == 33.3  # P 1/3, R 1/3
    assert scores.accuracy(scores.value_correct) == 50.0
