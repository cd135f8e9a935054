"""Places the warehouse already curates: the countries and capitals of the dbt seeds (and ISO 3166).

``dbt/seeds/demonyms.csv`` and ``dbt/seeds/capitals.csv`` are the one list of countries and
capitals; the NLP stage reads the same files, so a country or capital added there is known
to both. Names are compared in lower case.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pycountry

from extract.config import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "dbt" / "seeds"

CONTINENTS_AND_REGIONS = frozenset({
    "africa", "antarctica", "asia", "australia", "europe", "oceania", "america", "americas",
    "north america", "south america", "latin america", "central america", "the caribbean", "caribbean",
    "middle east", "the middle east", "eurasia", "scandinavia", "the balkans", "balkans", "the sahel", "sahel",
    "east africa", "west africa", "southern africa", "north africa", "southeast asia", "south asia",
    "central asia", "east asia", "western europe", "eastern europe", "the arctic", "arctic",
})
"""Places that are neither countries nor capitals but are never anybody's surname."""


def _column(file_names: tuple[str, ...], column: str, seeds: Path) -> frozenset[str]:
    names: set[str] = set()
    for file_name in file_names:
        with (seeds / file_name).open(newline="", encoding="utf-8") as handle:
            names.update(row[column].strip().lower() for row in csv.DictReader(handle))
    return frozenset(names)


@lru_cache(maxsize=1)
def known_countries(seeds: Path = SEEDS) -> frozenset[str]:
    """Country names from the curated seeds."""
    return _column(("demonyms.csv", "capitals.csv"), "country", seeds)


@lru_cache(maxsize=1)
def known_capitals(seeds: Path = SEEDS) -> frozenset[str]:
    """Capital cities from the curated seed."""
    return _column(("capitals.csv",), "capital", seeds)


def _without_the(text: str) -> str:
    return text.removeprefix("the ").removeprefix("The ").strip()


@lru_cache(maxsize=2**16)
def is_country_name(text: str) -> bool:
    """A country of the seeds, "US"/"UK", or an ISO 3166 name ("Jordan", "the Netherlands")."""
    text = _without_the(text)
    if text.lower() in known_countries() or text.replace(".", "").upper() in {"US", "UK", "USA"}:
        return True
    try:
        pycountry.countries.lookup(text)
    except LookupError:
        return False
    return len(text) > 3  # "IN", "AT": two- and three-letter codes are words before they are countries


@lru_cache(maxsize=2**16)
def place_label(text: str) -> str | None:
    """The NER label a known place should carry: GPE for a curated capital or a country, LOC for a
    continent or world region, None for a name that is no known place."""
    name = _without_the(text).lower()
    if name in CONTINENTS_AND_REGIONS:
        return "LOC"
    return "GPE" if name in known_capitals() or is_country_name(text) else None


@lru_cache(maxsize=2**12)
def subdivision_kind(text: str) -> str | None:
    """"state" or "province" when the name is one of a country's first-level divisions (ISO 3166-2:
    "Oregon", "Ontario"), else None."""
    name = _without_the(text).lower()
    return _subdivisions().get(name)


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str]:
    kinds = {"State": "state", "Province": "province"}
    return {
        sub.name.lower(): kinds[sub.type]
        for sub in pycountry.subdivisions
        if sub.type in kinds
    }


@lru_cache(maxsize=1)
def countries_by_demonym(seeds: Path = SEEDS) -> dict[str, str]:
    """"saudi" -> "saudi arabia": the curated demonyms, so a title's nationality can be matched to a
    country named elsewhere ("Iranian Foreign Minister X" is one of "the ministers of Iran")."""
    with (seeds / "demonyms.csv").open(newline="", encoding="utf-8") as handle:
        return {row["demonym"].strip().lower(): row["country"].strip().lower() for row in csv.DictReader(handle)}


COUNTRY_SHORT_FORMS = {"us": "united states", "u.s.": "united states", "usa": "united states",
                       "america": "united states", "uk": "united kingdom", "u.k.": "united kingdom",
                       "britain": "united kingdom"}


def country_key(text: str) -> str:
    """One lower-case key for a country however it is written: "Saudi" and "Saudi Arabia", "US",
    "American" and "the United States" each give the same key; other text is returned lower-cased."""
    name = _without_the(text).lower()
    name = countries_by_demonym().get(name, name)
    return COUNTRY_SHORT_FORMS.get(name, name)
