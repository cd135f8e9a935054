"""Scoring entity linking from the marts: do a gold entity's written forms land on one entity?

The gold lists, per entity, the forms an article writes it in (news-dev: per article; the
seed gold: for both articles). Every whole-word occurrence of a form in an article is looked
up in ``marts.fct_mentions`` (the mention overlapping it most); the entity it lands on is the
mention's ``entity_id``. Per gold entity the **majority id** is the id most of its occurrences
land on. Measured:

- ``found``: share of gold occurrences that reach fct_mentions at all;
- ``on_majority``: share of found occurrences on their entity's majority id;
- ``consolidated``: gold entities with ≥ 2 found occurrences whose occurrences all share one id;
- ``wrong_merges``: pairs of gold entities whose majority ids are the same entity, unless the
  gold itself writes one as a form of the other: the gold names an entity per article, so one
  article's "Twitter" can be another's form of "X", one "Washington" another's form of
  "Washington, D.C.".

The majority id is also what the quote and event scorers take as the gold entity's id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from evaluation.corpora import ArticleCorpus, occurrences
from evaluation.scoring import percent


@dataclass
class EntityScores:
    occurrences: int = 0
    found: int = 0
    on_majority: int = 0
    entities: int = 0  # gold entities with >= 2 found occurrences
    consolidated: int = 0
    wrong_merges: list[tuple[str, str]] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float | int]:
        return {
            "occurrences": self.occurrences,
            "found_pct": round(percent(self.found, self.occurrences), 1),
            "on_majority_pct": round(percent(self.on_majority, self.found), 1),
            "entities_2plus": self.entities,
            "consolidated": self.consolidated,
            "consolidated_pct": round(percent(self.consolidated, self.entities), 1),
            "wrong_merges": len(self.wrong_merges),
        }


def article_ids(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Published article id per file name."""
    return {Path(p).name: a for a, p in con.execute("select article_id, source_path from marts.dim_articles").fetchall()}


def landings(con: duckdb.DuckDBPyConnection, corpus: ArticleCorpus) -> dict[str, list[str | None]]:
    """Per gold entity, the entity id each of its occurrences lands on (None: no linked mention)."""
    ids = article_ids(con)
    landed: dict[str, list[str | None]] = {}
    for file_name, article in corpus.articles.items():
        forms = corpus.gold["articles"][file_name].get("entities") or corpus.gold["canonical_entities"]
        mentions = con.execute(
            "select start_char, end_char, entity_id, surface_text from marts.fct_mentions where article_id = ?"
            " order by start_char, end_char, mention_kind",
            [ids.get(file_name)],
        ).fetchall()
        for canonical, spans in _occurrence_spans(article.text, forms).items():
            for start, end in sorted(spans):
                landed.setdefault(canonical, []).append(_entity_at(mentions, start, end, canonical))
    return landed


def _occurrence_spans(text: str, forms: dict[str, list[str]]) -> dict[str, set[tuple[int, int]]]:
    """Whole-word occurrences of each entity's forms. A form inside a longer gold form counts only
    as that longer one: "Trump" in "Donald Trump" once, and "US" in "US President Donald Trump"
    (a form of Donald Trump) not as the United States."""
    found = {
        (span, canonical)
        for canonical, aliases in forms.items()
        for alias in {canonical, *aliases}
        for span in occurrences(text, alias)
    }
    every = {span for span, _ in found}
    spans: dict[str, set[tuple[int, int]]] = {}
    for (s, e), canonical in found:
        if not any(o != (s, e) and o[0] <= s and e <= o[1] for o in every):
            spans.setdefault(canonical, set()).add((s, e))
    return spans


def _entity_at(mentions: list[tuple[int, int, str | None, str]], start: int, end: int, canonical: str) -> str | None:
    """The entity of the mention an occurrence of a gold form is written as.

    A long gold form can hold several mentions ("former President of the European Council
    Donald Tusk"): the one sharing most words with the gold entity's name is its mention; then
    the one overlapping most; on a tie the smaller one (the name "US" rather than the
    descriptor "the US president" around it).
    """
    name_words = _words(canonical)
    overlapping = [
        (len(name_words & _words(surface)), min(e, end) - max(s, start), -(e - s), entity)
        for s, e, entity, surface in mentions
        if s < end and start < e and not (s <= start and end <= e and (s, e) != (start, end) and _descriptor(surface))
    ]  # a descriptor around a name ("the US president" around "US") is not that name's mention
    return max(overlapping, key=lambda t: t[:3])[3] if overlapping else None


def _words(name: str) -> set[str]:
    """Lower-cased words without punctuation: "Austin, Texas" shares "austin" with "Austin"."""
    return {w.strip(".,;:’'\"()").lower() for w in name.split()} - {""}


def _descriptor(surface: str) -> bool:
    """A lower-case description ("the US president"), not a name written with its article ("the
    Competition and Markets Authority")."""
    words = surface.split()
    return surface[:1].islower() and bool(words) and words[-1][:1].islower()


def majority_ids(landed: dict[str, list[str | None]]) -> dict[str, str]:
    """Each gold entity's majority entity id (entities none of whose occurrences landed are absent)."""
    majority = {}
    for canonical, ids in landed.items():
        counts = Counter(i for i in ids if i is not None)
        if counts:  # ties go to the smallest id, so the figure does not depend on row order
            majority[canonical] = min(counts, key=lambda i: (-counts[i], i))
    return majority


def score(landed: dict[str, list[str | None]], forms: dict[str, list[str]] | None = None) -> EntityScores:
    """``forms``: the gold's written forms per canonical name, over all articles."""
    forms = forms or {}
    scores = EntityScores()
    majority = majority_ids(landed)
    for canonical, ids in landed.items():
        found = [i for i in ids if i is not None]
        scores.occurrences += len(ids)
        scores.found += len(found)
        scores.on_majority += sum(i == majority.get(canonical) for i in found)
        if len(found) >= 2:
            scores.entities += 1
            scores.consolidated += len(set(found)) == 1
            if len(set(found)) > 1:
                scores.splits.append(canonical)
    by_id: dict[str, list[str]] = {}
    for canonical, entity_id in majority.items():
        by_id.setdefault(entity_id, []).append(canonical)
    scores.wrong_merges = [
        (names[0], other) for names in by_id.values() if len(names) > 1 for other in names[1:]
        if not _gold_same(names[0], other, forms)
    ]
    return scores


def _gold_same(a: str, b: str, forms: dict[str, list[str]]) -> bool:
    """Does the gold write one canonical name as a form of the other (in some article)?"""
    return b in forms.get(a, ()) or a in forms.get(b, ())


def gold_entity_id(con: duckdb.DuckDBPyConnection, name: str, majority: dict[str, str]) -> str | None:
    """The entity a gold name stands for: its majority id, else the one entity its name key gives."""
    if name in majority:
        return majority[name]
    rows = con.execute(
        "select distinct entity_id from marts.dim_entity_aliases where alias_key = newswire_name_key(?)", [name]
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None
