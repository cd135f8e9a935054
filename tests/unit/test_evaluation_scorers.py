"""The scorers' own rules on small made-up gold: occurrences, majority ids, same-event links."""

from __future__ import annotations

from datetime import date

from evaluation import entities
from evaluation.corpora import evidence_fragments, occurrences
from evaluation.events import _interval, _same_time_and_place
from evaluation.quotes import is_unnamed, same_group


def test_occurrences_are_whole_words() -> None:
    text = "X said Xi met Max on X."
    assert list(occurrences(text, "X")) == [(0, 1), (21, 22)]


def test_a_form_inside_a_longer_form_counts_once() -> None:
    text = "Mayor Ana Ruiz spoke. Ruiz left. The city council of Lima met."
    forms = {"Ana Ruiz": ["Mayor Ana Ruiz", "Ruiz"], "Lima": ["Lima"], "Mayor": ["Mayor"]}
    spans = entities._occurrence_spans(text, forms)
    assert spans["Ana Ruiz"] == {(0, 14), (22, 26)}
    assert "Mayor" not in spans  # only ever inside "Mayor Ana Ruiz"


def test_majority_and_wrong_merges() -> None:
    landed = {"Ana Ruiz": ["E1", "E1", "E2", None], "Lima": ["E3"], "Peru": ["E3", "E3"]}
    scores = entities.score(landed)
    assert entities.majority_ids(landed) == {"Ana Ruiz": "E1", "Lima": "E3", "Peru": "E3"}
    assert (scores.found, scores.on_majority, scores.entities, scores.consolidated) == (6, 5, 2, 1)
    assert scores.wrong_merges == [("Lima", "Peru")]


def test_two_gold_names_the_gold_itself_writes_as_one_are_no_wrong_merge() -> None:
    landed = {"Lima": ["E3"], "Ciudad de los Reyes": ["E3"], "Peru": ["E3"]}
    forms = {"Lima": ["Lima", "Ciudad de los Reyes"], "Peru": ["Peru"]}  # one article's form, another's name
    assert entities.score(landed, forms).wrong_merges == [("Lima", "Peru")]


def test_a_name_written_with_its_article_is_that_names_mention_not_a_description() -> None:
    mentions = [(0, 25, "E1", "the Nordic Fishing Union"), (40, 59, "E2", "the Peruvian leader"), (44, 52, "E3", "Peruvian")]
    assert entities._entity_at(mentions, 4, 25, "Nordic Fishing Union") == "E1"
    assert entities._entity_at(mentions, 44, 52, "Peru") == "E3"  # the description around the name is not it


def test_a_city_written_with_its_state_is_the_city_mention() -> None:
    mentions = [(0, 6, "CITY", "Austin"), (8, 13, "STATE", "Texas")]
    assert entities._entity_at(mentions, 0, 13, "Austin, Texas") == "CITY"  # punctuation is no part of a word


def test_gold_dates_become_intervals() -> None:
    assert _interval({"value": "2024-02"}) == (date(2024, 2, 1), date(2024, 2, 29))
    assert _interval({"value": "2024-W10"}) == (date(2024, 3, 4), date(2024, 3, 10))
    assert _interval({"value": "P2W", "start": "2024-03-01", "end": "2024-03-14"}) == (date(2024, 3, 1), date(2024, 3, 14))
    assert _interval({"value": None}) is None


def test_open_dates_link_only_at_the_same_place() -> None:
    dated = {"value": "2024-06", "location": "Oslo"}
    assert _same_time_and_place({"value": "2024-06-12"}, dated)
    assert not _same_time_and_place({"value": "2024-07-01"}, dated)
    assert _same_time_and_place({"value": None, "location": "Oslo"}, {"value": "P2W", "location": "Oslo"})
    assert not _same_time_and_place({"value": None, "location": "Oslo"}, {"value": "2024-06", "location": "Bergen"})


def test_evidence_fragments_split_on_both_separators() -> None:
    assert evidence_fragments("talks in Oslo ... on Friday; a second round") == ["talks in Oslo", "on Friday", "a second round"]


def test_an_unnamed_gold_speaker_is_written_either_way() -> None:
    assert is_unnamed("sources (unnamed)") and is_unnamed("unnamed sources") and is_unnamed("Fed officials (unnamed)")
    assert not is_unnamed("Ana Unnamedova")


def test_a_group_speaker_is_matched_by_its_head_and_qualifiers() -> None:
    assert same_group("French inspectors", "Inspectors from France")
    assert same_group("Garcia's lawyers", "Garcia's lawyers")
    assert same_group("Union and employer negotiators", "The negotiators")  # less specific, not different
    assert not same_group("French inspectors", "Inspectors from Spain")  # another group
    assert not same_group("French inspectors", "officials")  # another head
    assert not same_group("French inspectors", None)


def test_a_gold_start_past_the_closing_mark_or_with_its_that_matches_the_quote() -> None:
    from evaluation.quotes import SystemQuote, match

    system = [SystemQuote("record levels,", "partial", None, None, "say"),
              SystemQuote("the harvest would fail", "indirect", None, None, "warn")]
    assert match({"starts": 'record levels," with counting'}, system) == 0
    assert match({"starts": "that the harvest would fail"}, system) == 1
    assert match({"starts": "the harvest will fail"}, system) is None
