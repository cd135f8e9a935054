"""Scoring time expressions the TempEval-3 way, on TimeML, JSON lines or an article corpus's gold.

TempEval-3 (UzZaman et al., 2013) scores extraction by span match, strict (same
offsets) and relaxed (any overlap), as precision, recall and F1; attributes (type and
value) are scored on relaxed matches, as accuracy and as F1 (a match counts only when
the attribute is right too). HeidelTime's published TempEval-3 value F1 is 77.6.

Corpus formats read here:
- TimeML ``.tml`` files (as TempEval-3 ships them): the DCT is the TIMEX3 with
  functionInDocument="CREATION_TIME"; TIMEX3 tags inside TEXT are the gold.
- JSON lines: one document a line, ``{"id", "dct": "YYYY-MM-DD", "text",
  "timexes": [{"start", "end", "type", "value"}]}``.
- an article corpus's gold (``shared/gold/seed_articles.json``, news-dev), located in the
  articles by context (``evaluation.corpora``); the system side then comes from the published
  mart ``marts.fct_temporal_expressions`` (``marts_timexes``), what a user querying it gets.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from evaluation.corpora import ArticleCorpus, locate
from evaluation.scoring import percent, precision_recall_f1


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None


@dataclass
class Document:
    id: str
    dct: date
    text: str
    timexes: list[Timex] = field(default_factory=list)


# -- readers ---------------------------------------------------------------------------------


def read_tml(path: Path) -> Document:
    """A TimeML file: DCT from the creation-time TIMEX3, gold TIMEX3 offsets within TEXT."""
    root = ET.parse(path).getroot()
    dct_node = next(
        (t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None
    )
    if dct_node is None:
        raise ValueError(f"{path}: no TIMEX3 with functionInDocument=CREATION_TIME")
    dct = date.fromisoformat(dct_node.get("value", "")[:10])
    text_node = root.find("TEXT")
    if text_node is None:
        raise ValueError(f"{path}: no TEXT element")
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(node: ET.Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                timexes.append(Timex(start, sum(map(len, parts)), child.get("type", ""), child.get("value")))
            if child.tail:
                parts.append(child.tail)

    walk(text_node)
    return Document(path.stem, dct, "".join(parts), timexes)


def read_jsonl(path: Path) -> Iterator[Document]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                d = json.loads(line)
                yield Document(
                    d["id"], date.fromisoformat(d["dct"]), d["text"],
                    [Timex(t["start"], t["end"], t["type"], t.get("value")) for t in d["timexes"]],
                )


def gold_type(entry: dict) -> str:
    """The seed gold names the type only for durations; the value tells the rest."""
    value = entry.get("value") or ""
    if "type" in entry:
        return entry["type"]
    if value.startswith("P") and not value.endswith("_REF"):
        return "DURATION"
    return "TIME" if re.search(r"\dT[A-Z0-9]", value) else "DATE"


def gold_documents(corpus: ArticleCorpus) -> list[Document]:
    """The corpus's articles with their gold expressions located by context."""
    documents = []
    for file_name, article in corpus.articles.items():
        timexes = []
        for entry in corpus.gold["articles"][file_name]["timexes"]:
            start, end = locate(article.text, entry)
            timexes.append(Timex(start, end, gold_type(entry), entry.get("value")))
        documents.append(Document(file_name, article.published_date, article.text, timexes))
    return documents


def marts_timexes(con: duckdb.DuckDBPyConnection) -> dict[str, list[Timex]]:
    """System expressions per article file, from the published mart."""
    rows = con.execute(
        "select a.source_path, t.start_char, t.end_char, t.timex_type, t.timex_value"
        " from marts.fct_temporal_expressions t join marts.dim_articles a using (article_id)"
        " order by a.source_path, t.start_char, t.end_char"
    ).fetchall()
    found: dict[str, list[Timex]] = {}
    for path, start, end, type_, value in rows:
        found.setdefault(Path(path).name, []).append(Timex(start, end, type_, value))
    return found


# -- scoring ---------------------------------------------------------------------------------


@dataclass
class Scores:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0

    def add(self, gold: list[Timex], system: list[Timex]) -> None:
        self.gold += len(gold)
        self.system += len(system)
        used: set[int] = set()
        for g in gold:
            exact = next((i for i, s in enumerate(system) if i not in used and (s.start, s.end) == (g.start, g.end)), None)
            overlap = exact if exact is not None else next(
                (i for i, s in enumerate(system) if i not in used and s.start < g.end and g.start < s.end), None
            )
            if overlap is None:
                continue
            used.add(overlap)
            match = system[overlap]
            self.relaxed += 1
            self.strict += exact is not None
            self.type_correct += match.type == g.type
            self.value_correct += match.value == g.value

    def table(self) -> dict[str, tuple[float, float, float]]:
        return {
            "strict": precision_recall_f1(self.strict, self.system, self.gold),
            "relaxed": precision_recall_f1(self.relaxed, self.system, self.gold),
            "type": precision_recall_f1(self.type_correct, self.system, self.gold),
            "value": precision_recall_f1(self.value_correct, self.system, self.gold),
        }

    def accuracy(self, correct: int) -> float:
        return percent(correct, self.relaxed)

    def figures(self) -> dict[str, float | int]:
        """Flat figures for the report: P, R, F1 per measure, and the counts."""
        flat: dict[str, float | int] = {"gold": self.gold, "system": self.system}
        for measure, (p, r, f1) in self.table().items():
            flat.update({f"{measure}_p": round(p, 1), f"{measure}_r": round(r, 1), f"{measure}_f1": round(f1, 1)})
        return flat


def errors(document: Document, system: list[Timex]) -> Iterator[str]:
    """A line per gold expression missed or given another value."""
    for g in document.timexes:
        hit = [s for s in system if s.start < g.end and g.start < s.end]
        if not hit or hit[0].value != g.value:
            yield f"{document.id}: {document.text[g.start:g.end]!r} gold {g.value} system {[h.value for h in hit]}"


def system_timexes(documents: Iterable[Document], model_name: str) -> Iterator[tuple[Document, list[Timex]]]:
    """Run the real pipeline (spaCy + resolver) over the documents."""
    from extract.nlp import load_pipeline
    from extract.temporal.resolver import resolve_document

    nlp = load_pipeline(model_name)
    docs = list(documents)
    for document, doc in zip(docs, nlp.pipe(d.text for d in docs)):
        found = resolve_document(doc, document.dct)
        yield document, [Timex(e.start_char, e.end_char, e.timex_type, e.value) for e in found]
