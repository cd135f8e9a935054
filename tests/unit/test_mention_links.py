"""In-article linking on sentences written for each rule, parsed by the real spaCy model."""

from __future__ import annotations

import pytest

from extract.config import DEFAULT_SPACY_MODEL
from extract.mention_links import is_agent, link_mentions, refine_entities
from extract.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(DEFAULT_SPACY_MODEL)


def links(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    doc = nlp(text)
    refine_entities(doc)
    return {doc.text[link.start_char : link.end_char]: (link.linked_name, link.link_rule) for link in link_mentions(doc)}


def test_a_shared_surname_goes_to_the_person_meant_not_the_longest_name(nlp) -> None:
    text = (
        "President Donald Trump and first lady Melania Trump visited a hospital in Ohio on Monday. "
        "Mrs. Trump read to children. Later, Trump told reporters the visit went well."
    )
    doc = nlp(text)
    found = [(doc.text[link.start_char : link.end_char], link.linked_name) for link in link_mentions(doc)]
    trumps = [name for surface, name in found if surface == "Trump"]
    assert trumps == ["Melania Trump", "Donald Trump"]


def test_a_defined_acronym_links_to_its_name(nlp) -> None:
    found = links(nlp, "The Kenya African Union (KAU) met in Nairobi. The KAU wants new elections.")
    assert found.get("KAU") == ("Kenya African Union", "acronym_defined")


def test_an_acronym_matching_initials_links_to_the_organisation(nlp) -> None:
    found = links(nlp, "The Reserve Bank of Australia held rates. RBA officials met in Sydney.")
    assert found.get("RBA") == ("Reserve Bank of Australia", "acronym_initials")


def test_a_short_name_is_any_word_of_one_full_name(nlp) -> None:
    found = links(nlp, "Brazilian President Luiz Inacio Lula da Silva flew to Lisbon. Lula met the prime minister.")
    assert found.get("Lula") == ("Luiz Inacio Lula da Silva", "person_part")


def test_a_possessive_span_is_two_mentions(nlp) -> None:
    doc = nlp("Senator Joan Miller spoke. The bill came a day before Miller’s White House visit.")
    refine_entities(doc)
    texts = [e.text for e in doc.ents]
    assert "Miller’s White House" not in texts and "White House" in texts


def test_a_capital_that_speaks_is_an_agent_and_a_place_is_not(nlp) -> None:
    doc = nlp("Tehran said the talks would go on. The ministers met in Tehran.")
    roles = [(e.text, is_agent(e)) for e in doc.ents if e.text == "Tehran"]
    assert roles == [("Tehran", True), ("Tehran", False)]
