"""Scoring quotes against gold shaped like ``shared/gold/seed_articles.json``.

Gold quotes give the speaker's canonical name, the verb lemma, the kind and the words the
quote ``starts`` with. A system quote matches a gold quote when its text starts with those
words (or, for a quotation split differently, contains them); each system quote matches at
most one gold quote. The speaker is right when the system's speaker entity is the gold
speaker's entity (``evaluation.entities.gold_entity_id``: the entity most of its written
forms land on), so "he" and "the president" count only when resolved to the right person;
a gold speaker marked "(unnamed)" ("sources (unnamed)") is right when the system names none.
A gold speaker that is a group with no entity of its own ("U.S. prosecutors", "Zhao's lawyers",
"Iranian foreign ministry") can only be compared as written: it is right when the system's
speaker's head noun is one of the gold speaker's words and its proper-noun qualifiers, if any,
share one with it (demonyms read as their country)
("Prosecutors in the U.S." is "U.S. prosecutors"; "Officials from Saudi Arabia" is "Saudi
officials"; "officials from Qatar" is not).

Two systems are scored the same way: newswire from the published mart ``marts.fct_quotes``,
and textacy's direct-quotation extractor (the peer), whose speaker text is looked up with
the warehouse's own name key (textacy resolves no pronouns or titles).
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from evaluation.corpora import ArticleCorpus
from evaluation.scoring import precision_recall_f1


@dataclass(frozen=True)
class SystemQuote:
    text: str
    kind: str
    speaker_entity_id: str | None
    speaker: str | None
    verb_lemma: str | None


@dataclass
class QuoteScores:
    gold: int = 0
    system: int = 0
    detected: int = 0
    speaker_right: int = 0
    verb_right: int = 0
    kind_right: int = 0

    def figures(self) -> dict[str, float | int]:
        flat: dict[str, float | int] = {"gold": self.gold, "system": self.system}
        for name, correct in [
            ("detection", self.detected), ("speaker", self.speaker_right),
            ("verb", self.verb_right), ("kind", self.kind_right),
        ]:
            p, r, f1 = precision_recall_f1(correct, self.system, self.gold)
            flat.update({f"{name}_p": round(p, 1), f"{name}_r": round(r, 1), f"{name}_f1": round(f1, 1)})
        return flat


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).lower().strip(" \"“”'")


def _quoted_words(starts: str) -> str:
    """The words a gold ``starts`` gives, as a quote's own text can begin: the gold may run past the
    closing quotation mark to stay unique ('hefty margins," with voting') or open an indirect quote
    with its complementizer ("that investors could ..."), neither of which is part of the quote."""
    words = _norm(starts)
    for mark in ('"', "”"):
        if mark in words:
            words = words[: words.index(mark)].rstrip()
    return words.removeprefix("that ")


def match(gold_quote: dict, system: list[SystemQuote], used: set[int] | None = None) -> int | None:
    """Index of the system quote that gold_quote matches (starting with its words, else containing them)."""
    used = used or set()
    starts = _quoted_words(gold_quote["starts"])
    candidates = [(i, _norm(q.text)) for i, q in enumerate(system) if i not in used]
    exact = [i for i, text in candidates if text.startswith(starts)]
    inside = [i for i, text in candidates if starts in text]
    return (exact or inside or [None])[0]


def is_unnamed(gold_speaker: str) -> bool:
    """The gold marks an unnamed speaker either way: "sources (unnamed)" or "unnamed sources"."""
    words = gold_speaker.lower().replace("(", " ").replace(")", " ").split()
    return "unnamed" in words


GROUP_PREPOSITIONS = {"from", "in", "at", "for", "of", "with"}


@cache
def _country_of_demonym() -> dict[str, str]:
    """"french" -> "france", from the warehouse's own demonym seed, so "French inspectors" is "Inspectors from France"."""
    seed = Path(__file__).resolve().parents[1] / "dbt" / "seeds" / "demonyms.csv"
    with seed.open(encoding="utf-8") as rows:
        return {row["demonym"].lower(): row["country"].split()[0].lower() for row in csv.DictReader(rows)}


def _words_of(name: str) -> list[str]:
    words = [w.strip(".,;:()'\"’").lower().removesuffix("'s").removesuffix("’s") for w in name.split()]
    return [_country_of_demonym().get(w, w) for w in words]


def same_group(gold_speaker: str, system_speaker: str | None) -> bool:
    """Whether a system group speaker names the gold group (see the module docstring)."""
    if not system_speaker:
        return False
    words = system_speaker.split()
    cut = next((i for i, w in enumerate(words) if w.lower() in GROUP_PREPOSITIONS), len(words))
    head = _words_of(words[cut - 1])[0] if cut else ""
    gold_words = _words_of(gold_speaker)
    if not head or head not in gold_words:
        return False
    qualifiers = [_words_of(w)[0] for i, w in enumerate(words) if i != cut - 1 and w[:1].isupper()
                  and w.lower() not in {"the", "a", "an"}]
    return not qualifiers or any(g[:4] == q[:4] for q in qualifiers for g in gold_words if len(q) > 1)


def score(
    corpus: ArticleCorpus, system_by_file: dict[str, list[SystemQuote]], speaker_id: Callable[[str], str | None]
) -> tuple[QuoteScores, list[str]]:
    """Scores over every article of the corpus, and a line per miss or wrong attribute."""
    scores = QuoteScores()
    problems: list[str] = []
    for file_name, article in corpus.gold["articles"].items():
        system = system_by_file.get(file_name, [])
        scores.gold += len(article["quotes"])
        scores.system += len(system)
        used: set[int] = set()
        for gold_quote in article["quotes"]:
            index = match(gold_quote, system, used)
            if index is None:
                problems.append(f"{file_name}: missed {gold_quote['starts']!r}")
                continue
            used.add(index)
            found = system[index]
            scores.detected += 1
            expected = speaker_id(gold_quote["speaker"])
            unnamed = is_unnamed(gold_quote["speaker"])  # "sources (unnamed)": right when none is named
            group = expected is None and not unnamed and same_group(gold_quote["speaker"], found.speaker)
            if (unnamed and found.speaker_entity_id is None) or (expected is not None and found.speaker_entity_id == expected) or group:
                scores.speaker_right += 1
            else:
                problems.append(f"{file_name}: {gold_quote['starts'][:40]!r} speaker {found.speaker} != {gold_quote['speaker']}")
            scores.verb_right += found.verb_lemma == gold_quote["verb"]
            scores.kind_right += found.kind == gold_quote["kind"]
    return scores, problems


def marts_quotes(con: duckdb.DuckDBPyConnection) -> dict[str, list[SystemQuote]]:
    """newswire's quotes per article file, from the published mart."""
    rows = con.execute(
        "select a.source_path, q.quote_text, q.quote_kind, q.speaker_entity_id,"
        " coalesce(q.speaker, case when q.speaker_kind in ('group', 'pronoun') then q.speaker_name end), q.verb_lemma"
        " from marts.fct_quotes q join marts.dim_articles a using (article_id) order by a.source_path, q.start_char"
    ).fetchall()
    by_file: dict[str, list[SystemQuote]] = {}
    for path, text, kind, entity_id, speaker, verb in rows:
        by_file.setdefault(Path(path).name, []).append(SystemQuote(text, kind, entity_id, speaker, verb))
    return by_file


def textacy_quotes(con: duckdb.DuckDBPyConnection, corpus: ArticleCorpus) -> dict[str, list[SystemQuote]]:
    """The peer's quotes per article file, as textacy ships (documents with unbalanced marks skipped)."""
    from evaluation.entities import gold_entity_id
    from evaluation.peers.textacy_quotes import quote_corpus

    found = quote_corpus((name, article.text) for name, article in corpus.articles.items())
    return {
        name: [
            SystemQuote(q.quote_text, q.kind, gold_entity_id(con, q.speaker_text, {}), q.speaker_text, q.cue_lemma)
            for q in peer.quotes
        ]
        for name, peer in found.items()
    }
