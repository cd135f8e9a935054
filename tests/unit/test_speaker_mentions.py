"""Mentions added for named speakers: one mention per span, whatever label the NER model gave it."""

from __future__ import annotations

import spacy

from extract.nlp import speaker_name_mentions

TEXT = "Ines Varga said the port would reopen, Tomas Brandt said."


def quote(start: int, end: int) -> dict:
    return {"speaker_kind": "name", "speaker_mention_id": None, "speaker_start": start, "speaker_end": end,
            "speaker_name": TEXT[start:end]}


def test_a_speaker_tagged_as_something_else_keeps_its_one_mention() -> None:
    doc = spacy.blank("en")(TEXT)
    existing = [{"article_id": "a", "start_char": 0, "end_char": 10, "surface_text": "Ines Varga",
                 "entity_label": "PRODUCT", "is_agent": False}]
    quotes = [quote(0, 10), quote(39, 51)]

    added = speaker_name_mentions("a", quotes, [0], doc, existing)

    assert existing[0]["entity_label"] == "PERSON" and existing[0]["is_agent"]
    assert [(m["surface_text"], m["entity_label"]) for m in added] == [("Tomas Brandt", "PERSON")]
    assert [q["speaker_mention_id"] for q in quotes] == ["a:0-10", "a:39-51"]
