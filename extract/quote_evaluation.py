"""Scoring quote extraction against a gold file shaped like ``shared/gold/seed_articles.json``.

Gold quotes give the speaker's canonical name, the verb lemma, the kind and the words
the quote ``starts`` with. A system quote matches a gold quote when its text starts
with those words (or, for a quotation split differently, contains them). Speakers
agree when the system's name is the gold name or one of its aliases in the gold's
``canonical_entities`` (or shares the surname of one, for in-article name forms such
as "Volodymyr Zelensky").
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.scoring import precision_recall_f1


@dataclass(frozen=True)
class SystemQuote:
    text: str
    kind: str
    speaker_name: str | None
    verb_lemma: str | None


@dataclass
class QuoteScores:
    gold: int = 0
    system: int = 0
    detected: int = 0
    speaker_right: int = 0
    verb_right: int = 0
    kind_right: int = 0

    def precision_recall(self, correct: int) -> tuple[float, float]:
        return precision_recall_f1(correct, self.system, self.gold)[:2]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).lower()


def same_person(system_name: str | None, gold_name: str, aliases: dict[str, list[str]]) -> bool:
    if system_name is None:
        return False
    forms = {_norm(gold_name), *(_norm(a) for a in aliases.get(gold_name, []))}
    name = _norm(system_name)
    return name in forms or name.split()[-1] in {f.split()[-1] for f in forms}


def match(gold_quote: dict, system: list[SystemQuote]) -> SystemQuote | None:
    starts = _norm(gold_quote["starts"])
    exact = [q for q in system if _norm(q.text).startswith(starts)]
    return (exact or [q for q in system if starts in _norm(q.text)] or [None])[0]


def score(gold: dict, system_by_file: dict[str, list[SystemQuote]]) -> tuple[QuoteScores, list[str]]:
    """Scores over every article of the gold file, and a line per miss or wrong attribute."""
    aliases = gold.get("cross_article", {}).get("canonical_entities", {})
    scores = QuoteScores()
    problems: list[str] = []
    for file_name, article in gold["articles"].items():
        system = system_by_file.get(file_name, [])
        scores.gold += len(article["quotes"])
        scores.system += len(system)
        for gold_quote in article["quotes"]:
            found = match(gold_quote, system)
            if found is None:
                problems.append(f"{file_name}: missed {gold_quote['starts']!r}")
                continue
            scores.detected += 1
            if same_person(found.speaker_name, gold_quote["speaker"], aliases):
                scores.speaker_right += 1
            else:
                problems.append(f"{file_name}: {gold_quote['starts']!r} speaker {found.speaker_name} != {gold_quote['speaker']}")
            scores.verb_right += found.verb_lemma == gold_quote["verb"]
            scores.kind_right += found.kind == gold_quote["kind"]
    return scores, problems


def system_quotes(gold: dict, articles_dir: Path, model_name: str) -> Iterator[tuple[str, list[SystemQuote]]]:
    """Run the real pipeline (spaCy, temporal resolver, quote extraction) over the gold's articles."""
    from extract.articles import parse_article
    from extract.nlp import load_pipeline
    from extract.temporal.resolver import resolve_document_and_quotes

    nlp = load_pipeline(model_name)
    for file_name in gold["articles"]:
        article = parse_article((articles_dir / file_name).read_bytes(), file_name)
        _, quotes = resolve_document_and_quotes(nlp(article.text), article.published_date)
        yield file_name, [
            SystemQuote(q.quote_text, q.kind, q.speaker.name if q.speaker else None, q.verb_lemma) for q in quotes
        ]


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
