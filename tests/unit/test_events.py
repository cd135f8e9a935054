"""Event extraction on small parsed texts: participants, place, time and status rules."""

from __future__ import annotations

from datetime import date

import pytest

from extract.config import DEFAULT_SPACY_MODEL
from extract.events import extract_events
from extract.nlp import load_pipeline
from extract.speakers import SpeakerResolver
from extract.temporal.resolver import resolve_document_and_quotes

PUBLISHED = date(2025, 10, 15)  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(DEFAULT_SPACY_MODEL)


def events(nlp, text: str) -> list[dict]:
    doc = nlp(text)
    resolver = SpeakerResolver.for_doc(doc)
    expressions, _ = resolve_document_and_quotes(doc, PUBLISHED, resolver)
    values = {f"a:{e.start_char}-{e.end_char}": e.value for e in expressions}

    def names(ids):
        return sorted(text[int(i.split(":")[1].split("-")[0]) : int(i.split("-")[1])] for i in ids)

    return [
        {
            "kind": e.kind,
            "status": e.status,
            "participants": names(e.participant_mention_ids),
            "vague": names(e.vague_participant_ids),
            "place": e.location_text,
            "when": values.get(e.timex_id) if e.timex_id else e.time_status,
        }
        for e in extract_events(doc, "a", resolver, expressions, PUBLISHED)
    ]


def test_scheduled_meeting_with_place_and_day(nlp) -> None:
    [event] = events(nlp, "Anna Berg and Maria Lopez will meet in Vienna on Friday.")
    assert event == {
        "kind": "meeting", "status": "scheduled", "participants": ["Anna Berg", "Maria Lopez"], "vague": [],
        "place": "Vienna", "when": "2025-10-17",
    }


def test_held_summit_in_the_past(nlp) -> None:
    [event] = events(nlp, "Anna Berg and Maria Lopez met in Vienna in August.")
    assert (event["status"], event["when"], event["place"]) == ("held", "2025-08", "Vienna")


def test_proposed_vote_takes_the_controlling_subject(nlp) -> None:
    [event] = events(nlp, "Senator John Smith is ready to hold a vote on the bill.")
    assert (event["kind"], event["status"], event["participants"]) == ("vote", "proposed", ["John Smith"])


def test_cancelled_meeting_resolves_its_anaphor(nlp) -> None:
    found = events(nlp, "Anna Berg had pushed for Maria Lopez and Ivan Petrov meeting in Geneva. Those meetings never took place.")
    assert [e["status"] for e in found] == ["proposed", "cancelled"]
    assert found[1]["participants"] == ["Ivan Petrov", "Maria Lopez"]


def test_to_be_determined_date(nlp) -> None:
    found = events(nlp, "Anna Berg and Maria Lopez will hold a summit in Rome. The summit will take place at a yet-to-be-determined date.")
    assert found[-1]["when"] == "to be determined"


def test_call_is_held_even_when_a_plan_follows(nlp) -> None:
    found = events(nlp, "Anna Berg and Maria Lopez agreed during a phone call on Monday to meet in Oslo.")
    by_kind = {e["kind"]: e for e in found}
    assert (by_kind["call"]["status"], by_kind["call"]["when"]) == ("held", "2025-10-13")
    assert (by_kind["meeting"]["status"], by_kind["meeting"]["place"]) == ("scheduled", "Oslo")
    assert by_kind["meeting"]["participants"] == ["Anna Berg", "Maria Lopez"]
