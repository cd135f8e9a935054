"""Percentages shared by the evaluation scripts (temporal, quotes, events)."""

from __future__ import annotations


def percent(part: int, whole: int) -> float:
    """100 * part / whole, and 0 when there is nothing to divide by."""
    return 100 * part / whole if whole else 0.0


def precision_recall_f1(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 in percent, when one count of correct items serves both sides."""
    precision, recall = percent(correct, system), percent(correct, gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
