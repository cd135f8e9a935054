"""The real-text corpora the quality report is measured on, and their gold.

Everything is read from ``../shared`` (beside the project) at evaluation time and never
copied into the project. An article corpus is a set of article files in the seed format
plus one or more gold files shaped like ``shared/gold/seed_articles.json``; several gold
files of one corpus (news-dev has ``gold-a.json`` and ``gold-b.json``) are merged.
TBAQ is TimeML and is read by ``evaluation.temporal.read_tml``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from extract.articles import Article, parse_article
from extract.config import PROJECT_ROOT

SHARED = Path(os.environ.get("NEWSWIRE_SHARED", PROJECT_ROOT.parent / "shared"))


@dataclass(frozen=True)
class ArticleCorpus:
    """Article files and their merged gold."""

    name: str
    articles_dir: Path
    gold_files: tuple[Path, ...]

    def available(self) -> bool:
        return self.articles_dir.is_dir() and all(f.is_file() for f in self.gold_files)

    @cached_property
    def gold(self) -> dict:
        """``articles`` (per file), ``canonical_entities`` (name -> aliases) and ``same_event`` notes."""
        merged: dict = {"articles": {}, "canonical_entities": {}, "same_event": []}
        for path in self.gold_files:
            gold = json.loads(path.read_text(encoding="utf-8"))
            merged["articles"].update(gold["articles"])
            cross = gold.get("cross_article", {})
            for name, aliases in cross.get("canonical_entities", {}).items():
                known = merged["canonical_entities"].setdefault(name, [])
                known.extend(a for a in aliases if a not in known)
            merged["same_event"].extend(cross.get("same_event", []))
        for article in merged["articles"].values():  # per-article entities (news-dev) are aliases too
            for name, aliases in article.get("entities", {}).items():
                known = merged["canonical_entities"].setdefault(name, [])
                known.extend(a for a in aliases if a not in known)
        return merged

    @cached_property
    def articles(self) -> dict[str, Article]:
        """The gold's articles, parsed as the pipeline parses them (offsets index ``Article.text``)."""
        return {
            name: parse_article((self.articles_dir / name).read_bytes(), str(self.articles_dir / name))
            for name in self.gold["articles"]
        }


def article_corpora(shared: Path = SHARED) -> list[ArticleCorpus]:
    """The original seed articles and news-dev."""
    news_dev = shared / "corpora" / "news-dev"
    return [
        ArticleCorpus("original seeds", shared / "seeds", (shared / "gold" / "seed_articles.json",)),
        ArticleCorpus("news-dev", news_dev / "articles", tuple(sorted(news_dev.glob("gold-*.json")))),
    ]


def tbaq_dir(shared: Path = SHARED) -> Path:
    return shared / "corpora" / "tbaq-cleaned"


def evidence_fragments(evidence: str) -> list[str]:
    """Gold evidence may join several verbatim fragments with '; ' or ' ... '."""
    parts: list[str] = []
    for chunk in evidence.split("; "):
        parts.extend(p.strip() for p in chunk.split(" ... ") if p.strip())
    return parts


def occurrences(text: str, phrase: str) -> Iterator[tuple[int, int]]:
    """Every whole-word occurrence of phrase in text ("X" the platform, not the x in "Xi")."""
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
    for found in pattern.finditer(text):
        yield found.start(), found.end()


def locate(text: str, entry: dict) -> tuple[int, int]:
    """Offsets of a gold expression: its text, inside its context."""
    context_at = text.find(entry["context"])
    if context_at < 0:
        raise ValueError(f"context {entry['context']!r} not found")
    start = text.find(entry["text"], context_at)
    return start, start + len(entry["text"])
