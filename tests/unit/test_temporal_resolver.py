"""The resolver on small parsed texts: tense, quotes and utterance anchors, relations, leftovers.

Uses the real spaCy model (the parse decides tense), on sentences written for each rule.
"""

from __future__ import annotations

from datetime import date

import pytest

from extract.nlp import load_pipeline
from extract.config import DEFAULT_SPACY_MODEL
from extract.temporal.resolver import resolve_document

WEDNESDAY = date(2025, 10, 15)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(DEFAULT_SPACY_MODEL)


def resolved(nlp, text: str, published: date = WEDNESDAY) -> dict[str, tuple]:
    return {e.text: (e.value, e.anchor_kind, e.anchor_date) for e in resolve_document(nlp(text), published)}


def test_tense_picks_the_weekday(nlp) -> None:
    assert resolved(nlp, "The leaders met on Monday.")["Monday"][0] == "2025-10-13"
    assert resolved(nlp, "The leaders will meet on Monday.")["Monday"][0] == "2025-10-20"
    assert resolved(nlp, "The leaders are expected to meet Friday.")["Friday"][0] == "2025-10-17"


def test_quote_resolves_against_the_utterance(nlp) -> None:
    text = "“We will sign it tomorrow,” the minister said on Monday. Talks go on."
    assert resolved(nlp, text)["tomorrow"] == ("2025-10-14", "utterance", date(2025, 10, 13))


def test_quote_introduced_by_a_dated_attribution(nlp) -> None:
    text = "The minister wrote on Monday: “Today is a good day.”"
    assert resolved(nlp, text)["Today"][1:] == ("utterance", date(2025, 10, 13))


def test_consecutive_quote_continues_the_utterance(nlp) -> None:
    text = "“We are close,” she said on Monday. “We meet again tomorrow,” she added."
    assert resolved(nlp, text)["tomorrow"][0] == "2025-10-14"


def test_undated_quote_falls_back_to_publication(nlp) -> None:
    assert resolved(nlp, "“We meet tomorrow,” she said.")["tomorrow"] == ("2025-10-16", "publication", WEDNESDAY)


def test_relation_uses_the_last_date_mentioned(nlp) -> None:
    text = "The call took place on Monday. It came a day before the summit."
    assert resolved(nlp, text)["a day before"] == ("2025-10-14", "expression", date(2025, 10, 13))


def test_spacy_only_expression_is_kept_with_a_reason(nlp) -> None:
    expressions = resolve_document(nlp("The 2024-25 season was long."), WEDNESDAY)
    leftovers = [e for e in expressions if e.resolution_rule == "spacy_ner"]
    assert leftovers and leftovers[0].value is None
    assert leftovers[0].unresolved_reason.startswith("no normalisation rule for")


def test_invalid_date_keeps_a_row_with_its_reason(nlp) -> None:
    [expression] = resolve_document(nlp("He was born on 29 February 2023."), WEDNESDAY)
    assert (expression.text, expression.value, expression.start_date) == ("29 February 2023", None, None)
    assert expression.unresolved_reason == "'29 February 2023' is not a valid date"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Fans expect a crowd at the final on the coming weekend.", "2025-W42-WE"),
        ("The market reopens next weekend.", "2025-W43-WE"),
        ("The town held a fair last weekend.", "2025-W41-WE"),
    ],
)
def test_weekend_relative_to_the_anchor_week(nlp, text: str, value: str) -> None:
    found = {e.text.lower(): e.value for e in resolve_document(nlp(text), WEDNESDAY)}
    weekend = next(key for key in found if "weekend" in key)
    assert found[weekend] == value


SATURDAY = date(2025, 10, 18)


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        # the present does not point anywhere: the nearest occurrence
        ("The regional council meets Friday to set the budget.", WEDNESDAY, "Friday", "2025-10-17"),
        ("The regional council meets Friday to set the budget.", SATURDAY, "Friday", "2025-10-17"),
        ("The museum reopens in August after repairs.", WEDNESDAY, "August", "2025-08"),
        # a past participle dates a done deed
        ("The ruling, announced Tuesday by the court, surprised the union.", SATURDAY, "Tuesday", "2025-10-14"),
        # modals look ahead
        ("The convoy could leave as early as Monday.", WEDNESDAY, "Monday", "2025-10-20"),
        ("Ministers must agree the text by March 3.", WEDNESDAY, "March 3", "2026-03-03"),
        # a date inside a noun phrase has no tense: the nearest
        ("The firm missed the Oct. 20 deadline.", date(2025, 10, 24), "Oct. 20", "2025-10-20"),
        ("Shares fell after Monday's vote, traders said.", WEDNESDAY, "Monday", "2025-10-13"),
        # a gerund takes the tense of the clause above it
        ("Speaking to reporters on Tuesday, the mayor said the bridge would reopen.", SATURDAY, "Tuesday", "2025-10-14"),
        # scheduled in the passive points ahead, even in the past tense
        ("The hearing was scheduled for Thursday.", WEDNESDAY, "Thursday", "2025-10-16"),
    ],
)
def test_direction_from_tense_aspect_and_modality(nlp, text, published, expression, value) -> None:
    assert resolved(nlp, text, published)[expression][0] == value


def test_an_age_is_not_a_time(nlp) -> None:
    assert resolved(nlp, "Kowalski, 47, was arrested at the border.") == {}


def test_spacy_date_entity_read_by_the_grammar(nlp) -> None:
    found = resolved(nlp, "The stadium, built for the 1996 tournament, will be rebuilt.")
    assert found.get("1996", (None,))[0] == "1996"
