"""Which in-article names are the same entity across articles.

Python rather than SQL because the fuzzy comparison of transliterations
(Zelenskiy / Zelensky / Zelenskyy) is what rapidfuzz does well. Rules, in order
(``match_rule``, shown in dim_entity_aliases as ``merge_rule``):

1. ``seed_alias``: the name is an alias in seeds/entity_aliases.csv (curated, wins).
2. ``seed_fuzzy``: a multi-word name close to a curated multi-word alias, word by word.
3. ``fuzzy``: multi-word names close to each other merge; the most used form names them.
4. ``surname``: a one-word person name (mentions labelled PERSON, or ORG, which spaCy's small
   model gives some people) that is the last word of exactly one multi-word person entity;
   never a place or an institution ("Japan" is not the Bank of Japan's surname).
5. ``acronym``: a one-word name in capitals whose letters are the initials of exactly one
   multi-word entity ("BOJ" in a report that never spells out the Bank of Japan, where
   another report does).
6. ``self``: otherwise the name is an entity of its own.

Names are compared only within a block (same number of words, same first letters), so the
cost grows with the names in a block, not with the square of all names.
"""

import re

import pandas as pd
from rapidfuzz import fuzz

NAME_SCORE = 88  # whole-name similarity, 0-100
WORD_SCORE = 80  # every word pair must be at least this close
FUNCTION_WORDS = {"of", "and", "for", "the", "de", "du", "des", "la", "le", "on", "in", "&"}


def close(a: str, b: str) -> bool:
    words_a, words_b = a.split(), b.split()
    return (
        len(words_a) == len(words_b)
        and fuzz.ratio(a, b) >= NAME_SCORE
        and all(fuzz.ratio(x, y) >= WORD_SCORE for x, y in zip(words_a, words_b))
    )


def block(key: str) -> tuple:
    """Names that can be close share their word count and the first letter of each word."""
    words = key.split()
    return len(words), tuple(w[0] for w in words)


def initials(key: str) -> set[str]:
    """The acronyms a multi-word name can be written as: initials with and without function words."""
    words = re.findall(r"[a-z0-9][\w'’-]*", key)
    return {
        "".join(w[0] for w in words),
        "".join(w[0] for w in words if w not in FUNCTION_WORDS),
    }


def model(dbt, session):
    dbt.config(materialized="table")
    mentions = dbt.ref("int_mention_names").df()
    aliases = dbt.ref("int_alias_keys").df()

    names = (
        mentions.groupby(["article_name_key"])
        .agg(
            article_name=("article_name", lambda s: s.value_counts().index[0]),
            uses=("mention_id", "count"),
            upper=("bare_name", lambda s: bool(s.str.fullmatch(r"[A-Z][A-Za-z0-9]{1,7}").all())),
            label=("entity_label", lambda s: s.value_counts().index[0]),
        )
        .reset_index()
        .sort_values(["uses", "article_name_key"], ascending=[False, True])
    )
    seed = {row.alias_key: row for row in aliases.itertuples()}
    seed_blocks = {}
    for key in sorted(k for k in seed if " " in k):
        seed_blocks.setdefault(block(key), []).append(key)

    assigned = {}  # article_name_key -> (canonical_name, canonical_key, rule)
    for row in names.itertuples():
        key = row.article_name_key
        if key in seed:
            assigned[key] = (seed[key].canonical_name, seed[key].canonical_key, "seed_alias")
        elif " " in key:
            match = next((k for k in seed_blocks.get(block(key), []) if close(key, k)), None)
            if match is not None:
                assigned[key] = (seed[match].canonical_name, seed[match].canonical_key, "seed_fuzzy")

    clusters = {}  # block -> [(canonical_name, canonical_key)] of automatic multi-word entities
    for row in names.itertuples():
        key = row.article_name_key
        if key in assigned or " " not in key:
            continue
        home = next((c for c in clusters.get(block(key), []) if close(key, c[1])), None)
        if home is not None:
            assigned[key] = (home[0], home[1], "fuzzy")
        else:
            clusters.setdefault(block(key), []).append((row.article_name, key))
            assigned[key] = (row.article_name, key, "self")

    label_of = dict(zip(names.article_name_key, names.label))
    owners_by_last_word, owners_by_initials = {}, {}
    for key, (canonical_name, canonical_key, _) in assigned.items():
        if " " in canonical_key and label_of.get(key) == "PERSON":
            owners_by_last_word.setdefault(canonical_key.split()[-1], set()).add((canonical_name, canonical_key))
    for canonical_name, canonical_key, _ in set(assigned.values()):
        if " " in canonical_key:
            for letters in initials(canonical_key):
                owners_by_initials.setdefault(letters, set()).add((canonical_name, canonical_key))
    for row in names.itertuples():
        key = row.article_name_key
        if key in assigned:
            continue
        by_surname = owners_by_last_word.get(key, set()) if row.label in {"PERSON", "ORG"} else set()
        by_initials = owners_by_initials.get(key, set()) if row.upper else set()
        if len(by_surname) == 1:
            canonical_name, canonical_key = next(iter(by_surname))
            assigned[key] = (canonical_name, canonical_key, "surname")
        elif len(by_initials) == 1:
            canonical_name, canonical_key = next(iter(by_initials))
            assigned[key] = (canonical_name, canonical_key, "acronym")
        else:
            assigned[key] = (row.article_name, key, "self")

    return pd.DataFrame(
        [
            {"article_name_key": key, "canonical_name": name, "canonical_key": canonical, "match_rule": rule}
            for key, (name, canonical, rule) in sorted(assigned.items())
        ],
        columns=["article_name_key", "canonical_name", "canonical_key", "match_rule"],
    )
