"""Which in-article names are the same entity across articles.

Python rather than SQL because the fuzzy comparison of transliterations
(Zelenskiy / Zelensky / Zelenskyy) is what rapidfuzz does well. Rules, in order:

1. ``seed_alias``: the name is an alias in seeds/entity_aliases.csv (curated, wins).
2. ``seed_fuzzy``: a multi-word name close to a curated multi-word alias, word by word.
3. ``fuzzy``: multi-word names close to each other merge; the most used form names them.
4. ``surname``: a one-word name that is the last word of exactly one multi-word entity.
5. ``self``: otherwise the name is an entity of its own.
"""

import pandas as pd
from rapidfuzz import fuzz

NAME_SCORE = 88  # whole-name similarity, 0-100
WORD_SCORE = 80  # every word pair must be at least this close


def close(a: str, b: str) -> bool:
    words_a, words_b = a.split(), b.split()
    return (
        len(words_a) == len(words_b)
        and fuzz.ratio(a, b) >= NAME_SCORE
        and all(fuzz.ratio(x, y) >= WORD_SCORE for x, y in zip(words_a, words_b))
    )


def model(dbt, session):
    dbt.config(materialized="table")
    mentions = dbt.ref("int_mention_names").df()
    aliases = dbt.ref("int_alias_keys").df()

    names = (
        mentions.groupby(["article_name_key"])
        .agg(
            article_name=("article_name", lambda s: s.value_counts().index[0]),
            uses=("mention_id", "count"),
        )
        .reset_index()
        .sort_values(["uses", "article_name_key"], ascending=[False, True])
    )
    seed = {row.alias_key: row for row in aliases.itertuples()}
    seed_multiword = sorted(key for key in seed if " " in key)

    assigned = {}  # article_name_key -> (canonical_name, canonical_key, rule)
    for row in names.itertuples():
        key = row.article_name_key
        if key in seed:
            assigned[key] = (seed[key].canonical_name, seed[key].canonical_key, "seed_alias")
        elif " " in key:
            match = next((k for k in seed_multiword if close(key, k)), None)
            if match is not None:
                assigned[key] = (seed[match].canonical_name, seed[match].canonical_key, "seed_fuzzy")

    clusters = []  # (canonical_name, canonical_key) of automatic multi-word entities
    for row in names.itertuples():
        key = row.article_name_key
        if key in assigned or " " not in key:
            continue
        home = next((c for c in clusters if close(key, c[1])), None)
        if home is not None:
            assigned[key] = (home[0], home[1], "fuzzy")
        else:
            clusters.append((row.article_name, key))
            assigned[key] = (row.article_name, key, "self")

    owners_by_last_word = {}
    for canonical_name, canonical_key, _ in set(assigned.values()):
        if " " in canonical_key:
            owners_by_last_word.setdefault(canonical_key.split()[-1], set()).add((canonical_name, canonical_key))
    for row in names.itertuples():
        key = row.article_name_key
        if key in assigned:
            continue
        owners = owners_by_last_word.get(key, set())
        if len(owners) == 1:
            canonical_name, canonical_key = next(iter(owners))
            assigned[key] = (canonical_name, canonical_key, "surname")
        else:
            assigned[key] = (row.article_name, key, "self")

    return pd.DataFrame(
        [
            {"article_name_key": key, "canonical_name": name, "canonical_key": canonical, "match_rule": rule}
            for key, (name, canonical, rule) in sorted(assigned.items())
        ],
        columns=["article_name_key", "canonical_name", "canonical_key", "match_rule"],
    )
